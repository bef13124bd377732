"""The append-only ledger: every write goes through here, one at a time.

Appending reads the chain head and writes after it, so writers must not
interleave. SQLite gets ``BEGIN IMMEDIATE`` (its one write lock), PostgreSQL
a transaction-scoped advisory lock; both hold across processes and servers.
A unique ``prev_hash`` turns any writer that slipped past the lock into an
error instead of a fork. Writes use SQLAlchemy Core on one connection: the
lock is held for as little Python as possible.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import TypeVar

from sqlalchemy import Connection, insert, select, text, update

from ..database import WRITE_LOCK, db
from .chain import GENESIS
from .models import TOMBSTONES, ConsentRecord, iso_utc, utc_now

# Any constant works; it only has to be the same for every writer of one database.
ADVISORY_LOCK_KEY = 0x436F6E73656E74  # "Consent"
ADVISORY_LOCK = text("SELECT pg_advisory_xact_lock(:key)")
TABLE = ConsentRecord.__table__
T = TypeVar("T")


@contextmanager
def locked_connection() -> Iterator[Connection]:
    """A transaction that owns the chain until it commits or rolls back."""
    with db.engine.connect() as connection:
        connection.execution_options(**{WRITE_LOCK: True})
        with connection.begin():
            if connection.dialect.name == "postgresql":
                connection.execute(ADVISORY_LOCK, {"key": ADVISORY_LOCK_KEY})
            yield connection


def write(work: Callable[[Connection], T]) -> T:
    """Run ``work`` under the chain lock and commit it as one transaction."""
    with locked_connection() as connection:
        return work(connection)


def _append(connection: Connection, record: ConsentRecord) -> ConsentRecord:
    head = connection.execute(
        select(TABLE.c.id, TABLE.c.hash, TABLE.c.created_at).order_by(TABLE.c.id.desc()).limit(1)
    ).first()
    now = utc_now()
    if head is None:
        record.seal(1, GENESIS, now)
    else:
        # Chain order is time order, even if the clock steps back a little.
        record.seal(head.id + 1, head.hash, max(now, head.created_at))
    connection.execute(insert(TABLE), [record.row()])
    return record


def append(record: ConsentRecord) -> ConsentRecord:
    """Seal a record onto the end of the chain and commit it."""
    return write(lambda connection: _append(connection, record))


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
