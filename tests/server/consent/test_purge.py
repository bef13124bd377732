"""Retention purges in batches sized by time, and tombstones explained in O(log n) per record."""

import gc
import random
import threading
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from server import db
from server.consent import ConsentRecord, retention
from server.consent.audit import Explanations, verify_chain


def post_many(client, count):
    """``count`` visitors accepting everything; their consent ids."""
    ids = [str(uuid.uuid4()) for _ in range(count)]
    everything = ["necessary", "analytics", "marketing"]
    for consent_id in ids:
        body = {"consentId": consent_id, "action": "accept_all", "categories": everything}
        response = client.post("/api/consent", json={**body, "revision": 1, "language": "en"})
        assert response.status_code == 201
    return ids


def test_a_purge_goes_in_batches_each_with_its_own_tombstone(ledger_app, visitor_auth):
    client = ledger_app.test_client()
    visitors = post_many(client, 6)  # records 2..7 after the publication
    assert (
        client.post(
            f"/api/consent/{visitors[1]}/erase", headers=visitor_auth(visitors[1])
        ).status_code
        == 200
    )  # record 8
    with ledger_app.app_context():
        result = retention.purge(timedelta(0), batch=3, budget=0)
        count, tombstones = result.records, result.tombstones
        rows = db.session.scalars(select(ConsentRecord).order_by(ConsentRecord.id)).all()
        assert count == 5  # the erased visitor's record was not purged twice, events never
        ranges = [(t["details"]["fromId"], t["details"]["toId"]) for t in tombstones]
        assert ranges == [(1, 3), (4, 6), (7, 8)]
        assert [t["details"]["records"] for t in tombstones] == [1, 3, 1]
        decisions = [r for r in rows if r.action == "accept_all"]
        assert all(r.ip is None and r.user_agent is None for r in decisions)
        assert rows[0].action == "published" and rows[0].personal_salt is not None
        assert verify_chain().ok
        # A second run starts after the last purged record: nothing to read, nothing logged.
        assert retention.purge(timedelta(0), batch=3, budget=0).tombstones == []


def test_a_purge_cut_short_leaves_every_erased_record_explained(app):
    client = app.test_client()
    post_many(client, 4)
    with app.app_context():
        real_batch = retention._purge_batch
        calls = []

        def fail_second(*args):
            calls.append(args)
            if len(calls) == 2:
                raise RuntimeError("the purge process was killed")
            return real_batch(*args)

        retention._purge_batch = fail_second
        try:
            retention.purge(timedelta(0), batch=2, budget=0)
        except RuntimeError:
            pass
        finally:
            retention._purge_batch = real_batch
        assert verify_chain().ok  # the first batch and its tombstone, nothing half-done
        assert (
            retention.purge(timedelta(0), batch=2, budget=0).records == 3
        )  # it resumes where the first batch ended
        assert verify_chain().ok


def test_a_record_erased_without_a_tombstone_is_still_caught(app):
    post_many(app.test_client(), 3)
    with app.app_context():
        record = db.session.get(ConsentRecord, 3)
        record.ip = record.user_agent = record.page_url = record.personal_salt = None
        db.session.commit()
        report = verify_chain()
    assert report.broken_id == 3 and "without an erase or purge record" in report.problem


def purge_ranges(result):
    return [(t["details"]["fromId"], t["details"]["toId"]) for t in result.tombstones]


SLOW = [(1, 20), (21, 30), (31, 35), *((n, n + 4) for n in range(36, 60, 5)), (61, 61)]


@pytest.mark.parametrize(
    ("budget", "first", "expected"),
    [
        (1e-9, 20, SLOW),  # every batch over its budget: halved each time, down to SMALLEST
        (1e3, 5, [(1, 5), (6, 15), (16, 35), (36, 61)]),  # far within it: doubled, up to LARGEST
    ],
)
def test_batches_are_sized_by_how_long_the_last_one_held_the_lock(
    app, monkeypatch, budget, first, expected
):
    monkeypatch.setattr(retention, "SMALLEST", 5)
    monkeypatch.setattr(retention, "LARGEST", 30)
    post_many(app.test_client(), 60)  # records 2..61 after the publication
    with app.app_context():
        result = retention.purge(timedelta(0), batch=first, budget=budget)
        assert purge_ranges(result) == expected
        assert result.records == 60 and result.batches == len(expected)
        assert verify_chain().ok


