"""A retried post finds the record its first attempt stored, instead of adding one.

The banner makes a key (a random UUID) once per decision and sends it with
every attempt; the ledger stores it beside the record (unique), so a
decision that reached the ledger but whose answer was lost is answered again
from the record. The same key with a different decision is a client bug or a
forgery: refused with a 409, never stored.
"""

from flask import abort

from .models import ConsentRecord
from .records import Row

# What a decision says; the rest of a row (time, address, chain links) is the server's.
DECIDED = (
    "consent_id",
    "action",
    "categories",
    "services",
    "revision",
    "language",
    "texts_hash",
    "method",
)


def original_of(row: Row) -> ConsentRecord | None:
    """The record an earlier attempt with this row's key stored, or None."""
    key = row["request_key"]
    record = None if key is None else ConsentRecord.by_request_key(key)
    if record is None:
        return None
    stored = record.columns()
    if any(stored[field] != row[field] for field in DECIDED):
        abort(
            409,
            "idempotencyKey: this key was sent before with a different decision; "
            "make a new key for each decision",
        )
    return record
