"""Group commit: many threads' records in one transaction, never a lost or false ack."""

import threading
import time

import pytest

from server.consent.group_commit import GroupCommit


def _run_threads(count: int, target) -> None:
    threads = [threading.Thread(target=target, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
        assert not thread.is_alive(), "a submitter never returned"


def test_concurrent_records_share_batches_and_each_comes_back_once():
    batches, results = [], []

    def write(records):
        time.sleep(0.01)  # a slow commit lets the queue fill
        batches.append(list(records))

    committer = GroupCommit(write)
    _run_threads(40, lambda n: results.append(committer.submit(n)))
    assert sorted(results) == list(range(40))
    assert sorted(r for batch in batches for r in batch) == list(range(40))
    assert len(batches) < 40  # some records shared a transaction


def test_a_batch_never_exceeds_its_limit():
    sizes = []

    def write(records):
        time.sleep(0.005)
        sizes.append(len(records))

    committer = GroupCommit(write, max_batch=3)
    _run_threads(20, committer.submit)
    assert max(sizes) <= 3 and sum(sizes) == 20


def test_a_failed_batch_fails_every_record_in_it_and_only_those():
    committed, failed, acknowledged = [], [], []

    def write(records):
        time.sleep(0.005)
        if 13 in records:
            raise RuntimeError("disk full")
        committed.extend(records)

    committer = GroupCommit(write)

    def submit(n):
        try:
            acknowledged.append(committer.submit(n))
        except RuntimeError as error:
            failed.append((n, str(error)))

    _run_threads(30, submit)
    assert sorted(acknowledged) == sorted(committed)  # acknowledged exactly when written
    assert (13, "disk full") in failed
    assert sorted(acknowledged + [n for n, _ in failed]) == list(range(30))


def test_after_a_failure_the_next_submit_still_works():
    calls = []

    def write(records):
        calls.append(list(records))
        if len(calls) == 1:
            raise RuntimeError("locked")

    committer = GroupCommit(write)
    with pytest.raises(RuntimeError, match="locked"):
        committer.submit("first")
    assert committer.submit("second") == "second"
    assert calls == [["first"], ["second"]]
