"""One ledger writer at a time per database, queued instead of polling.

The database lock (SQLite's ``BEGIN IMMEDIATE``, PostgreSQL's advisory lock)
is what keeps the chain linear; this lock only makes waiting for it cheap.
SQLite's busy handler sleeps and retries with growing pauses (up to 100 ms),
which is where the latency tail came from when worker processes collided.
Threads here wait on a mutex, processes on ``flock`` of a file beside the
SQLite database: both wake the moment the holder lets go.
"""

import fcntl
import os
import threading
import weakref


class WriteLock:
    """A mutex for this process's threads, plus an flock for other processes."""

    def __init__(self, path: str | None) -> None:
        self._path = path  # None: no file (PostgreSQL, in-memory SQLite)
        self._mutex = threading.Lock()
        self._fd: int | None = None
        self._pid = 0

    def __enter__(self) -> None:
        self._mutex.acquire()
        try:
            if self._path is not None:
                fcntl.flock(self._file(), fcntl.LOCK_EX)  # releases the GIL while it waits
        except BaseException:
            self._mutex.release()
            raise

    def __exit__(self, *exc: object) -> None:
        try:
            if self._fd is not None:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self._mutex.release()

    def _file(self) -> int:
        """Open once per process: a forked child sharing the parent's file would share its lock."""
        if self._fd is None or self._pid != os.getpid():
            assert self._path is not None
            self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
            self._pid = os.getpid()
            weakref.finalize(self, os.close, self._fd)  # apps come and go in tests
        return self._fd


def sqlite_lock_path(database: str | None) -> str | None:
    """The lock file for a SQLite database file; None for an in-memory one."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return f"{database}.write-lock"
