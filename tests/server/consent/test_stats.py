"""Dashboard totals: counted by the database, ended hours once, the same as a full count."""

import uuid
from datetime import timedelta

from server import db
from server.consent.ledger import current
from server.consent.records import decision_row, utc_now
from server.consent.schemas import Decision
from server.consent.stats import HourlyStats, consent_stats

CHOICES = [("accept_all", ("necessary", "analytics", "marketing")), ("reject_all", ("necessary",))]


def write_at(app, moment, action, categories):
    ledger = current()
    ledger.clock = lambda: moment
    decision = Decision(str(uuid.uuid4()), action, categories, {}, 1, "en")
    row = decision_row(decision, ip=None, user_agent=None)
    ledger.write(lambda connection: ledger.append_rows(connection, row))


def test_hourly_totals_match_a_full_count_and_follow_new_decisions(ledger_app):
    now = utc_now()
    with ledger_app.app_context():
        for hours_ago in (80, 50, 49, 26, 3, 2, 2, 0):
            action, categories = CHOICES[hours_ago % 2]
            write_at(ledger_app, now - timedelta(hours=hours_ago, minutes=5), action, categories)
        start = (now - timedelta(hours=60)).replace(minute=0, second=0, microsecond=0)
        hourly = HourlyStats()
        first = hourly.since(start, now)
        assert first.as_dict() == consent_stats(start).as_dict()
        assert first.total == 7 and first.by_action == {
            "accept_all": 5,
            "reject_all": 2,
            "custom": 0,
            "withdraw": 0,
        }
        write_at(ledger_app, now, "reject_all", ("necessary",))  # the hour in progress
        db.session.remove()  # a new request's session, as each dashboard view has
        second = hourly.since(start, now + timedelta(seconds=1))
        assert second.total == 8 and second.as_dict() == consent_stats(start).as_dict()
        assert second.acceptance_rate()["marketing"] == 0.625
