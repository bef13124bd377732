"""The append-only ledger: every write goes through here, one at a time.

Appending reads the chain head and writes after it, so writers must not
interleave. SQLite gets ``BEGIN IMMEDIATE`` (its one write lock), PostgreSQL
a transaction-scoped advisory lock; both hold across processes and servers.
A unique ``prev_hash`` turns any writer that slipped past the lock into an
error instead of a fork. In front of that, ``write_lock.py`` queues writers
without SQLite's sleeping busy handler, and ``group_commit.py`` lets one
thread append every waiting decision in one transaction: one head read, one
multi-row insert and one fsync for the batch. A decision is acknowledged only
after its batch committed. Writes use SQLAlchemy Core, not the ORM; on SQLite
a batch goes straight through the driver (``sqlite_append.py``), each process
keeps one writer connection and remembers the head it wrote: the lock is held
for as little Python as possible.
"""

import os
import sqlite3
import weakref
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import datetime
from typing import TypeVar

from flask import Flask, current_app
from sqlalchemy import Connection, Engine, func, insert, select, text, update

from ..database import WRITE_LOCK, db
from .chain import GENESIS
from .group_commit import GroupCommit
from .models import EVENTS, ConsentRecord
from .records import Head, Row, seal, tombstone_row, utc_now
from .sqlite_append import SQLiteAppend
from .write_lock import WriteLock, sqlite_lock_path

# Any constant works; it only has to be the same for every writer of one database.
ADVISORY_LOCK_KEY = 0x436F6E73656E74  # "Consent"
ADVISORY_LOCK = text("SELECT pg_advisory_xact_lock(:key)")
EXTENSION_KEY = "consent_ledger"
TABLE = ConsentRecord.__table__
HEAD = select(TABLE.c.id, TABLE.c.hash, TABLE.c.created_at).order_by(TABLE.c.id.desc()).limit(1)
EMPTY: Head = (0, GENESIS, None)
T = TypeVar("T")


class Ledger:
    """One app's way into the chain: its engine, write lock and group commit."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sqlite = engine.dialect.name == "sqlite"
        self.lock = WriteLock(sqlite_lock_path(engine.url.database) if self.sqlite else None)
        self.appends = GroupCommit[Row](self._append_batch)
        self._sqlite_append = SQLiteAppend(TABLE, HEAD, engine.dialect) if self.sqlite else None
        # SQLite: one writer connection per process, and the head it last wrote,
        # good while PRAGMA data_version says no other connection has committed.
        self._writer: Connection | None = None
        self._writer_pid = 0
        self._head: Head | None = None
        self._head_version: int | None = None

    def clock(self) -> datetime:
        """The time records are sealed at (the scale benchmark fills a simulated year)."""
        return utc_now()

    @contextmanager
    def locked_connection(self) -> Iterator[Connection]:
        """A transaction that owns the chain until it commits or rolls back."""
        with self.lock, self._connect() as connection:
            try:
                with connection.begin():
                    if not self.sqlite:
                        connection.execute(ADVISORY_LOCK, {"key": ADVISORY_LOCK_KEY})
                    yield connection
            except BaseException:
                self._head = None  # it may name a row that was rolled back
                raise

    def write(self, work: Callable[[Connection], T]) -> T:
        """Run ``work`` under the chain lock and commit it as one transaction."""
        with self.locked_connection() as connection:
            return work(connection)

    def append_rows(self, connection: Connection, *rows: Row) -> None:
        """Seal ``rows`` in order after the head and insert them in one statement."""
        if self.sqlite:
            head = self._sqlite_head(connection.connection.driver_connection)
        else:
            head = _stored_head(connection)
        connection.execute(insert(TABLE), self._seal(head, list(rows)))

    def _seal(self, head: Head, rows: list[Row]) -> list[Row]:
        """Chain ``rows`` after ``head``; remember the new head (forgotten if the commit fails).

        A row repeating an idempotency key earlier in the batch (a retry that
        caught up with its first attempt) is left out unsealed, without an id:
        its caller answers from the first one's record (idempotency.py).
        """
        last_id, last_hash, last_time = head
        now = self.clock()
        rows = _without_repeated_keys(rows)
        for row in rows:
            # Chain order is time order, even if the clock steps back a little.
            seal(row, last_id + 1, last_hash, now if last_time is None else max(now, last_time))
            last_id, last_hash, last_time = row["id"], row["hash"], row["created_at"]
        self._head = (last_id, last_hash, last_time)
        return rows

    def _append_batch(self, take: Callable[[], list[Row]]) -> None:
        """Take the waiting decisions only once the chain is ours (see group_commit.py)."""
        if self._sqlite_append is None:
            self.write(lambda connection: self.append_rows(connection, *take()))
            return
        with self.lock:
            try:
                self._sqlite_append.write(
                    self._sqlite_writer().connection.driver_connection,
                    lambda driver: self._seal(self._sqlite_head(driver), take()),
                )
            except BaseException:
                self._head = None  # it may name a row that was rolled back
                raise

    def _connect(self) -> AbstractContextManager[Connection]:
        """PostgreSQL: a pooled connection (pre-pinged). SQLite: this process's own."""
        if not self.sqlite:
            return self.engine.connect()
        return nullcontext(self._sqlite_writer())

    def _sqlite_writer(self) -> Connection:
        if self._writer is None or self._writer.invalidated or self._writer_pid != os.getpid():
            self._writer = self.engine.connect().execution_options(**{WRITE_LOCK: True})
            self._writer_pid, self._head = os.getpid(), None
            weakref.finalize(self, self._writer.close)  # apps come and go in tests
        return self._writer

    def _sqlite_head(self, driver: sqlite3.Connection) -> Head:
        """(id, hash, time) of the last record; call under the lock, in the transaction.

        Reading it back costs a fifth of a batch's Python, and this process
        usually wrote it itself: data_version changes only when another
        connection commits.
        """
        assert self._sqlite_append is not None
        version = driver.execute("PRAGMA data_version").fetchone()[0]
        if self._head is None or version != self._head_version:
            self._head = self._sqlite_append.stored_head(driver) or EMPTY
            self._head_version = version
        return self._head


