"""Ledger writes from a request: a database failure is a 503 that leaves nothing behind."""

import sqlite3
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from flask import abort, current_app
from sqlalchemy.exc import SQLAlchemyError

from .group_commit import CommitFailed

P = ParamSpec("P")
T = TypeVar("T")


def guarded(write: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run a ledger write; a database failure is a 503 and leaves nothing behind."""
    try:
        return write(*args, **kwargs)
    except (SQLAlchemyError, sqlite3.Error, CommitFailed):  # SQLite's head is read by the driver
        current_app.logger.exception("ledger write failed")
        abort(503, "the ledger could not be written; please try again")
