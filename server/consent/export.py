"""Consent records as files an auditor or a visitor can open anywhere, written as they stream.

Each writer takes an iterable of records (``records.export_dict``) and
yields text a piece at a time, so an export of any size holds one record
in memory: CSV with a header, JSON Lines, and one JSON array.
"""

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

COLUMNS = (
    "recordId",
    "consentId",
    "timestamp",
    "action",
    "categories",
    "services",
    "revision",
    "language",
    "ip",
    "userAgent",
    "pageUrl",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    """Flatten a field; defuse text a spreadsheet would run as a formula."""
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(value)
    if isinstance(value, dict):
        return json.dumps(value, separators=(",", ":"))
    text = str(value)
    if isinstance(value, str) and text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def csv_lines(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    """CSV with a header row, one line per record, in the order given."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")

    def line(cells: Iterable[str]) -> str:
        out.seek(0)
        out.truncate()
        writer.writerow(cells)
        return out.getvalue()

    yield line(COLUMNS)
    for record in records:
        yield line([_cell(record.get(column)) for column in COLUMNS])


def records_csv(records: Iterable[dict[str, Any]]) -> str:
    """The whole CSV at once, for callers that hold a few records anyway (evidence packs)."""
    return "".join(csv_lines(records))


def json_lines(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    """One JSON object per line (JSON Lines)."""
    for record in records:
        yield json.dumps(record, ensure_ascii=False) + "\n"


def json_array(records: Iterable[dict[str, Any]], indent: int | None = 2) -> Iterator[str]:
    """One JSON array, written an element at a time."""
    yield "["
    separator = "\n"
    for record in records:
        text = json.dumps(record, indent=indent, ensure_ascii=False)
        if indent:
            text = text.replace("\n", "\n" + " " * indent)
            yield separator + " " * indent + text
        else:
            yield separator + text
        separator = ",\n"
    yield "\n]\n" if separator != "\n" else "]\n"
