"""Is the database file itself sound? Asked before the chain is walked.

A damaged SQLite file (a plain copy taken mid-write, a bad disk) can answer
queries with rows missing or garbled, so a chain walk over it proves
nothing: it may pass, report tampering that never happened, or crash.
SQLite's own ``integrity_check`` reads every page and index first. It runs
on a read-only connection of its own, so checking never changes the file.
PostgreSQL checks its pages as it reads them (and with data checksums, if
the cluster was created with them); there is no file to check here.
"""

import sqlite3
from urllib.parse import quote

from sqlalchemy import Engine

# integrity_check stops after this many problems; the first few say enough.
MAX_PROBLEMS = 5


def sqlite_file_problems(path: str) -> list[str]:
    """SQLite's own verdict on a database file: [] when sound."""
    try:
        connection = sqlite3.connect(f"file:{quote(path)}?mode=ro", uri=True)
    except sqlite3.Error as error:
        return [f"cannot be opened: {error}"]
    try:
        rows = connection.execute(f"PRAGMA integrity_check({MAX_PROBLEMS})").fetchall()
    except sqlite3.DatabaseError as error:
        return [str(error)]
    finally:
        connection.close()
    problems = [row[0] for row in rows]
    return [] if problems == ["ok"] else problems


def database_problems(engine: Engine) -> list[str]:
    """What is wrong with the database's storage, [] when nothing (or nothing to check)."""
    if engine.dialect.name != "sqlite" or not engine.url.database:
        return []
    return sqlite_file_problems(engine.url.database)
