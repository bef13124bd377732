"""Consent statistics: what visitors decide, per day and per category."""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import orjson
from sqlalchemy import Date, String, cast, func, select
from sqlalchemy.orm import Session

from ..database import db
from .models import DECISIONS, ConsentRecord


@dataclass
class ConsentStats:
    """Totals over decision records; tombstones are ledger events, not decisions."""

    total: int = 0
    by_action: dict[str, int] = field(default_factory=lambda: dict.fromkeys(DECISIONS, 0))
    by_day: dict[str, dict[str, int]] = field(default_factory=dict)
    granted: dict[str, int] = field(default_factory=dict)

    def add(self, action: str, categories: list[str], day: date, count: int = 1) -> None:
        self.total += count
        self.by_action[action] = self.by_action.get(action, 0) + count
        per_day = self.by_day.setdefault(day.isoformat(), dict.fromkeys(DECISIONS, 0))
        per_day[action] = per_day.get(action, 0) + count
        for category in categories:
            self.granted[category] = self.granted.get(category, 0) + count

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
    """Counted by the database, grouped by day, action and stored category list.

    A site has a handful of category combinations, so a month of decisions
    comes back as a few hundred groups instead of one row per decision (at a
    million records, reading each row cost the dashboard seconds).
    """
    session = session or db.session
    column = ConsentRecord.created_at
    if session.get_bind().dialect.name == "postgresql":
        day = cast(func.timezone("UTC", column), Date)
    else:
        day = func.date(column)  # SQLite stores UTC as ISO text
    categories = cast(ConsentRecord.categories, String)
    query = (
        select(day, ConsentRecord.action, categories, func.count())
        .where(ConsentRecord.action.in_(DECISIONS))
        .group_by(day, ConsentRecord.action, categories)
    )
    if since is not None:
        query = query.where(column >= since)
    stats = ConsentStats()
    for on, action, granted, count in session.execute(query):
        on = on if isinstance(on, date) else date.fromisoformat(on)
        stats.add(action, orjson.loads(granted), on, count)
    return stats
