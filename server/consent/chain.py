"""The hash chain's arithmetic: canonical forms and digests, nothing else.

Pure functions, so the rules that make the ledger tamper-evident can be read
(and re-implemented by an auditor) without the database code around them.

* A record's hash is SHA-256 over the canonical JSON of its fields plus the
  previous record's hash, so changing, removing or reordering any record
  breaks every link after it.
* The personal fields (truncated IP, user agent, page URL) enter the record
  hash only through a salted digest. Erasure deletes the fields and the salt
  but keeps the digest: the chain still verifies, and the digest can no
  longer be matched against guesses.
"""

import secrets
from typing import Any

from ..canonical import canonical_json, sha256_hex

GENESIS = "0" * 64
FORMAT_VERSION = 1


def new_salt() -> str:
    return secrets.token_hex(16)


def personal_digest(salt: str, ip: str | None, user_agent: str | None, page_url: str | None) -> str:
    """Commit to the personal fields without exposing them to brute force."""
    fields = {"salt": salt, "ip": ip, "userAgent": user_agent, "pageUrl": page_url}
    return sha256_hex(canonical_json(fields))


def record_hash(fields: dict[str, Any], prev_hash: str) -> str:
    """The hash that the next record links to."""
    return sha256_hex(canonical_json({"v": FORMAT_VERSION, **fields, "prev": prev_hash}))
