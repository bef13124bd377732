"""``consent backup PATH``: a consistent copy of the live ledger while writers run.

Copying the file with ``cp`` while a write is under way can give a copy
that is corrupt (4 of 80 under load did). SQLite's online backup API
copies from one read transaction instead: in WAL mode writers go on, and
the copy is the database as of one commit. The copy is written beside its
destination, checked with SQLite's ``integrity_check``, flushed to disk and
only then renamed into place, so PATH is either a sound copy or absent.
PostgreSQL has ``pg_dump`` for this (README, Security).
"""

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine

from .integrity import sqlite_file_problems


class BackupError(Exception):
    """The copy could not be made; nothing was left at the destination."""


def backup_sqlite(engine: Engine, destination: Path) -> None:
    if engine.dialect.name != "sqlite" or not engine.url.database:
        raise BackupError(
            "consent backup copies SQLite databases; for PostgreSQL use "
            "pg_dump --format=custom (README, Security)"
        )
    if destination.exists():
        raise BackupError(f"{destination} exists; choose a new file")
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(f"file:{quote(engine.url.database)}?mode=ro", uri=True, timeout=30)
    try:
        target = sqlite3.connect(partial)
        try:
            source.backup(target)  # every page in one step: one read transaction, one snapshot
        finally:
            target.close()
        problems = sqlite_file_problems(str(partial))
        if problems:
            raise BackupError(f"the copy failed SQLite's integrity check: {problems[0]}")
        with open(partial, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, destination)
    except (sqlite3.Error, OSError) as error:
        raise BackupError(f"the copy could not be made: {error}") from None
    finally:
        source.close()
        partial.unlink(missing_ok=True)
