"""SQLite's append path: the driver's own connection, one prepared insert.

A batch through SQLAlchemy Core (begin, compile lookup, parameter processing,
result setup, commit) cost about a fifth of a write's CPU. Here the batch is
``BEGIN IMMEDIATE``, one ``executemany`` of a statement sqlite3 keeps
prepared, and ``COMMIT``. Nothing about a record is defined twice: the
statements are compiled by SQLAlchemy from the table, and every value goes
through the column type's own bind processor (JSON, booleans, UTC times), so
the stored bytes are what a Core insert stores. PostgreSQL keeps Core.
"""

import sqlite3
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import Dialect, Select, Table, insert

from .records import Head, Row

Processor = Callable[[Any], Any] | None


class SQLiteAppend:
    """The insert and head query of ``table`` as plain SQL with SQLAlchemy's conversions."""

    def __init__(self, table: Table, head: Select[Any], dialect: Dialect) -> None:
        compiled = insert(table).compile(dialect=dialect)
        self.insert_sql = compiled.string
        self._binds = [
            (key, table.c[key].type.dialect_impl(dialect).bind_processor(dialect))
            for key in compiled.positiontup or ()
        ]
        self.head_sql = head.compile(dialect=dialect, compile_kwargs={"literal_binds": True}).string
        self._results: list[Processor] = [
            column.type.dialect_impl(dialect).result_processor(dialect, None)
            for column in head.selected_columns
        ]

    def parameters(self, rows: Iterable[Row]) -> list[tuple[Any, ...]]:
        """Each row's values in the statement's order, converted as Core would."""
        binds = self._binds
        return [
            tuple(row[key] if bind is None else bind(row[key]) for key, bind in binds)
            for row in rows
        ]

    def stored_head(self, connection: sqlite3.Connection) -> Head | None:
        """(id, hash, time) of the newest stored record; None for an empty ledger."""
        found = connection.execute(self.head_sql).fetchone()
        if found is None:
            return None
        record_id, record_hash, created_at = (
            value if result is None else result(value)
            for value, result in zip(found, self._results, strict=True)
        )
        return record_id, record_hash, created_at

    def write(
        self, connection: sqlite3.Connection, append: Callable[[sqlite3.Connection], list[Row]]
    ) -> None:
        """One ``BEGIN IMMEDIATE`` transaction: ``append`` seals rows, they go in, it commits.

        Anything that fails rolls the whole batch back before the error goes on.
        """
        connection.execute("BEGIN IMMEDIATE")
        try:
            self.insert(connection, append(connection))
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise

    def insert(self, connection: sqlite3.Connection, rows: Iterable[Row]) -> None:
        connection.executemany(self.insert_sql, self.parameters(rows))
