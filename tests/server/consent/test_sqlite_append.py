"""SQLite's driver-level append stores exactly what a SQLAlchemy Core insert stores."""

import sqlite3
from datetime import UTC, datetime

from sqlalchemy import insert

from server import db
from server.consent.chain import GENESIS
from server.consent.ledger import EXTENSION_KEY, TABLE
from server.consent.records import seal, tombstone_row
from server.consent.sqlite_append import SQLiteAppend


def sealed(record_id, prev_hash):
    row = tombstone_row("erase", "0b6c7c4e-8f2a-4c1e-9d3b-2a7e5f1c6d80", {"records": [1, 2]})
    row.update(
        categories=["necessary", "analytics"],
        services={"analytics": ["google-analytics"]},
        gpc=True,
        ip="192.0.2.0",
        user_agent="Mozilla/5.0 (Ünïcode; \u2603)",
        erased_at=datetime(2026, 11, 25, 9, 30, tzinfo=UTC),
        personal_salt="5" * 32,  # random in real rows
        personal_hash="6" * 64,
    )
    seal(row, record_id, prev_hash, datetime(2026, 11, 25, 9, 15, 0, 123456, tzinfo=UTC))
    return row


def stored(database, record_id):
    """Each column's stored value and SQLite storage class, as bytes on disk see them."""
    with sqlite3.connect(database) as connection:
        names = [column.name for column in TABLE.columns]
        select = ", ".join(f"{name}, typeof({name})" for name in names)
        found = connection.execute(
            f"SELECT {select} FROM consent_record WHERE id = ?", (record_id,)
        ).fetchone()
    return dict(zip(names, zip(found[::2], found[1::2], strict=True), strict=True))


def test_driver_insert_stores_the_bytes_a_core_insert_stores(app, app_config):
    ledger = app.extensions[EXTENSION_KEY]
    assert isinstance(ledger._sqlite_append, SQLiteAppend)
    by_core, by_driver = sealed(1, GENESIS), sealed(2, "1" * 64)
    with app.app_context(), db.engine.begin() as connection:
        connection.execute(insert(TABLE), [by_core])
    ledger._sqlite_append.write(
        ledger._sqlite_writer().connection.driver_connection, lambda _driver: [by_driver]
    )
    database = app_config["DATABASE_URL"].removeprefix("sqlite:///")
    core, driver = stored(database, 1), stored(database, 2)
    for chained in ("id", "prev_hash", "hash"):
        del core[chained], driver[chained]
    assert driver == core
    assert core["gpc"] == (1, "integer") and core["created_at"][1] == "text"


def test_driver_reads_the_head_as_core_does(app):
    ledger = app.extensions[EXTENSION_KEY]
    driver = ledger._sqlite_writer().connection.driver_connection
    assert ledger._sqlite_append.stored_head(driver) is None
    row = sealed(1, GENESIS)
    ledger._sqlite_append.write(driver, lambda _driver: [row])
    assert ledger._sqlite_append.stored_head(driver) == (1, row["hash"], row["created_at"])


def test_a_driver_failure_during_erasure_is_503_and_erases_nothing(
    app, make_decision, visitor_auth
):
    client = app.test_client()
    consent_id = client.post("/api/consent", json=make_decision()).json["consentId"]
    ledger = app.extensions[EXTENSION_KEY]

    def broken_head(_driver):
        raise sqlite3.OperationalError("disk I/O error")

    ledger._head = None  # make the erasure read the head through the driver
    ledger._sqlite_append.stored_head = broken_head
    try:
        response = client.post(f"/api/consent/{consent_id}/erase", headers=visitor_auth(consent_id))
    finally:
        del ledger._sqlite_append.stored_head
    assert response.status_code == 503
    (record,) = client.get(f"/api/consent/{consent_id}", headers=visitor_auth(consent_id)).json[
        "records"
    ]
    assert record["userAgent"] is not None and record["erasedAt"] is None
