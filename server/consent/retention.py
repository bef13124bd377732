"""Retention purges: old records lose their personal fields without stopping the ledger.

A purge goes in batches, each one transaction under the ledger's write lock:
its records and the tombstone naming their id range, so a purge cut short
leaves every erased record explained. A batch is sized by time, not by a
fixed count: each one aims at ``BUDGET`` of holding the lock, scaled from
how long the last one held it, so a busy machine gets smaller batches. After
each commit the purge steps aside for as long as it held the lock, so the
decisions that queued meanwhile are written before its next batch. On
SQLite it also copies its WAL pages back into the database then, outside
the lock, so that work does not land on a decision's commit (SQLite's
automatic checkpoint).

A purge starts where the last one stopped and never reads those records
again; its window ends at the last record older than the cutoff (chain
order is time order).
"""

import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Connection, func, select, update

from ..database import db
from .ledger import ERASABLE, ERASED, TABLE, current
from .models import IS_EVENT
from .records import Row, iso_utc, tombstone_row, utc_now

# Seconds a batch aims to hold the write lock. The issue allows 50 ms; a purge sharing
# a core with busier work can run at a tenth of its speed, and 5 ms stretched so stays in.
BUDGET = 0.005
FIRST_BATCH = 500  # records; then sized by time between SMALLEST and LARGEST
SMALLEST, LARGEST = 20, 20_000


@dataclass
class PurgeResult:
    records: int = 0
    tombstones: list[Row] = field(default_factory=list)
    holds: list[float] = field(default_factory=list)  # seconds each batch held the write lock

    @property
    def batches(self) -> int:
        """Transactions, those that found nothing to purge included."""
        return len(self.holds)


def next_batch(size: int, held: float, budget: float = BUDGET) -> int:
    """The next batch's record count: this one's, scaled to land on ``budget``.

    The scale is kept within halving and doubling, since one slow batch (the
    process waiting for a core while it held the lock) says little about the
    next, and within ``SMALLEST`` and ``LARGEST``.
    """
    scale = budget / held if held > 0 else 2.0
    wanted = size * min(max(scale, 0.5), 2.0)
    return int(min(max(wanted, SMALLEST), LARGEST))


def purge(older_than: timedelta, batch: int = FIRST_BATCH, budget: float = BUDGET) -> PurgeResult:
    """Drop personal fields of records older than ``older_than``, in batches sized by time.

    ``batch`` is the first batch's size; ``budget`` 0 keeps every batch at
    that size (tests that count batches).
    """
    now = utc_now()
    cutoff = now - older_than
    last = db.session.scalar(select(func.max(TABLE.c.id)).where(TABLE.c.created_at < cutoff)) or 0
    after = _purged_up_to()
    db.session.remove()  # no read transaction held open across the batches
    result, ledger, size = PurgeResult(), current(), batch
    while after < last:
        upper = min(after + size, last)
        with _collector_paused():
            count, tombstone, locked_at = ledger.write(
                lambda connection, lo=after, hi=upper: _purge_batch(connection, lo, hi, cutoff, now)
            )
        # From the moment the lock was ours to the commit: the wait for it does not count.
        released = time.perf_counter()
        held = released - locked_at
        result.holds.append(held)
        result.records += count
        if tombstone is not None:
            result.tombstones.append(tombstone)
        if budget:
            size = next_batch(size, held, budget)
        if ledger.sqlite:
            with ledger.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
        # Step aside: writers queued behind this batch get the lock before the next one.
        time.sleep(max(0.0, held - (time.perf_counter() - released)))
        after = upper
    return result


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No garbage collection while a batch holds the lock: a full one took 50 ms in the
    middle of a 5 ms batch. What the batch leaves is collected after, in the step aside."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _purge_batch(
    connection: Connection, after: int, last: int, cutoff: datetime, now: datetime
) -> tuple[int, Row | None, float]:
    """(records purged, their tombstone, when the lock was ours)."""
    locked_at = time.perf_counter()
    result = connection.execute(
        update(TABLE)
        .where(TABLE.c.id > after, TABLE.c.id <= last, TABLE.c.created_at < cutoff, *ERASABLE)
        .values(**ERASED, erased_at=now)
    )
    if not result.rowcount:
        return 0, None, locked_at
    details = {
        "before": iso_utc(cutoff),
        "fromId": after + 1,
        "toId": last,
        "records": result.rowcount,
    }
    tombstone = tombstone_row("purge", None, details)
    current().append_rows(connection, tombstone)
    return result.rowcount, tombstone, locked_at


def _purged_up_to() -> int:
    """The last record id the newest purge covered (0 before any batched purge)."""
    details = db.session.scalar(
        select(TABLE.c.details)
        .where(IS_EVENT, TABLE.c.action == "purge")
        .order_by(TABLE.c.id.desc())
        .limit(1)
    )
    return int((details or {}).get("toId", 0))
