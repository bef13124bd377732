"""Canonical JSON: the single byte spelling of a value that hashes agree on.

Used by the ledger's hash chain and the fingerprint of the banner texts; an
auditor re-implementing either needs only these two rules.
"""

import hashlib
import json
from typing import Any


def canonical_json(value: Any) -> bytes:
    """Sorted keys, no whitespace, UTF-8 (not ASCII escapes)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
