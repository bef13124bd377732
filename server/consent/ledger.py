"""The append-only ledger: every write goes through here, one transaction at a time.

Appending reads the chain head and writes after it, so writers must not
interleave. SQLite gets ``BEGIN IMMEDIATE`` (its one write lock), PostgreSQL
a transaction-scoped advisory lock; both hold across processes and servers.
A unique ``prev_hash`` turns any writer that slipped past the lock into an
error instead of a fork. Writes use SQLAlchemy Core on one connection: the
lock is held for as little Python as possible.
"""

import fcntl
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import TypeVar

from flask import current_app
from sqlalchemy import Connection, insert, select, text, update

from ..database import WRITE_LOCK, db
from .chain import GENESIS
from .group_commit import GroupCommit
from .models import TOMBSTONES, ConsentRecord, iso_utc, utc_now

# Any constant works; it only has to be the same for every writer of one database.
ADVISORY_LOCK_KEY = 0x436F6E73656E74  # "Consent"
ADVISORY_LOCK = text("SELECT pg_advisory_xact_lock(:key)")
TABLE = ConsentRecord.__table__
COMMITTER_KEY = "consent_group_commit"
T = TypeVar("T")


@contextmanager
def _queue_for_sqlite() -> Iterator[None]:
    """Wait in the kernel for the other processes' writes to one SQLite file.

    SQLite's own busy handler polls with growing sleeps, so a writer may sleep
    long after the lock is free: that was the p99. ``flock`` wakes the next
    writer as soon as the lock is released; ``BEGIN IMMEDIATE`` then finds
    SQLite's lock free (other programs still meet the busy handler).
    """
    database = db.engine.url.database
    if db.engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    with open(database + ".lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@contextmanager
def locked_connection() -> Iterator[Connection]:
    """A transaction that owns the chain until it commits or rolls back."""
    with _queue_for_sqlite(), db.engine.connect() as connection:
        connection.execution_options(**{WRITE_LOCK: True})
        with connection.begin():
            if connection.dialect.name == "postgresql":
                connection.execute(ADVISORY_LOCK, {"key": ADVISORY_LOCK_KEY})
            yield connection


def write(work: Callable[[Connection], T]) -> T:
    """Run ``work`` under the chain lock and commit it as one transaction."""
    with locked_connection() as connection:
        return work(connection)


def _append_all(connection: Connection, records: list[ConsentRecord]) -> None:
    head = connection.execute(
        select(TABLE.c.id, TABLE.c.hash, TABLE.c.created_at).order_by(TABLE.c.id.desc()).limit(1)
    ).first()
    last_id, last_hash, last_time = (0, GENESIS, None) if head is None else head
    now = utc_now()
    for record in records:
        # Chain order is time order, even if the clock steps back a little.
        record.seal(last_id + 1, last_hash, now if last_time is None else max(now, last_time))
        last_id, last_hash, last_time = record.id, record.hash, record.created_at
    connection.execute(insert(TABLE), [record.row() for record in records])


def _append(connection: Connection, record: ConsentRecord) -> ConsentRecord:
    _append_all(connection, [record])
    return record


def _committer() -> GroupCommit:
    """This process's group commit for the current app's database."""
    committer = current_app.extensions.get(COMMITTER_KEY)
    if committer is None:
        fresh = GroupCommit(lambda records: write(lambda c: _append_all(c, records)))
        committer = current_app.extensions.setdefault(COMMITTER_KEY, fresh)
    return committer


def append(record: ConsentRecord) -> ConsentRecord:
    """Seal a record onto the end of the chain; returns once it is committed.

    Concurrent appends of one process share a transaction (``group_commit``).
    """
    return _committer().submit(record)


_ERASED = {"ip": None, "user_agent": None, "page_url": None, "personal_salt": None}
_ERASABLE = (TABLE.c.personal_salt.is_not(None), TABLE.c.action.not_in(TOMBSTONES))


def erase(consent_id: str) -> tuple[int, ConsentRecord | None]:
    """Remove one visitor's personal fields and log a tombstone saying so."""

    def work(connection: Connection) -> tuple[int, ConsentRecord | None]:
        ids = connection.scalars(
            select(TABLE.c.id)
            .where(TABLE.c.consent_id == consent_id, *_ERASABLE)
            .order_by(TABLE.c.id)
        ).all()
        if not ids:
            return 0, None
        connection.execute(
            update(TABLE).where(TABLE.c.id.in_(ids)).values(**_ERASED, erased_at=utc_now())
        )
        tombstone = ConsentRecord.tombstone("erase", consent_id, {"records": list(ids)})
        return len(ids), _append(connection, tombstone)

    return write(work)


def purge(older_than: timedelta) -> tuple[int, ConsentRecord | None]:
    """Retention: drop personal fields of records older than the period."""

    def work(connection: Connection) -> tuple[int, ConsentRecord | None]:
        now = utc_now()
        cutoff = now - older_than
        result = connection.execute(
            update(TABLE)
            .where(TABLE.c.created_at < cutoff, *_ERASABLE)
            .values(**_ERASED, erased_at=now)
        )
        if not result.rowcount:
            return 0, None
        details = {"before": iso_utc(cutoff), "records": result.rowcount}
        return result.rowcount, _append(connection, ConsentRecord.tombstone("purge", None, details))

    return write(work)


def head_id() -> int:
    """The id of the newest record, 0 for an empty ledger."""
    return db.session.scalar(select(TABLE.c.id).order_by(TABLE.c.id.desc()).limit(1)) or 0
