"""Consent records as a CSV file a visitor or an auditor can open anywhere."""

import csv
import io
import json
from collections.abc import Iterable
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


def records_csv(records: Iterable[dict[str, Any]]) -> str:
    """CSV with a header row, one line per record, in the order given."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for record in records:
        writer.writerow([_cell(record.get(column)) for column in COLUMNS])
    return out.getvalue()
