"""Consent statistics: what visitors decide, per day and per category."""

import threading
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import orjson
from sqlalchemy import Date, String, cast, func, select
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


Group = tuple[date | datetime, str, list[str], int]  # (day or hour, action, categories, count)


def _grouped(
    session: Session, since: datetime | None, until: datetime | None, hourly: bool
) -> list[Group]:
    """Decisions counted by the database, by day (or hour), action and stored category list.

    A site has a handful of category combinations, so a month of decisions
    comes back as a few hundred groups instead of one row per decision.
    """
    column = ConsentRecord.created_at
    if session.get_bind().dialect.name == "postgresql":
        utc = func.timezone("UTC", column)
        bucket = func.date_trunc("hour", utc) if hourly else cast(utc, Date)
    else:  # SQLite stores UTC as ISO text
        bucket = func.strftime("%Y-%m-%d %H:00:00", column) if hourly else func.date(column)
    categories = cast(ConsentRecord.categories, String)
    query = (
        select(bucket, ConsentRecord.action, categories, func.count())
        .where(ConsentRecord.action.in_(DECISIONS))
        .group_by(bucket, ConsentRecord.action, categories)
    )
    if since is not None:
        query = query.where(column >= since)
    if until is not None:
        query = query.where(column < until)
    groups = []
    for on, action, granted, count in session.execute(query):
        if isinstance(on, str):
            on = datetime.fromisoformat(on) if hourly else date.fromisoformat(on)
        groups.append((on, action, orjson.loads(granted), count))
    return groups


def consent_stats(since: datetime | None = None, session: Session | None = None) -> ConsentStats:
    """Totals since ``since``, counted by the database."""
    stats = ConsentStats()
    for on, action, granted, count in _grouped(session or db.session, since, None, False):
        stats.add(action, granted, on, count)
    return stats


class HourlyStats:
    """Recent totals for a dashboard that is viewed again and again.

    Decisions are append-only and never change their action or categories
    (erasure removes personal fields only), so an hour that has ended counts
    the same forever: each is counted once per process and kept; a view
    counts only the hour in progress. An hour is taken as ended a minute
    after its end, past any batch still committing.
    """

    SETTLED = timedelta(minutes=1)

    def __init__(self) -> None:
        self._hours: dict[datetime, list[Group]] = {}
        self._lock = threading.Lock()

    def since(self, start: datetime, now: datetime, session: Session | None = None) -> ConsentStats:
        session = session or db.session
        first = start.replace(minute=0, second=0, microsecond=0)
        settled = (now - self.SETTLED).replace(minute=0, second=0, microsecond=0)
        with self._lock:
            for hour in [h for h in self._hours if h < first]:
                del self._hours[hour]
            missing = [h for h in _hours(first, settled) if h not in self._hours]
            if missing:
                found: dict[datetime, list[Group]] = {hour: [] for hour in missing}
                for group in _grouped(session, missing[0], settled, True):
                    found.setdefault(_aware(group[0]), []).append(group)
                self._hours.update(found)
            kept = [g for hour in _hours(first, settled) for g in self._hours.get(hour, [])]
        stats = ConsentStats()
        for on, action, granted, count in [*kept, *_grouped(session, settled, None, True)]:
            stats.add(action, granted, on.date() if isinstance(on, datetime) else on, count)
        return stats


def _hours(first: datetime, end: datetime) -> list[datetime]:
    count = max(int((end - first) / timedelta(hours=1)), 0)
    return [first + timedelta(hours=i) for i in range(count)]


def _aware(moment: date | datetime) -> datetime:
    assert isinstance(moment, datetime)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
