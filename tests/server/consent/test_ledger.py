"""The hash-chained ledger on SQLite and PostgreSQL: links, tampering, concurrency."""

import multiprocessing
import threading
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, func, select, update

from server import db
from server.consent import ConsentRecord
from server.consent.audit import verify_chain
from server.consent.chain import GENESIS

ACCEPT_ALL = {"action": "accept_all", "categories": ["necessary", "analytics", "marketing"]}


def post(client, make_decision, **overrides):
    response = client.post(
        "/api/consent",
        json=make_decision(pageUrl="https://flowmailer.com/nl/", **overrides),
        headers={"User-Agent": "Mozilla/5.0 Ledger"},
        environ_base={"REMOTE_ADDR": "192.0.2.77"},
    )
    assert response.status_code == 201, response.json
    return response.json


def records(app):
    with app.app_context():
        return db.session.scalars(select(ConsentRecord).order_by(ConsentRecord.id)).all()


def test_each_record_links_to_the_one_before(ledger_app, make_decision):
    client = ledger_app.test_client()
    receipts = [post(client, make_decision) for _ in range(3)]
    # Record 1 publishes the texts and code these visitors were given (publications.py).
    first = records(ledger_app)[0]
    assert first.action == "published" and first.prev_hash == GENESIS
    assert [r["recordId"] for r in receipts] == [2, 3, 4]
    assert receipts[0]["prevHash"] == first.hash
    assert receipts[1]["prevHash"] == receipts[0]["hash"]
    assert receipts[2]["prevHash"] == receipts[1]["hash"]
    stamps = [datetime.fromisoformat(r["timestamp"]) for r in receipts]
    assert stamps == sorted(stamps)
    with ledger_app.app_context():
        report = verify_chain()
    assert report.ok and report.checked == 4 and report.head_hash == receipts[2]["hash"]


def test_untouched_ledger_verifies_on_the_command_line(ledger_app, make_decision):
    client = ledger_app.test_client()
    for _ in range(3):
        post(client, make_decision)
    result = ledger_app.test_cli_runner().invoke(args=["consent", "verify"])
    assert result.exit_code == 0, result.output
    assert "ledger OK: 4 records verified" in result.output


def test_empty_ledger_verifies(ledger_app):
    result = ledger_app.test_cli_runner().invoke(args=["consent", "verify"])
    assert result.exit_code == 0
    assert "0 records verified" in result.output


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"action": "reject_all"}, "its contents do not match its hash"),
        ({"categories": ["necessary"]}, "its contents do not match its hash"),
        ({"services": {"necessary": ["consent"]}}, "its contents do not match its hash"),
        ({"revision": 2}, "its contents do not match its hash"),
        ({"consent_id": str(uuid.uuid4())}, "its contents do not match its hash"),
        ({"gpc": True}, "its contents do not match its hash"),
        ({"created_at": datetime(2020, 1, 1, tzinfo=UTC)}, "its contents do not match its hash"),
        ({"ip": "198.51.100.0"}, "its IP, user agent or page URL was changed"),
        ({"user_agent": "curl/8"}, "its IP, user agent or page URL was changed"),
        ({"page_url": None}, "its IP, user agent or page URL was changed"),
        ({"prev_hash": "f" * 64}, "its previous-hash link does not match"),
        (
            {"ip": None, "user_agent": None, "page_url": None, "personal_salt": None},
            "its personal fields were removed without an erase or purge record",
        ),
    ],
)
def test_changing_one_stored_field_names_that_record(ledger_app, make_decision, changes, problem):
    client = ledger_app.test_client()
    for _ in range(4):
        post(client, make_decision)
    with ledger_app.app_context():
        db.session.execute(update(ConsentRecord).where(ConsentRecord.id == 2).values(**changes))
        db.session.commit()
    result = ledger_app.test_cli_runner().invoke(args=["consent", "verify"])
    assert result.exit_code == 1
    assert f"ledger BROKEN at record 2: {problem}" in result.output
    assert "(1 records before it verified)" in result.output


