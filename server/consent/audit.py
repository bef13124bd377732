"""Walking the ledger to prove it is intact, or to name where it is not.

This is what ``flask --app server consent verify`` runs and what an auditor
would re-implement: recompute every hash, follow every link, and accept a
missing personal field only where a later tombstone explains it.

Rows stream through the driver in pages (``row_stream.py``; no ORM objects:
building one cost more than checking it), so memory stays flat at any size. A walk may
start at a signed checkpoint (``checkpoints.py``) instead of the first
record; it checks every stored checkpoint it passes and leaves new ones
behind.
"""

import heapq
import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from ..database import db
from . import chain, checkpoints, records
from .chain import GENESIS
from .models import IS_EVENT, ConsentRecord
from .row_stream import RowStream

TABLE = ConsentRecord.__table__
Signer = Callable[[int, str], dict[str, Any]]  # (record id, hash) -> a checkpoint row


@dataclass(frozen=True)
class AuditReport:
    """``broken_id`` is None when every record from ``start_id + 1`` on checked out."""

    checked: int
    head_hash: str
    broken_id: int | None = None
    problem: str = ""
    start_id: int = 0  # verified from the record after this one (0: the first record)
    head_id: int = 0
    checkpoints: int = 0  # stored checkpoints found on the way, each checked

    @property
    def ok(self) -> bool:
        return self.broken_id is None


@dataclass(frozen=True)
class _Descending:
    """Orders datetimes largest first, for heapq's smallest-first heap."""

    value: datetime

    def __lt__(self, other: "_Descending") -> bool:
        return self.value > other.value


@dataclass
class Explanations:
    """Erase and purge events, which license later-missing personal fields.

    Asked in increasing record order, each answer costs O(log purges): purge
    ranges are swept with a heap of the ones open at the current record,
    largest cutoff on top, instead of searching every purge per record.
    """

    erased: dict[str, int] = field(default_factory=dict)  # consent id -> latest erase event id
    purges: list[tuple[int, int, datetime]] = field(default_factory=list)  # (first, last, cutoff)
    _next: int = 0
    _open: list[tuple[_Descending, int]] = field(default_factory=list)  # (cutoff, last id)

    def add(self, event: Mapping[str, Any]) -> None:
        details = event["details"] or {}
        if event["action"] == "erase" and event["consent_id"]:
            latest = max(event["id"], self.erased.get(event["consent_id"], 0))
            self.erased[event["consent_id"]] = latest
        elif event["action"] == "purge" and isinstance(details.get("before"), str):
            # Purges before batching named no range: they covered every record before them.
            first, last = details.get("fromId", 1), details.get("toId", event["id"] - 1)
            cutoff = datetime.fromisoformat(details["before"].replace("Z", "+00:00"))
            self.purges.append((first, min(last, event["id"] - 1), cutoff))

    def ready(self) -> None:
        self.purges.sort(key=lambda purge: purge[0])

    def explain(self, record_id: int, consent_id: str | None, created_at: datetime) -> bool:
        """Call with increasing ``record_id`` only."""
        if consent_id and self.erased.get(consent_id, 0) > record_id:
            return True
        while self._next < len(self.purges) and self.purges[self._next][0] <= record_id:
            _, last, cutoff = self.purges[self._next]
            heapq.heappush(self._open, (_Descending(cutoff), last))
            self._next += 1
        while self._open and self._open[0][1] < record_id:
            heapq.heappop(self._open)  # its range ended before this record, for good
        return bool(self._open) and created_at < self._open[0][0].value


def load_explanations(connection: Connection, after: int) -> Explanations:
    """The tombstones after record ``after``, found through the events' partial index."""
    query = (
        select(TABLE.c.id, TABLE.c.action, TABLE.c.consent_id, TABLE.c.details)
        .where(IS_EVENT, TABLE.c.id > after)
        .order_by(TABLE.c.id)
    )
    explanations = Explanations()
    for event in connection.execute(query).mappings():
        explanations.add(event)
    explanations.ready()
    return explanations


# Read for each record: the sealed columns first, in ``records.SEALED``'s order, then these.
_SEALED_COLUMNS = tuple(records.SEALED.values())
_COLUMNS = (*_SEALED_COLUMNS, "ip", "user_agent", "page_url", "personal_salt", "prev_hash", "hash")
_NAMES = tuple(records.SEALED)


def sqlite_iso(stored: str) -> str:
    """``iso_utc`` of a time as SQLite holds it ("2025-01-31 23:59:59.000001", UTC).

    A twentieth of the cost of parsing the time and spelling it again. A value
    stored in another spelling misses the hash and is checked the general way.
    """
    return stored[:10] + "T" + stored[11:] + "Z"


