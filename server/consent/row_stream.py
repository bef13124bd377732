"""Reading the whole ledger fast: rows through the driver, converted as Core would.

Verification and exports read every record. Through Core each row cost
about 20 µs of result processing, as much as checking its hashes; here a
page of rows comes from the driver's own cursor as plain tuples, and each
value goes through its column type's own result processor, so the values
are the ones Core would return. JSON values repeat (a site has a handful of
category and service combinations), so each distinct stored spelling is
parsed once: the parsed value is shared and must not be changed. Pages are
read by primary key, so memory stays flat at any size.
"""

import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from sqlalchemy import JSON, Connection, Table, select

PAGE = 5000
CACHED_SPELLINGS = 4096  # per JSON column; a cache that fills is cleared, not grown
Convert = Callable[[Any], Any]


def _memoized(process: Convert) -> Convert:
    cache: dict[Any, Any] = {}

    def parse(value: Any) -> Any:
        if not isinstance(value, str):
            return process(value)  # a driver that parsed it already (psycopg)
        try:
            return cache[value]
        except KeyError:
            if len(cache) >= CACHED_SPELLINGS:
                cache.clear()
            parsed = cache[value] = process(value)
            return parsed

    return parse


class RowStream:
    """A table's rows (or some of its columns) in primary-key order."""

    def __init__(
        self, connection: Connection, table: Table, columns: Sequence[str] | None = None
    ) -> None:
        dialect = connection.dialect
        chosen = list(table.columns) if columns is None else [table.c[name] for name in columns]
        self.connection = connection
        self.key = table.primary_key.columns.values()[0]
        self.keys = [column.key for column in chosen]
        self._key_index = self.keys.index(self.key.key)
        self._query = select(*chosen)
        # psycopg parses every JSON value itself (json.loads, a third of a walk's CPU): here
        # it hands over the text, parsed as it would have been, once per distinct spelling.
        self._json_as_text = dialect.driver == "psycopg"
        json_loads = dialect._json_deserializer or json.loads  # what psycopg is given to parse
        # Column name -> its result processor, for the columns whose driver value needs one.
        self.conversions: dict[str, Convert] = {}
        for column in chosen:
            process = column.type._cached_result_processor(dialect, None)
            if isinstance(column.type, JSON):
                process = json_loads if self._json_as_text else process
                if process is not None:
                    self.conversions[column.key] = _memoized(process)
            elif process is not None:
                self.conversions[column.key] = process

    def pages(self, after: int, last: int | None = None) -> Iterator[list[tuple[Any, ...]]]:
        """Rows with ``after < key <= last`` as the driver returns them, a page at a time."""
        while True:
            query = self._query.where(self.key > after).order_by(self.key).limit(PAGE)
            if last is not None:
                query = query.where(self.key <= last)
            # Only integers are inlined; a page is one short statement, compiled in microseconds.
            sql = query.compile(
                dialect=self.connection.dialect, compile_kwargs={"literal_binds": True}
            )
            page = self._fetch(sql.string)
            if not page:
                return
            yield page
            after = page[-1][self._key_index]

    def _fetch(self, sql: str) -> list[tuple[Any, ...]]:
        """The driver's own tuples, not Core's Row objects."""
        if self._json_as_text:
            from psycopg.types.string import TextLoader  # the postgres extra; only with its driver

            cursor = self.connection.connection.cursor()
            for name in ("json", "jsonb"):  # for this cursor only, not the pooled connection
                cursor.adapters.register_loader(name, TextLoader)
            with cursor:
                cursor.execute(sql)
                return cursor.fetchall()
        result = self.connection.exec_driver_sql(sql)
        page = result.cursor.fetchall()
        result.close()
        return page

    def between(self, after: int, last: int | None = None) -> Iterator[dict[str, Any]]:
        """Every row with ``after < key <= last`` (no upper bound without ``last``), as dicts."""
        keys = self.keys
        conversions = [(keys.index(key), convert) for key, convert in self.conversions.items()]
        for page in self.pages(after, last):
            for raw in page:
                values = list(raw)
                for position, convert in conversions:
                    values[position] = convert(values[position])
                yield dict(zip(keys, values, strict=True))