def test_next_batch_aims_at_the_budget_within_halving_and_doubling():
    assert retention.next_batch(500, held=0.010, budget=0.010) == 500
    assert retention.next_batch(500, held=0.008, budget=0.010) == 625
    assert retention.next_batch(500, held=0.001, budget=0.010) == 1000
    assert retention.next_batch(500, held=0.015, budget=0.010) == 333
    assert retention.next_batch(500, held=0.480, budget=0.010) == 250  # one stall is not a trend
    assert retention.next_batch(retention.SMALLEST, held=1.0) == retention.SMALLEST
    assert retention.next_batch(retention.LARGEST, held=0.0) == retention.LARGEST


def test_decisions_are_written_between_the_batches_of_a_running_purge(app):
    """A visitor deciding while the purge runs is stored in its turn, not after the whole purge."""
    client = app.test_client()
    post_many(client, 40)
    done, written = threading.Event(), []

    def visitor():
        writer = app.test_client()
        while not done.is_set():
            written.extend(post_many(writer, 1))

    thread = threading.Thread(target=visitor)
    with app.app_context():
        thread.start()
        try:
            result = retention.purge(timedelta(0), batch=4, budget=0)
        finally:
            done.set()
            thread.join(timeout=30)
        rows = db.session.execute(
            select(ConsentRecord.id, ConsentRecord.action, ConsentRecord.consent_id)
        ).all()
        tombstones = [row.id for row in rows if row.action == "purge"]
        during = [
            row.id
            for row in rows
            if row.consent_id in written and tombstones[0] < row.id < tombstones[-1]
        ]
        assert during, "no decision was written between the purge's first and last batch"
        # Nothing purged twice, nothing missed: the ranges tile the window, counts add up.
        ranges = purge_ranges(result)
        assert all(a[1] + 1 == b[0] for a, b in zip(ranges, ranges[1:], strict=False))
        assert sum(t["details"]["records"] for t in result.tombstones) == result.records
        assert verify_chain().ok


def brute_force(purges, record_id, created_at):
    return any(first <= record_id <= last and created_at < cut for first, last, cut in purges)


def test_the_purge_sweep_agrees_with_searching_every_purge():
    """Differential: the heap sweep answers as the linear search it replaced, over random purges."""
    rng = random.Random(17)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for _ in range(50):
        purges = []
        for event_id in sorted(rng.sample(range(2, 400), 12)):
            first = rng.randint(1, event_id - 1)
            last = rng.randint(first, event_id - 1)
            cutoff = start + timedelta(hours=rng.randint(0, 400))
            purges.append((first, last, cutoff, event_id))
        explanations = Explanations()
        for first, last, cutoff, event_id in purges:
            before = cutoff.isoformat().replace("+00:00", "Z")
            details = {"before": before, "fromId": first, "toId": last}
            explanations.add(
                {"id": event_id, "action": "purge", "consent_id": None, "details": details}
            )
        explanations.ready()
        ranges = [(first, last, cutoff) for first, last, cutoff, _ in purges]
        for record_id in range(1, 400):
            created_at = start + timedelta(hours=record_id)
            assert explanations.explain(record_id, None, created_at) == brute_force(
                ranges, record_id, created_at
            )


def test_purges_from_before_batching_still_explain_their_records():
    explanations = Explanations()
    before = "2026-06-01T00:00:00.000000Z"
    explanations.add(
        {"id": 10, "action": "purge", "consent_id": None, "details": {"before": before}}
    )
    explanations.ready()
    old = datetime(2026, 5, 1, tzinfo=UTC)
    assert explanations.explain(3, None, old)
    assert not explanations.explain(11, None, old)  # after the tombstone: not its doing


def test_no_garbage_collection_runs_while_a_batch_holds_the_lock(app, monkeypatch):
    """A full collection took 50 ms inside a 5 ms batch; it waits for the step aside."""
    post_many(app.test_client(), 6)
    real_batch, collecting = retention._purge_batch, []

    def batch(*args):
        collecting.append(gc.isenabled())
        return real_batch(*args)

    monkeypatch.setattr(retention, "_purge_batch", batch)
    with app.app_context():
        assert gc.isenabled()
        retention.purge(timedelta(0), batch=2, budget=0)
    assert collecting == [False] * 4 and gc.isenabled()
