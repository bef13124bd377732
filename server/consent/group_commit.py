"""Group commit: the appends of many threads of one process in one transaction.

Every append needs the chain's write lock, one fsync and the chain head; done
one by one, threads queue on SQLite's busy handler, which sleeps and retries,
and the p99 latency is that backoff. Here the first thread to arrive leads:
it takes everything queued (up to ``max_batch``), writes it in one
transaction and wakes the others, then hands the lead to the next waiter, so
no thread does more than its own batch. A record is acknowledged only after
its batch has committed; a failed batch fails every record in it, and none
of them is stored (one transaction).
"""

import threading
from collections.abc import Callable
from typing import Any


class _Entry:
    __slots__ = ("record", "wake", "lead", "error")

    def __init__(self, record: Any) -> None:
        self.record = record
        self.wake = threading.Event()
        self.lead = False
        self.error: BaseException | None = None


class GroupCommit:
    """Funnel ``submit(record)`` calls into ``write_batch(records)`` calls."""

    def __init__(self, write_batch: Callable[[list], None], max_batch: int = 64) -> None:
        self._write_batch = write_batch
        self._max_batch = max_batch
        self._lock = threading.Lock()
        self._queue: list[_Entry] = []
        self._busy = False  # a leader is writing or about to

    def submit(self, record: Any) -> Any:
        """Return ``record`` once it is committed; raise what its batch raised."""
        entry = _Entry(record)
        with self._lock:
            self._queue.append(entry)
            lead = not self._busy
            self._busy = True
        if not lead:
            entry.wake.wait()
        if lead or entry.lead:
            self._lead()
        if entry.error is not None:
            raise entry.error
        return entry.record

    def _lead(self) -> None:
        with self._lock:
            batch = self._queue[: self._max_batch]
            del self._queue[: len(batch)]
        try:
            self._write_batch([entry.record for entry in batch])
        except BaseException as error:  # every waiter must hear of it, whatever it is
            for entry in batch:
                entry.error = error
        finally:
            for entry in batch:
                entry.lead = False
                entry.wake.set()
            with self._lock:
                if self._queue:
                    self._queue[0].lead = True
                    self._queue[0].wake.set()
                else:
                    self._busy = False
