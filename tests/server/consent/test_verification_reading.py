"""The full walk reads driver tuples and spells SQLite's times itself: same verdicts as Core's."""

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.dialects import sqlite

from server import db
from server.consent.audit import sqlite_iso, verify_chain
from server.consent.records import iso_utc
from server.database import UTCDateTime

SQLITE = sqlite.dialect()
STORE = UTCDateTime().dialect_impl(SQLITE).bind_processor(SQLITE)
# Years 1000-9999 keep ISO's four digits after a shift to UTC.
MOMENTS = st.datetimes(
    min_value=datetime(1000, 1, 2),
    max_value=datetime(9999, 12, 30),
    timezones=st.just(UTC) | st.timezones(),
)


@given(MOMENTS)
def test_the_quick_spelling_of_a_stored_time_is_iso_utc_of_it(moment):
    assert sqlite_iso(STORE(moment)) == iso_utc(moment)


def test_a_time_stored_in_another_spelling_of_the_same_moment_still_verifies(app, make_decision):
    client = app.test_client()
    for _ in range(3):
        assert client.post("/api/consent", json=make_decision()).status_code == 201
    with app.app_context():
        stored = db.session.scalar(text("SELECT created_at FROM consent_record WHERE id = 2"))
        moment = datetime.fromisoformat(stored).replace(tzinfo=UTC)
        # Another writer's spelling: a "T" and an explicit offset, the same instant.
        other = (moment + timedelta(hours=2)).replace(tzinfo=None).isoformat() + "+02:00"
        db.session.execute(
            text("UPDATE consent_record SET created_at = :other WHERE id = 2"), {"other": other}
        )
        db.session.commit()
        assert verify_chain().ok
        later = STORE(moment + timedelta(microseconds=1))
        db.session.execute(
            text("UPDATE consent_record SET created_at = :later WHERE id = 2"), {"later": later}
        )
        db.session.commit()
        report = verify_chain()
    assert (report.broken_id, report.problem) == (2, "its contents do not match its hash")
