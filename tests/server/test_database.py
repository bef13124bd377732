"""SQLite set-up that many worker processes run at once."""

import sqlite3
import threading

import pytest

from server.database import enable_wal


def test_switching_a_new_database_to_wal_outwaits_another_process(tmp_path):
    path = tmp_path / "new.sqlite"
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN EXCLUSIVE")  # another worker, busy with the same new file
    threading.Timer(0.3, other.rollback).start()
    connection = sqlite3.connect(path, timeout=0)  # fail fast, as SQLite does here
    enable_wal(connection.cursor())
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    connection.close()
    other.close()


def test_other_errors_are_not_retried(tmp_path):
    class Broken:
        calls = 0

        def execute(self, _sql):
            self.calls += 1
            raise sqlite3.OperationalError("disk I/O error")

    cursor = Broken()
    with pytest.raises(sqlite3.OperationalError, match="disk I/O"):
        enable_wal(cursor)
    assert cursor.calls == 1