def _without_repeated_keys(rows: list[Row]) -> list[Row]:
    seen: set[str] = set()
    kept = []
    for row in rows:
        key = row["request_key"]
        if key is not None:
            if key in seen:
                continue
            seen.add(key)
        kept.append(row)
    return kept


def init_app(app: Flask) -> None:
    """Give the app its ledger; call after the database is set up."""
    with app.app_context():
        app.extensions[EXTENSION_KEY] = Ledger(db.engine)


def current() -> Ledger:
    """This app's ledger, for modules that write events of their own (publications)."""
    return current_app.extensions[EXTENSION_KEY]


def _stored_head(connection: Connection) -> Head:
    head = connection.execute(HEAD).first()
    return (head.id, head.hash, head.created_at) if head is not None else EMPTY


def append(row: Row) -> Row:
    """Seal a record (``records.decision_row``) onto the end of the chain once committed.

    Raises ``CommitFailed`` (nothing of its batch was stored) on any failure.
    """
    current().appends.submit(row)
    return row


ERASED = {"ip": None, "user_agent": None, "page_url": None, "personal_salt": None}
ERASABLE = (TABLE.c.personal_salt.is_not(None), TABLE.c.action.not_in(EVENTS))


def erase(consent_id: str) -> tuple[int, Row | None]:
    """Remove one visitor's personal fields and log a tombstone saying so."""

    def work(connection: Connection) -> tuple[int, Row | None]:
        ids = connection.scalars(
            select(TABLE.c.id)
            .where(TABLE.c.consent_id == consent_id, *ERASABLE)
            .order_by(TABLE.c.id)
        ).all()
        if not ids:
            return 0, None
        connection.execute(
            update(TABLE).where(TABLE.c.id.in_(ids)).values(**ERASED, erased_at=utc_now())
        )
        tombstone = tombstone_row("erase", consent_id, {"records": list(ids)})
        current().append_rows(connection, tombstone)
        return len(ids), tombstone

    return current().write(work)


def id_range(since: datetime | None, until: datetime | None) -> tuple[int, int | None]:
    """(after, last): records written from ``since`` and before ``until``, as ids.

    Chain order is time order (``_seal``), so a time window is an id range,
    found with two look-ups on the time index instead of a filtered scan.
    """
    after, last = 0, None
    if since is not None:
        first = db.session.scalar(select(func.min(TABLE.c.id)).where(TABLE.c.created_at >= since))
        after = (first - 1) if first is not None else head_id()
    if until is not None:
        last = (
            db.session.scalar(select(func.max(TABLE.c.id)).where(TABLE.c.created_at < until)) or 0
        )
    return after, last


def head_id() -> int:
    """The id of the newest record, 0 for an empty ledger."""
    return db.session.scalar(select(TABLE.c.id).order_by(TABLE.c.id.desc()).limit(1)) or 0
