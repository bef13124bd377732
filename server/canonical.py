"""Canonical JSON: the single byte spelling of a value that hashes agree on.

Used by the ledger's hash chain and the fingerprint of the banner texts; an
auditor re-implementing either needs only these two rules. The rule is
Python's ``json.dumps(value, sort_keys=True, separators=(",", ":"),
ensure_ascii=False).encode()``; orjson writes the same bytes for the values
the ledger holds (strings, integers, booleans, null, lists, objects with
string keys; a test holds the two to it) at a tenth of the cost, which is
most of what verifying a record costs.
"""

import hashlib
from typing import Any

import orjson


def canonical_json(value: Any) -> bytes:
    """Sorted keys, no whitespace, UTF-8 (not ASCII escapes)."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
