"""Walking the ledger to prove it is intact, or to name where it is not.

This is what ``flask --app server consent verify`` runs and what an auditor
would re-implement: recompute every hash, follow every link, and accept a
missing personal field only where a later tombstone explains it.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..database import db
from .chain import GENESIS
from .models import ConsentRecord

BATCH = 1000


@dataclass(frozen=True)
class AuditReport:
    """``broken_id`` is None when every record checked out."""

    checked: int
    head_hash: str
    broken_id: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_id is None


@dataclass
class _Tombstones:
    """Erase and purge events, which license later-missing personal fields."""

    erased: dict[str, int]  # consent id -> id of the latest erase tombstone
    purges: list[tuple[int, datetime]]  # (tombstone id, cutoff)

    @classmethod
    def load(cls, session: Session) -> "_Tombstones":
        query = select(ConsentRecord).where(ConsentRecord.action.in_(("erase", "purge")))
        erased: dict[str, int] = {}
        purges: list[tuple[int, datetime]] = []
        for event in session.scalars(query):
            details = event.details or {}
            if event.action == "erase" and event.consent_id:
                erased[event.consent_id] = max(event.id, erased.get(event.consent_id, 0))
            elif event.action == "purge" and isinstance(details.get("before"), str):
                purges.append((event.id, datetime.fromisoformat(details["before"])))
        return cls(erased, purges)

    def explain(self, record: ConsentRecord) -> bool:
        if record.consent_id and self.erased.get(record.consent_id, 0) > record.id:
            return True
        return any(tid > record.id and record.created_at < cut for tid, cut in self.purges)


def _problem(record: ConsentRecord, prev_hash: str, tombstones: _Tombstones) -> str:
    if record.prev_hash != prev_hash:
        return "its previous-hash link does not match the record before it"
    if record.computed_hash() != record.hash:
        return "its contents do not match its hash"
    if not record.personal_intact():
        return "its IP, user agent or page URL was changed"
    if record.is_erased and not tombstones.explain(record):
        return "its personal fields were removed without an erase or purge record"
    return ""


def verify_chain(session: Session | None = None) -> AuditReport:
    """Check every record in chain order; stop at the first one that fails."""
    session = session or db.session
    tombstones = _Tombstones.load(session)
    prev_hash, checked, last_id = GENESIS, 0, 0
    while True:
        batch = session.scalars(
            select(ConsentRecord)
            .where(ConsentRecord.id > last_id)
            .order_by(ConsentRecord.id)
            .limit(BATCH)
        ).all()
        if not batch:
            return AuditReport(checked=checked, head_hash=prev_hash)
        for record in batch:
            problem = _problem(record, prev_hash, tombstones)
            if problem:
                return AuditReport(checked, prev_hash, broken_id=record.id, problem=problem)
            prev_hash, checked, last_id = record.hash, checked + 1, record.id
        session.expunge_all()
