"""``/admin``: decisions per day, acceptance per category, latest records, ledger status."""

import time
from datetime import timedelta

from flask import Blueprint, Response, current_app, jsonify, render_template
from sqlalchemy import select

from ..consent.audit import AuditReport, verify_chain
from ..consent.ledger import head_id
from ..consent.models import ConsentRecord
from ..consent.records import utc_now
from ..consent.stats import consent_stats
from ..database import db
from ..site_config import current_site
from . import charts
from .access import require_admin

bp = Blueprint("admin", __name__, url_prefix="/admin")
DAYS_SHOWN = 30
AUDIT_CACHE_SECONDS = 60
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'"


def ledger_status() -> AuditReport:
    """A full verification, reused for a minute while the ledger does not grow."""
    cache = current_app.extensions.setdefault("consent_audit_cache", {})
    head = head_id()
    cached = cache.get("report")
    if cached and cache["head"] == head and time.monotonic() - cache["at"] < AUDIT_CACHE_SECONDS:
        return cached
    report = verify_chain()
    cache.update(report=report, head=head, at=time.monotonic())
    return report


@bp.get("")
@require_admin
def dashboard() -> Response:
    stats = consent_stats(since=utc_now() - timedelta(days=DAYS_SHOWN))
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
    report = ledger_status()
    body = consent_stats(since=utc_now() - timedelta(days=DAYS_SHOWN)).as_dict()
    body["ledger"] = {"ok": report.ok, "verified": report.checked, "brokenAt": report.broken_id}
    response = jsonify(body)
    response.cache_control.no_store = True
    return response
