"""Signed receipts: proof a visitor can keep and anyone can check offline.

A receipt is a compact JWS (ES256, via joserfc) over the record as stored,
including its chain hash, so a receipt also pins the ledger: a later rewrite
of that record, or of anything before it, contradicts a receipt in the wild.
The public key is published as a JWK set at ``/.well-known/jwks.json``.
"""

import os
import tempfile
from pathlib import Path
from typing import Any

from joserfc import jws
from joserfc.jwk import ECKey, KeySet
from joserfc.jws import JWSRegistry

from ..canonical import canonical_json

ALGORITHM = "ES256"
MEDIA_TYPE = "consent-receipt+jws"
# Built once: joserfc otherwise assembles a registry on every call (20 of the
# 130 µs a receipt took; the ECDSA signature itself is 70).
REGISTRY = JWSRegistry(algorithms=[ALGORITHM])


class ReceiptSigner:
    """Signs receipts with one private key and publishes its public half."""

    def __init__(self, key: ECKey) -> None:
        self.key = key
        self.kid = key.thumbprint()
        self.header = {"alg": ALGORITHM, "kid": self.kid, "typ": MEDIA_TYPE}

    @classmethod
    def from_pem(cls, pem: str | bytes) -> "ReceiptSigner":
        key = ECKey.import_key(pem.encode() if isinstance(pem, str) else pem)
        if not key.is_private or key.curve_name != "P-256":
            raise ValueError("the receipt signing key must be a private P-256 (ES256) key")
        return cls(key)

    @classmethod
    def from_file(cls, path: Path) -> "ReceiptSigner":
        """Load the key, creating it on first start (once, even with many workers)."""
        try:
            return cls.from_pem(path.read_bytes())
        except FileNotFoundError:
            pass
        path.parent.mkdir(parents=True, exist_ok=True)
        pem = ECKey.generate_key("P-256", private=True).as_pem(private=True)
        # Write a private temporary file, then hard-link it into place: the link
        # either appears complete or fails, so no worker reads a half-written key.
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".receipt-key-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(pem)
            os.link(temporary, path)
        except FileExistsError:  # another worker won the race; use its key
            return cls.from_pem(path.read_bytes())
        finally:
            os.unlink(temporary)
        return cls.from_pem(pem)

    def sign(self, payload: dict[str, Any]) -> str:
        return jws.serialize_compact(
            self.header, canonical_json(payload), self.key, registry=REGISTRY
        )

    def jwks(self) -> dict[str, Any]:
        public = self.key.as_dict(private=False)
        return {"keys": [{**public, "kid": self.kid, "use": "sig", "alg": ALGORITHM}]}


def verify_receipt(token: str, jwks: dict[str, Any]) -> bytes:
    """The signed payload if ``token`` was signed by a key in ``jwks``; raises otherwise."""
    return jws.deserialize_compact(token, KeySet.import_key_set(jwks)).payload
