"""Consent statistics: what visitors decide, per day and per category."""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from banner.consent import ACTIONS as DECISIONS

from ..database import db
from .models import ConsentRecord


@dataclass
class ConsentStats:
    """Totals over decision records; tombstones are ledger events, not decisions."""

    total: int = 0
    by_action: dict[str, int] = field(default_factory=lambda: dict.fromkeys(DECISIONS, 0))
    by_day: dict[str, dict[str, int]] = field(default_factory=dict)
    granted: dict[str, int] = field(default_factory=dict)

    def add(self, action: str, categories: list[str], day: date) -> None:
        self.total += 1
        self.by_action[action] = self.by_action.get(action, 0) + 1
        per_day = self.by_day.setdefault(day.isoformat(), dict.fromkeys(DECISIONS, 0))
        per_day[action] = per_day.get(action, 0) + 1
        for category in categories:
            self.granted[category] = self.granted.get(category, 0) + 1

    def acceptance_rate(self) -> dict[str, float]:
        """Share of decisions that granted each category, 0..1."""
        if not self.total:
            return {}
        return {c: round(n / self.total, 4) for c, n in self.granted.items()}

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "byAction": self.by_action,
            "byDay": dict(sorted(self.by_day.items())),
            "acceptanceRate": self.acceptance_rate(),
        }


def consent_stats(since: datetime | None = None, session: Session | None = None) -> ConsentStats:
    """One pass over the decisions, streamed so a large ledger stays cheap in memory."""
    session = session or db.session
    query = select(ConsentRecord.action, ConsentRecord.categories, ConsentRecord.created_at).where(
        ConsentRecord.action.in_(DECISIONS)
    )
    if since is not None:
        query = query.where(ConsentRecord.created_at >= since)
    stats = ConsentStats()
    for action, categories, created_at in session.execute(query.execution_options(yield_per=1000)):
        stats.add(action, categories, created_at.date())
    return stats
