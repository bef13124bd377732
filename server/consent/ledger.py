"""The append-only ledger: every write goes through here, one at a time.

Appending reads the chain head and writes after it, so writers must not
interleave. SQLite gets ``BEGIN IMMEDIATE`` (its one write lock), PostgreSQL
a transaction-scoped advisory lock; both hold across processes and servers.
A unique ``prev_hash`` turns any writer that slipped past the lock into an
error instead of a fork. In front of that, ``write_lock.py`` queues writers
without SQLite's sleeping busy handler, and ``group_commit.py`` lets one
thread append every waiting decision in one transaction: one head read, one
multi-row insert and one fsync for the batch. A decision is acknowledged only
after its batch committed. Writes use SQLAlchemy Core on one connection: the
lock is held for as little Python as possible.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import TypeVar

from flask import Flask, current_app
from sqlalchemy import Connection, Engine, insert, select, text, update

from ..database import WRITE_LOCK, db
from .chain import GENESIS
from .group_commit import GroupCommit
from .models import TOMBSTONES, ConsentRecord
from .records import Row, iso_utc, seal, tombstone_row, utc_now
from .write_lock import WriteLock, sqlite_lock_path

# Any constant works; it only has to be the same for every writer of one database.
ADVISORY_LOCK_KEY = 0x436F6E73656E74  # "Consent"
ADVISORY_LOCK = text("SELECT pg_advisory_xact_lock(:key)")
EXTENSION_KEY = "consent_ledger"
TABLE = ConsentRecord.__table__
HEAD = select(TABLE.c.id, TABLE.c.hash, TABLE.c.created_at).order_by(TABLE.c.id.desc()).limit(1)
T = TypeVar("T")


class Ledger:
    """One app's way into the chain: its engine, write lock and group commit."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        sqlite = engine.dialect.name == "sqlite"
        self.lock = WriteLock(sqlite_lock_path(engine.url.database) if sqlite else None)
        self.appends = GroupCommit[Row](self._append_batch)

    @contextmanager
    def locked_connection(self) -> Iterator[Connection]:
        """A transaction that owns the chain until it commits or rolls back."""
        with self.engine.connect() as connection, self.lock:
            connection.execution_options(**{WRITE_LOCK: True})
            with connection.begin():
                if connection.dialect.name == "postgresql":
                    connection.execute(ADVISORY_LOCK, {"key": ADVISORY_LOCK_KEY})
                yield connection

    def write(self, work: Callable[[Connection], T]) -> T:
        """Run ``work`` under the chain lock and commit it as one transaction."""
        with self.locked_connection() as connection:
            return work(connection)

    def _append_batch(self, rows: list[Row]) -> None:
        self.write(lambda connection: _append(connection, *rows))


def init_app(app: Flask) -> None:
    """Give the app its ledger; call after the database is set up."""
    with app.app_context():
        app.extensions[EXTENSION_KEY] = Ledger(db.engine)


def _ledger() -> Ledger:
    return current_app.extensions[EXTENSION_KEY]


def _append(connection: Connection, *rows: Row) -> None:
    """Seal ``rows`` in order after the current head and insert them in one statement."""
    head = connection.execute(HEAD).first()
    last_id, last_hash, last_time = head if head is not None else (0, GENESIS, None)
    now = utc_now()
    for row in rows:
        # Chain order is time order, even if the clock steps back a little.
        seal(row, last_id + 1, last_hash, now if last_time is None else max(now, last_time))
        last_id, last_hash, last_time = row["id"], row["hash"], row["created_at"]
    connection.execute(insert(TABLE), list(rows))


def append(row: Row) -> Row:
    """Seal a record (``records.decision_row``) onto the end of the chain once committed.

    Raises ``CommitFailed`` (nothing of its batch was stored) on any failure.
    """
    _ledger().appends.submit(row)
    return row


_ERASED = {"ip": None, "user_agent": None, "page_url": None, "personal_salt": None}
_ERASABLE = (TABLE.c.personal_salt.is_not(None), TABLE.c.action.not_in(TOMBSTONES))


def erase(consent_id: str) -> tuple[int, Row | None]:
    """Remove one visitor's personal fields and log a tombstone saying so."""

    def work(connection: Connection) -> tuple[int, Row | None]:
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
        tombstone = tombstone_row("erase", consent_id, {"records": list(ids)})
        _append(connection, tombstone)
        return len(ids), tombstone

    return _ledger().write(work)


def purge(older_than: timedelta) -> tuple[int, Row | None]:
    """Retention: drop personal fields of records older than the period."""

    def work(connection: Connection) -> tuple[int, Row | None]:
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
        tombstone = tombstone_row("purge", None, details)
        _append(connection, tombstone)
        return result.rowcount, tombstone

    return _ledger().write(work)


def head_id() -> int:
    """The id of the newest record, 0 for an empty ledger."""
    return db.session.scalar(select(TABLE.c.id).order_by(TABLE.c.id.desc()).limit(1)) or 0