def test_deleting_a_record_breaks_the_next_link(ledger_app, make_decision):
    client = ledger_app.test_client()
    for _ in range(3):
        post(client, make_decision)
    with ledger_app.app_context():
        db.session.execute(delete(ConsentRecord).where(ConsentRecord.id == 2))
        db.session.commit()
        report = verify_chain()
    assert report.broken_id == 3
    assert "previous-hash link" in report.problem


def test_recomputing_a_changed_record_hash_still_breaks_the_chain(ledger_app, make_decision):
    client = ledger_app.test_client()
    for _ in range(3):
        post(client, make_decision)
    with ledger_app.app_context():
        record = db.session.get(ConsentRecord, 2)
        record.categories = ["necessary"]
        record.hash = record.computed_hash()  # a careful forger re-seals the record...
        db.session.commit()
        report = verify_chain()
    assert report.broken_id == 3  # ...but the next record still points at the old hash


def _hammer(app, make_decision, threads, per_thread):
    acknowledged: list[int] = []
    failures: list[object] = []
    lock = threading.Lock()

    def writer():
        client = app.test_client()
        for _ in range(per_thread):
            response = client.post("/api/consent", json=make_decision(**ACCEPT_ALL))
            with lock:
                if response.status_code == 201:
                    acknowledged.append(response.json["recordId"])
                else:
                    failures.append(response.json)

    workers = [threading.Thread(target=writer) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return acknowledged, failures


def test_concurrent_writers_keep_one_chain_and_lose_nothing(ledger_app, make_decision):
    acknowledged, failures = _hammer(ledger_app, make_decision, threads=8, per_thread=500)
    assert failures == []
    assert len(acknowledged) == 4000
    assert sorted(acknowledged) == list(range(2, 4002))  # after the edition's publication
    with ledger_app.app_context():
        stored = db.session.scalar(select(func.count()).select_from(ConsentRecord))
        report = verify_chain()
    assert stored == 4001
    assert report.ok and report.checked == 4001


def test_erasure_keeps_decisions_and_the_chain(ledger_app, make_decision, visitor_auth):
    client = ledger_app.test_client()
    consent_id = str(uuid.uuid4())
    post(client, make_decision, consentId=consent_id, **ACCEPT_ALL)
    post(client, make_decision)  # another visitor
    post(client, make_decision, consentId=consent_id, action="withdraw", categories=["necessary"])
    response = client.post(f"/api/consent/{consent_id}/erase", headers=visitor_auth(consent_id))
    assert response.status_code == 200
    assert response.json["erasedRecords"] == 2
    assert response.json["tombstone"]["action"] == "erase"
    assert response.json["tombstone"]["recordId"] == 5
    own = client.get(f"/api/consent/{consent_id}", headers=visitor_auth(consent_id)).json["records"]
    assert [r["action"] for r in own] == ["accept_all", "withdraw", "erase"]
    for record in own[:2]:
        assert record["ip"] is record["userAgent"] is record["pageUrl"] is None
        assert record["erasedAt"] is not None
    assert own[2]["details"] == {"records": [2, 4]}
    other = records(ledger_app)[2]
    assert other.ip == "192.0.2.0" and other.user_agent == "Mozilla/5.0 Ledger"
    with ledger_app.app_context():
        assert verify_chain().ok
    again = client.post(f"/api/consent/{consent_id}/erase", headers=visitor_auth(consent_id))
    assert again.json["erasedRecords"] == 0 and "tombstone" not in again.json


def test_erase_of_unknown_or_malformed_id(client, visitor_auth):
    someone = str(uuid.uuid4())
    assert (
        client.post(f"/api/consent/{someone}/erase", headers=visitor_auth(someone)).status_code
        == 404
    )
    assert client.post("/api/consent/nope/erase").status_code == 400


def test_erase_on_the_command_line(ledger_app, make_decision):
    client = ledger_app.test_client()
    receipt = post(client, make_decision)
    runner = ledger_app.test_cli_runner()
    result = runner.invoke(args=["consent", "erase", receipt["consentId"]])
    assert result.exit_code == 0, result.output
    assert "erased personal fields of 1 records, tombstone record 3" in result.output
    assert records(ledger_app)[1].ip is None
    assert runner.invoke(args=["consent", "verify"]).exit_code == 0
    bad = runner.invoke(args=["consent", "erase", "not-a-uuid"])
    assert bad.exit_code == 2 and "must be a UUID" in bad.output


def test_purge_removes_old_personal_fields_and_keeps_the_chain(ledger_app, make_decision):
    client = ledger_app.test_client()
    for _ in range(3):
        post(client, make_decision)
    runner = ledger_app.test_cli_runner()
    kept = runner.invoke(args=["consent", "purge", "--older-than", "1"])
    assert "purged personal fields of 0 records" in kept.output
    assert all(r.ip for r in records(ledger_app) if r.action == "custom")
    result = runner.invoke(args=["consent", "purge", "--older-than", "0"])
    assert result.exit_code == 0, result.output
    assert "of 3 records older than 0 days, tombstone record 5" in result.output
    stored = records(ledger_app)
    assert all(r.ip is None and r.user_agent is None and r.page_url is None for r in stored)
    assert [r.action for r in stored][-1] == "purge"
    assert stored[1].categories == ["necessary", "analytics"]  # the proof itself stays
    verified = runner.invoke(args=["consent", "verify"])
    assert verified.exit_code == 0, verified.output


def test_purge_uses_the_configured_retention(ledger_app, make_decision):
    post(ledger_app.test_client(), make_decision)
    ledger_app.config["RETENTION_DAYS"] = 30
    result = ledger_app.test_cli_runner().invoke(args=["consent", "purge"])
    assert "purged personal fields of 0 records older than 30 days" in result.output


def test_clock_stepping_back_keeps_chain_time_ordered(ledger_app, make_decision, monkeypatch):
    client = ledger_app.test_client()
    first = post(client, make_decision)
    past = datetime.fromisoformat(first["timestamp"]) - timedelta(hours=1)
    monkeypatch.setattr("server.consent.ledger.utc_now", lambda: past)
    second = post(client, make_decision)
    assert second["timestamp"] == first["timestamp"]


def test_writers_taking_turns_each_append_after_the_others(ledger_app, make_decision):
    """Another app on the same database stands for another process: each must see its writes."""
    from server import create_app

    other = create_app({**ledger_app.config, "AUTO_MIGRATE": False})
    clients = [ledger_app.test_client(), other.test_client()]
    receipts = [post(clients[turn % 2], make_decision) for turn in range(5)]
    with other.app_context():
        db.engine.dispose()
    assert [r["recordId"] for r in receipts] == [2, 3, 4, 5, 6]
    assert [r["prevHash"] for r in receipts[1:]] == [r["hash"] for r in receipts[:-1]]


def _process_writer(config, count, queue, threads=4):
    """Runs in a separate process: its own app, engine, connections and group commit.

    Several threads per process, as under gunicorn, so batches from different
    processes interleave on the one chain.
    """
    from server import create_app

    app = create_app(config)
    ids = []

    def writer():
        client = app.test_client()
        for _ in range(count // threads):
            body = {"consentId": str(uuid.uuid4()), "revision": 1, "language": "nl", **ACCEPT_ALL}
            response = client.post("/api/consent", json=body)
            ids.append(response.json.get("recordId") if response.status_code == 201 else None)

    workers = [threading.Thread(target=writer) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    queue.put(ids)


def test_concurrent_processes_keep_one_chain(ledger_app):
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    config = {**ledger_app.config, "AUTO_MIGRATE": False}
    config = {k: v for k, v in config.items() if k.isupper() and k != "SQLALCHEMY_ENGINE_OPTIONS"}
    processes = [ctx.Process(target=_process_writer, args=(config, 100, queue)) for _ in range(4)]
    for process in processes:
        process.start()
    acknowledged = [i for _ in processes for i in queue.get(timeout=120)]
    for process in processes:
        process.join(timeout=60)
    assert None not in acknowledged
    assert sorted(acknowledged) == list(range(2, 402))  # one publication for all four
    with ledger_app.app_context():
        assert verify_chain().checked == 401
