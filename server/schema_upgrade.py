"""Keeping the database schema current, through Alembic migrations only.

``flask --app server db upgrade`` is the production path. With AUTO_MIGRATE
(the default) the app also upgrades itself at start-up, under a lock so that
many workers starting at once run the migration exactly once.
"""

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask
from flask_migrate import Migrate, upgrade
from sqlalchemy import Engine, text

from .database import db

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
MIGRATION_LOCK_KEY = 0x436F6E73656E75  # differs from the ledger's lock key

migrate = Migrate(db=db, directory=str(MIGRATIONS_DIR), render_as_batch=True)
# Tells migrations/env.py to leave logging alone: the app is starting, not an operator's CLI.
AUTOMATIC = "consent_automatic_upgrade"


@contextmanager
def migration_lock(engine: Engine) -> Iterator[None]:
    """One migrator at a time, across processes."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY})
        return
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and database != ":memory:":
        with open(f"{database}.migrate-lock", "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield
        return
    yield


def is_current(engine: Engine) -> bool:
    """Is the database at the newest migration already? Cheap; no DDL."""
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    with engine.connect() as conn:
        heads = MigrationContext.configure(conn).get_current_heads()
    return set(heads) == set(script.get_heads())


def init_app(app: Flask) -> None:
    migrate.init_app(app)
    if not app.config["AUTO_MIGRATE"]:
        return
    with app.app_context():
        if is_current(db.engine):
            return
        with migration_lock(db.engine):
            if not is_current(db.engine):
                app.extensions[AUTOMATIC] = True
                try:
                    upgrade(directory=str(MIGRATIONS_DIR))
                finally:
                    del app.extensions[AUTOMATIC]
