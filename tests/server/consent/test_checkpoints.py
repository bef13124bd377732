"""Signed checkpoints: full walks check them, incremental walks start at them, /admin uses them."""

import uuid

import pytest
from sqlalchemy import delete, select, update

from server import db
from server.consent import ConsentRecord, LedgerCheckpoint, checkpoints
from server.consent.verification import verify_all, verify_since_checkpoint

TOKEN = {"Authorization": "Bearer test-admin-token-of-32-characters-at-least"}


def post_many(app, count):
    client = app.test_client()
    for _ in range(count):
        body = {
            "consentId": str(uuid.uuid4()),
            "action": "reject_all",
            "categories": ["necessary"],
            "revision": 1,
            "language": "nl",
        }
        assert client.post("/api/consent", json=body).status_code == 201


@pytest.fixture
def every_five(monkeypatch):
    monkeypatch.setattr(checkpoints, "EVERY", 5)


def stored(app):
    with app.app_context():
        return db.session.scalars(
            select(LedgerCheckpoint).order_by(LedgerCheckpoint.record_id)
        ).all()


def test_a_full_walk_signs_checkpoints_along_the_chain_and_at_the_head(ledger_app, every_five):
    post_many(ledger_app, 11)  # records 1..12 with the publication
    with ledger_app.app_context():
        report = verify_all()
        jwks = ledger_app.extensions["consent_receipts"].jwks()
        assert report.ok and report.checked == 12 and report.checkpoints == 0
        made = stored(ledger_app)
        assert [c.record_id for c in made] == [5, 10, 12]
        assert all(checkpoints.signature_valid(c, jwks) for c in made)
        head = db.session.get(ConsentRecord, 12)
        assert made[-1].hash == head.hash
        again = verify_all()  # the next full walk checks each one it passes
    assert again.ok and again.checkpoints == 3


def test_a_forged_checkpoint_breaks_the_full_walk(app, every_five):
    post_many(app, 6)
    with app.app_context():
        verify_all()
        db.session.execute(
            update(LedgerCheckpoint)
            .where(LedgerCheckpoint.record_id == 5)
            .values(signature="x.y.z")
        )
        db.session.commit()
        report = verify_all()
    assert report.broken_id == 5 and "signature does not verify" in report.problem


def test_cutting_records_off_the_end_is_caught_by_the_checkpoint_that_covered_them(app):
    post_many(app, 4)
    with app.app_context():
        assert verify_all().ok  # head checkpoint at record 5
        db.session.execute(delete(ConsentRecord).where(ConsentRecord.id >= 4))
        db.session.commit()
        report = verify_all()
    assert not report.ok and "records were removed" in report.problem


def test_an_incremental_walk_checks_only_what_came_after_the_checkpoint(app, every_five):
    post_many(app, 4)
    with app.app_context():
        assert verify_all().ok  # checkpoints at 5
    post_many(app, 3)  # records 6..8
    with app.app_context():
        report = verify_since_checkpoint()
        assert report.ok and report.start_id == 5 and report.checked == 3
        db.session.execute(update(ConsentRecord).where(ConsentRecord.id == 7).values(revision=9))
        db.session.execute(update(ConsentRecord).where(ConsentRecord.id == 2).values(revision=9))
        db.session.commit()
        after = verify_since_checkpoint()
        assert after.broken_id == 7  # record 2 is before the checkpoint: only a full walk reads it
        assert verify_all().broken_id == 2


def test_a_checkpointed_record_that_was_rewritten_stops_the_incremental_walk(app):
    post_many(app, 2)
    with app.app_context():
        assert verify_all().ok
        db.session.execute(update(ConsentRecord).where(ConsentRecord.id == 3).values(hash="f" * 64))
        db.session.commit()
        report = verify_since_checkpoint()
    assert report.broken_id == 3 and "checkpoint signed" in report.problem


def test_admin_verifies_a_long_tail_in_the_background(client, app, monkeypatch):
    from server.admin import ledger_status

    monkeypatch.setattr(ledger_status, "INLINE_RECORDS", 3)
    post_many(app, 5)
    page = client.get("/admin", headers=TOKEN).get_data(as_text=True)
    assert "Ledger verified up to record 0; verifying 6 newer records in the background" in page
    worker = ledger_status.background(app)
    worker.thread.join(timeout=30)
    assert client.get("/admin/stats.json", headers=TOKEN).json["ledger"]["verifiedUpTo"] == 6
    post_many(app, 2)  # within INLINE_RECORDS of the checkpoint: verified in the request
    body = client.get("/admin/stats.json", headers=TOKEN).json["ledger"]
    assert body["verifiedUpTo"] == 8 and body["pending"] == 0 and body["ok"]


def test_a_broken_record_found_in_the_background_is_shown(client, app, monkeypatch):
    from server.admin import ledger_status

    monkeypatch.setattr(ledger_status, "INLINE_RECORDS", 1)
    post_many(app, 4)
    with app.app_context():
        db.session.execute(update(ConsentRecord).where(ConsentRecord.id == 3).values(revision=4))
        db.session.commit()
    client.get("/admin", headers=TOKEN)
    ledger_status.background(app).thread.join(timeout=30)
    page = client.get("/admin", headers=TOKEN).get_data(as_text=True)
    assert "Ledger BROKEN at record 3" in page
