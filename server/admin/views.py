"""``/admin``: decisions per day, acceptance per category, latest records, ledger status."""

from datetime import timedelta

from flask import Blueprint, Response, current_app, jsonify, render_template
from sqlalchemy import select

from ..consent.models import ConsentRecord
from ..consent.records import iso_utc, utc_now
from ..consent.stats import ConsentStats, HourlyStats
from ..database import db
from ..site_config import current_site
from . import charts
from .access import require_admin
from .ledger_status import ledger_status

bp = Blueprint("admin", __name__, url_prefix="/admin")
DAYS_SHOWN = 30
STATS_KEY = "consent_admin_stats"
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'"


def recent_stats() -> ConsentStats:
    """The last DAYS_SHOWN days, from the hour they start; ended hours are counted once."""
    hourly = current_app.extensions.setdefault(STATS_KEY, HourlyStats())
    now = utc_now()
    return hourly.since(now - timedelta(days=DAYS_SHOWN), now)


@bp.get("")
@require_admin
def dashboard() -> Response:
    stats = recent_stats()
    latest = db.session.scalars(select(ConsentRecord).order_by(ConsentRecord.id.desc()).limit(20))
    html = render_template(
        "admin/dashboard.html",
        stats=stats,
        days=DAYS_SHOWN,
        per_day_svg=charts.decisions_per_day(stats),
        per_category_svg=charts.acceptance_per_category(stats, current_site().categories),
        latest=[r.to_dict() for r in latest],
        ledger=ledger_status(),
    )
    response = Response(html, mimetype="text/html")
    response.headers["Content-Security-Policy"] = CSP
    response.cache_control.no_store = True
    return response


@bp.get("/stats.json")
@require_admin
def stats_json() -> Response:
    """The same numbers for scripts and monitoring."""
    status = ledger_status()
    body = recent_stats().as_dict()
    body["ledger"] = {
        "ok": status.ok,
        "verifiedUpTo": status.verified_id,
        "verifiedAt": iso_utc(status.verified_at) if status.verified_at else None,
        "pending": status.pending,
        "brokenAt": status.broken.broken_id if status.broken else None,
    }
    response = jsonify(body)
    response.cache_control.no_store = True
    return response