class _Records:
    """Checks each stored record as a driver tuple of ``_COLUMNS``: the walk's inner loop.

    Everything that does not depend on the record (which columns need a
    conversion, how times are spelt) is worked out once here.
    """

    def __init__(self, stream: RowStream, explanations: Explanations) -> None:
        self.explanations = explanations
        conversions = stream.conversions
        self.time = conversions.get("created_at", lambda value: value)
        sqlite = stream.connection.dialect.name == "sqlite"
        self.quick_iso = sqlite_iso if sqlite else self.general_iso
        self.fixes = [
            (name, conversions[column])
            for name, column in records.SEALED.items()
            if column in conversions and column != "created_at"
        ]
        self.sealed = len(_NAMES)

    def general_iso(self, stored_time: Any) -> str:
        return records.iso_utc(self.time(stored_time))

    def problem(self, row: tuple[Any, ...], prev_hash: str) -> str:
        """Why this stored row breaks the chain, or "" when it holds."""
        ip, user_agent, page_url, salt, stored_prev, stored_hash = row[self.sealed :]
        if stored_prev != prev_hash:
            return "its previous-hash link does not match the record before it"
        fields = dict(zip(_NAMES, row, strict=False))  # the sealed columns come first
        for name, convert in self.fixes:
            fields[name] = convert(fields[name])
        stored_time = fields["timestamp"]
        fields["timestamp"] = self.quick_iso(stored_time)
        if chain.record_hash(fields, stored_prev) != stored_hash:
            fields["timestamp"] = self.general_iso(stored_time)
            if chain.record_hash(fields, stored_prev) != stored_hash:
                return "its contents do not match its hash"
        if salt is not None:
            digest = chain.personal_digest(salt, ip, user_agent, page_url)
            if digest != fields["personal"]:
                return "its IP, user agent or page URL was changed"
            return ""
        if ip is not None or user_agent is not None or page_url is not None:
            return "its IP, user agent or page URL was changed"
        created_at = datetime.fromisoformat(fields["timestamp"])  # the sealed time
        if not self.explanations.explain(fields["id"], fields["consentId"], created_at):
            return "its personal fields were removed without an erase or purge record"
        return ""


def verify_chain(
    *,
    start: checkpoints.LedgerCheckpoint | None = None,
    jwks: dict[str, Any] | None = None,
    sign: Signer | None = None,
    sign_head: bool = True,
) -> AuditReport:
    """Check every record after ``start`` (default: all) in chain order; stop at the first bad one.

    With ``jwks``, each stored checkpoint passed must carry a valid signature
    and the hash of its record, and none may name a record past the end (a
    truncated ledger). With ``sign``, every ``checkpoints.EVERY``-th record
    without a checkpoint gets one, and so does the last record checked
    unless ``sign_head`` is false.
    """
    start_id, prev_hash = (start.record_id, start.hash) if start else (0, GENESIS)
    new: list[dict[str, Any]] = []
    checked = seen = 0
    last_id = last_signed = start_id
    with db.engine.connect() as connection:
        if start is not None:
            stored = connection.scalar(select(TABLE.c.hash).where(TABLE.c.id == start_id))
            if stored != start.hash:
                problem_ = "it no longer has the hash its checkpoint signed"
                return AuditReport(0, prev_hash, start_id, problem_, start_id, start_id)
        explanations = load_explanations(connection, start_id)
        stored_checkpoints = checkpoints.stream(start_id) if jwks is not None else iter(())
        pending = next(stored_checkpoints, None)
        stream = RowStream(connection, TABLE, _COLUMNS)
        check = _Records(stream, explanations).problem
        for row in itertools.chain.from_iterable(stream.pages(start_id)):
            record_id, record_hash = row[0], row[-1]
            found = check(row, prev_hash)
            if not found and pending is not None and pending["record_id"] == record_id:
                seen, last_signed = seen + 1, record_id
                if pending["hash"] != record_hash:
                    found = "its hash differs from the one its signed checkpoint holds"
                elif not checkpoints.signature_valid(pending, jwks or {}):
                    found = "its checkpoint's signature does not verify"
                pending = next(stored_checkpoints, None)
            elif not found and sign is not None and record_id % checkpoints.EVERY == 0:
                new.append(sign(record_id, record_hash))
                last_signed = record_id
            if found:
                checkpoints.store(new)
                return AuditReport(checked, prev_hash, record_id, found, start_id, last_id, seen)
            prev_hash, last_id, checked = record_hash, record_id, checked + 1
    if pending is not None:
        found = f"a signed checkpoint covers record {pending['record_id']}: records were removed"
        checkpoints.store(new)
        return AuditReport(checked, prev_hash, last_id + 1, found, start_id, last_id, seen)
    if sign is not None and sign_head and last_signed != last_id:
        new.append(sign(last_id, prev_hash))
    checkpoints.store(new)
    return AuditReport(checked, prev_hash, None, "", start_id, last_id, seen)
