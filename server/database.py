"""The database extension, shared by every feature package.

It lives at package level (not inside ``create_app``) so models can declare
themselves against it at import time, as in the Flask-SQLAlchemy docs.
"""

import sqlite3
import time
from datetime import UTC, datetime
from typing import Any

from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import DateTime, Engine, event
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

# Execution option that makes SQLite take its write lock at BEGIN: the ledger
# reads the chain head and appends after it, and no other writer may slip in.
WRITE_LOCK = "consent_write_lock"


class Base(DeclarativeBase):
    """Declarative base for every model of the consent server."""


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that goes in and comes out as aware UTC on every backend.

    SQLite drops time zones; normalising here keeps records (and the hashes
    computed over them) identical on SQLite and PostgreSQL.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous; pass an aware UTC datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


db = SQLAlchemy(model_class=Base)


def engine_options(url: str) -> dict[str, Any]:
    """SQLite waits for the write lock instead of failing at once when busy."""
    if url.startswith("sqlite"):
        return {"connect_args": {"timeout": 30}}
    return {"pool_pre_ping": True}


def enable_wal(cursor: Any, attempts: int = 100) -> None:
    """Switch a new database to WAL, retrying while another process does the same.

    Workers that open a new database at the same moment race to convert it,
    and SQLite tells the loser "database is locked" at once, without its busy
    handler; unanswered, that stopped a worker from booting and gunicorn with it.
    """
    for attempt in range(attempts):
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or attempt == attempts - 1:
                raise
            time.sleep(0.05)


def _configure_sqlite(engine: Engine, synchronous: str) -> None:
    """WAL for concurrent readers; explicit BEGIN so the write lock can be asked for."""

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        enable_wal(cursor)
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get(WRITE_LOCK)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def init_app(app: Flask) -> None:
    synchronous = str(app.config["SQLITE_SYNCHRONOUS"]).upper()
    if synchronous not in ("NORMAL", "FULL", "EXTRA"):
        raise ValueError(f"SQLITE_SYNCHRONOUS must be NORMAL, FULL or EXTRA, not {synchronous}")
    options = engine_options(app.config["SQLALCHEMY_DATABASE_URI"])
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", options)
    db.init_app(app)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            _configure_sqlite(db.engine, synchronous)
