"""A retried post returns the original record and receipt; it never stores a second one."""

import threading
import uuid

from joserfc import jws
from joserfc.jwk import KeySet
from sqlalchemy import func, select

from server import db
from server.consent import ConsentRecord
from server.consent.audit import verify_chain
from server.consent.models import EVENTS


def count(app):
    """Decisions stored; the publication of what visitors were shown is not one."""
    with app.app_context():
        decisions = select(func.count()).where(ConsentRecord.action.not_in(EVENTS))
        return db.session.scalar(decisions)


def test_a_retry_returns_the_original_record_and_receipt(app, client, make_decision):
    body = make_decision(idempotencyKey=str(uuid.uuid4()))
    first = client.post("/api/consent", json=body)
    retry = client.post("/api/consent", json=body)
    assert first.status_code == 201
    assert retry.status_code == 200
    assert {k: v for k, v in retry.json.items() if k != "receipt"} == {
        k: v for k, v in first.json.items() if k != "receipt"
    }  # the same record, the access key included: the retry proved it sent the first post
    keys = KeySet.import_key_set(client.get("/.well-known/jwks.json").json)
    for response in (first, retry):
        signed = jws.deserialize_compact(response.json["receipt"], keys)
        assert signed.payload  # both receipts verify; they cover the same record
    assert count(app) == 1


def test_the_same_key_with_another_decision_is_a_409_and_stores_nothing(app, client, make_decision):
    key = str(uuid.uuid4())
    body = make_decision(idempotencyKey=key)
    assert client.post("/api/consent", json=body).status_code == 201
    changed = {**body, "action": "reject_all", "categories": ["necessary"]}
    response = client.post("/api/consent", json=changed)
    assert response.status_code == 409
    assert "idempotencyKey" in response.json["description"]
    other_visitor = {**body, "consentId": str(uuid.uuid4())}
    assert client.post("/api/consent", json=other_visitor).status_code == 409
    assert count(app) == 1


def test_an_idempotency_key_must_be_a_random_uuid(client, make_decision):
    response = client.post("/api/consent", json=make_decision(idempotencyKey="again"))
    assert response.status_code == 400
    assert response.json["field"] == "idempotencyKey"


def test_retries_at_the_same_moment_store_one_record(ledger_app, make_decision):
    body = make_decision(idempotencyKey=str(uuid.uuid4()))
    statuses = []

    def post() -> None:
        client = ledger_app.test_client()
        for _ in range(5):  # what a banner does: try again until the ledger answers
            response = client.post("/api/consent", json=body)
            if response.status_code != 503:
                statuses.append(response.status_code)
                return

    threads = [threading.Thread(target=post) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(statuses) == [200] * 7 + [201]
    assert count(ledger_app) == 1
    with ledger_app.app_context():
        assert verify_chain().ok
