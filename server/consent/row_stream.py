"""Reading the whole ledger fast: rows through the driver, converted as Core would.

Verification and exports read every record. Through Core each row cost
about 20 µs of result processing, as much as checking its hashes; here a
page of rows comes from the driver as plain tuples (``exec_driver_sql``),
and each value goes through its column type's own result processor, so the
values are the ones Core would return. JSON values repeat (a site has a
handful of category and service combinations), so each distinct stored
spelling is parsed once: the parsed value is shared and must not be
changed. Pages are read by primary key, so memory stays flat at any size.
"""

from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import JSON, Connection, Table, select

PAGE = 5000
CACHED_SPELLINGS = 4096  # per JSON column; a cache that fills is cleared, not grown


def _memoized(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
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
    """A table's rows in primary-key order, as dicts of column name -> value."""

    def __init__(self, connection: Connection, table: Table) -> None:
        dialect = connection.dialect
        self.connection = connection
        self.key = table.primary_key.columns.values()[0]
        self.keys = [column.key for column in table.columns]
        self._query = select(table)
        self._conversions: list[tuple[int, Callable[[Any], Any]]] = []
        for index, column in enumerate(table.columns):
            process = column.type._cached_result_processor(dialect, None)
            if process is not None:
                self._conversions.append(
                    (index, _memoized(process) if isinstance(column.type, JSON) else process)
                )

    def between(self, after: int, last: int | None = None) -> Iterator[dict[str, Any]]:
        """Every row with ``after < key <= last`` (no upper bound without ``last``)."""
        keys, conversions, index = self.keys, self._conversions, self.keys.index(self.key.key)
        while True:
            query = self._query.where(self.key > after).order_by(self.key).limit(PAGE)
            if last is not None:
                query = query.where(self.key <= last)
            # Only integers are inlined; a page is one short statement, compiled in microseconds.
            sql = query.compile(
                dialect=self.connection.dialect, compile_kwargs={"literal_binds": True}
            )
            page = self.connection.exec_driver_sql(sql.string).fetchall()
            if not page:
                return
            for raw in page:
                values = list(raw)
                for position, convert in conversions:
                    values[position] = convert(values[position])
                yield dict(zip(keys, values, strict=True))
            after = page[-1][index]
