"""Group commit and the writer lock: batching never acknowledges what was not stored."""

import fcntl
import gc
import os
import sqlite3
import threading
import time
import warnings

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.exc import OperationalError

from server import db
from server.consent import ConsentRecord
from server.consent.audit import verify_chain
from server.consent.group_commit import CommitFailed, GroupCommit
from server.consent.ledger import EXTENSION_KEY
from server.consent.write_lock import WriteLock, sqlite_lock_path


def wait_until(condition, timeout=10.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def run_threads(target, items):
    threads = [threading.Thread(target=target, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    return threads


def join(threads):
    for thread in threads:
        thread.join(timeout=30)
        assert not thread.is_alive()


class HeldFirstBatch:
    """A batch writer whose first batch waits until the test has queued the rest."""

    def __init__(self, fail_batch: int | None = None) -> None:
        self.batches: list[list[int]] = []
        self.fail_batch = fail_batch
        self.first_started, self.release = threading.Event(), threading.Event()

    def __call__(self, take) -> None:
        self.batches.append(take())
        if len(self.batches) == 1:
            self.first_started.set()
            assert self.release.wait(timeout=10)
        if len(self.batches) == self.fail_batch:
            raise OSError("disk full")


def submit_behind_a_held_batch(writer: HeldFirstBatch, queued: int):
    """Item 0 forms the first batch; items 1.. arrive while it is being written."""
    commit = GroupCommit(writer)
    outcomes: dict[int, object] = {}

    def submit(item):
        try:
            commit.submit(item)
            outcomes[item] = "ok"
        except CommitFailed as error:
            outcomes[item] = error

    threads = run_threads(submit, [0])
    assert writer.first_started.wait(timeout=10)
    threads += run_threads(submit, range(1, queued + 1))
    wait_until(lambda: len(commit._pending) == queued)
    writer.release.set()
    join(threads)
    return commit, outcomes


def test_waiters_queued_behind_a_batch_share_the_next_one():
    writer = HeldFirstBatch()
    commit, outcomes = submit_behind_a_held_batch(writer, queued=6)
    assert writer.batches[0] == [0]
    assert sorted(writer.batches[1]) == [1, 2, 3, 4, 5, 6]
    assert len(writer.batches) == 2
    assert outcomes == dict.fromkeys(range(7), "ok")
    commit.submit(7)  # the lead was put down and can be taken again
    assert writer.batches[2] == [7]


def test_a_failing_batch_fails_every_waiter_in_it_and_no_other():
    writer = HeldFirstBatch(fail_batch=2)
    commit, outcomes = submit_behind_a_held_batch(writer, queued=5)
    assert outcomes[0] == "ok"
    for item in range(1, 6):
        assert isinstance(outcomes[item], CommitFailed)
        assert isinstance(outcomes[item].__cause__, OSError)
    commit.submit(6)  # a failure hands the lead on like a success
    assert writer.batches[-1] == [6]


def test_a_lone_submit_writes_at_once_and_raises_its_own_failure():
    def write(take):
        raise ValueError(f"bad batch {take()}")

    with pytest.raises(CommitFailed) as failure:
        GroupCommit(write).submit("x")
    assert str(failure.value.__cause__) == "bad batch ['x']"


def test_items_arriving_while_the_leader_waits_for_its_lock_join_its_batch():
    batches, waiting, locked = [], threading.Event(), threading.Event()

    def write(take):
        waiting.set()
        assert locked.wait(timeout=10)  # another process holds the database lock
        batches.append(take())

    commit = GroupCommit(write)
    threads = run_threads(commit.submit, [0])
    assert waiting.wait(timeout=10)
    threads += run_threads(commit.submit, [1, 2, 3])
    wait_until(lambda: len(commit._pending) == 4)
    locked.set()
    join(threads)
    assert [sorted(batch) for batch in batches] == [[0, 1, 2, 3]]


def fails_before_taking(take):
    raise OSError("lock file gone")


def returns_without_taking(take):
    """A writer bug that must not acknowledge anything."""


@pytest.mark.parametrize(
    ("write", "cause"),
    [(fails_before_taking, OSError), (returns_without_taking, RuntimeError)],
)
def test_a_batch_that_never_took_its_items_fails_them(write, cause):
    with pytest.raises(CommitFailed) as failure:
        GroupCommit(write).submit("x")
    assert isinstance(failure.value.__cause__, cause)


def hold_first_insert_and_fail_second(ledger, first_inserted, release):
    """Wrap the ledger's insert: the first waits for ``release``, the second fails once written.

    SQLite appends through the driver (``sqlite_append.py``), PostgreSQL through
    SQLAlchemy Core; each gets the same failure after its rows are in.
    Returns a function that removes the wrap.
    """
    inserts = []

    def inserted(error):
        inserts.append(1)
        if len(inserts) == 1:
            first_inserted.set()
            assert release.wait(timeout=10)
        elif len(inserts) == 2:  # the rows are written; the transaction must not commit
            raise error

    if ledger._sqlite_append is not None:
        append = ledger._sqlite_append
        real_insert = append.insert

        def insert(connection, rows):
            real_insert(connection, rows)
            inserted(sqlite3.OperationalError("disk I/O error"))

        append.insert = insert
        return lambda: delattr(append, "insert")

    def after_insert(conn, cursor, statement, parameters, context, executemany):
        if statement.startswith("INSERT"):
            inserted(OperationalError(statement, parameters, Exception("disk I/O error")))

    event.listen(ledger.engine, "after_cursor_execute", after_insert)
    return lambda: event.remove(ledger.engine, "after_cursor_execute", after_insert)


def test_ledger_batch_that_fails_after_its_insert_stores_none_of_it(ledger_app, make_decision):
    """Every waiter of the failed batch gets 503; the batch before and after it are intact."""
    ledger = ledger_app.extensions[EXTENSION_KEY]
    first_inserted, release = threading.Event(), threading.Event()
    statuses: list[int] = []

    def post(_):
        response = ledger_app.test_client().post("/api/consent", json=make_decision())
        statuses.append(response.status_code)

    assert ledger_app.test_client().get("/api/config").status_code == 200  # publishes record 1
    unwrap = hold_first_insert_and_fail_second(ledger, first_inserted, release)
    try:
        threads = run_threads(post, [0])
        assert first_inserted.wait(timeout=10)
        threads += run_threads(post, range(5))
        wait_until(lambda: len(ledger.appends._pending) == 5)
        release.set()
        join(threads)
    finally:
        unwrap()
    assert sorted(statuses) == [201, 503, 503, 503, 503, 503]
    after = ledger_app.test_client().post("/api/consent", json=make_decision())
    assert after.status_code == 201 and after.json["recordId"] == 3
    with ledger_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ConsentRecord)) == 3
        report = verify_chain()
    assert report.ok and report.checked == 3


def test_write_lock_excludes_other_processes_and_waits_for_them(tmp_path):
    path = str(tmp_path / "db.sqlite.write-lock")
    holder, other = WriteLock(path), WriteLock(path)  # two opens of the file act as two processes
    acquired = threading.Event()

    def take_other():
        with other:
            acquired.set()

    with holder:
        with open(path) as probe, pytest.raises(BlockingIOError):
            fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
        waiter = threading.Thread(target=take_other)
        waiter.start()
        assert not acquired.wait(timeout=0.2)
    assert acquired.wait(timeout=10)
    waiter.join()


def test_a_forked_child_does_not_share_the_parents_lock(tmp_path):
    lock = WriteLock(str(tmp_path / "db.sqlite.write-lock"))
    with lock, warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # 3.12+: fork with threads alive
        pid = os.fork()
        if pid == 0:  # the child: its own open file, so the parent's flock stops it
            try:
                fcntl.flock(lock._file(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os._exit(0)
            os._exit(1)
        _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0


def test_a_dropped_lock_closes_its_file(tmp_path):
    lock = WriteLock(str(tmp_path / "db.sqlite.write-lock"))
    with lock:
        fd = lock._fd
    del lock
    gc.collect()
    with pytest.raises(OSError):
        os.fstat(fd)


@pytest.mark.parametrize(
    ("database", "path"),
    [
        ("/srv/consent.sqlite", "/srv/consent.sqlite.write-lock"),
        (None, None),
        (":memory:", None),
        ("file:consent?mode=memory", None),
    ],
)
def test_lock_file_sits_beside_a_sqlite_file_only(database, path):
    assert sqlite_lock_path(database) == path
