"""Signed checkpoints: how far the chain has been verified, and by whom.

After verifying up to a record, the server signs (record id, hash, time)
with the receipt key and stores it. The next verification can start there
instead of at the first record; a full one still walks everything and checks
each checkpoint it passes. Every ``EVERY`` records gets one, so the chain
segment from any record to a signed checkpoint stays short (evidence packs
carry that segment). A checkpoint is not a ledger record: it says something
about the chain, so it lives beside it.
"""

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from joserfc.errors import JoseError
from sqlalchemy import Integer, String, Text, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, mapped_column

from ..canonical import canonical_json
from ..database import UTCDateTime, db
from ..receipts import ReceiptSigner, verify_receipt
from .records import iso_utc

EVERY = 1000
PAYLOAD_TYPE = "consent-ledger-checkpoint"


class LedgerCheckpoint(db.Model):
    """ "Records 1..record_id were verified at verified_at and the last one hashes to hash"."""

    __tablename__ = "ledger_checkpoint"

    record_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    hash: Mapped[str] = mapped_column(String(64))
    verified_at: Mapped[datetime] = mapped_column(UTCDateTime)
    signature: Mapped[str] = mapped_column(Text)

    def payload(self) -> dict[str, Any]:
        return payload(self.record_id, self.hash, self.verified_at)

    def as_dict(self) -> dict[str, Any]:
        return {**self.payload(), "signature": self.signature}


TABLE = LedgerCheckpoint.__table__


def payload(record_id: int, record_hash: str, verified_at: datetime) -> dict[str, Any]:
    """What a checkpoint's signature covers (its JWS payload, canonical JSON)."""
    return {
        "type": PAYLOAD_TYPE,
        "recordId": record_id,
        "hash": record_hash,
        "verifiedAt": iso_utc(verified_at),
    }


def signed(signer: ReceiptSigner, record_id: int, record_hash: str, at: datetime) -> dict:
    """A checkpoint row, ready to store."""
    token = signer.sign(payload(record_id, record_hash, at))
    return {"record_id": record_id, "hash": record_hash, "verified_at": at, "signature": token}


def signature_valid(checkpoint: LedgerCheckpoint | dict[str, Any], jwks: dict[str, Any]) -> bool:
    """Was this checkpoint signed by our key, over exactly these values?"""
    if isinstance(checkpoint, dict):
        fields = payload(checkpoint["record_id"], checkpoint["hash"], checkpoint["verified_at"])
        token = checkpoint["signature"]
    else:
        fields, token = checkpoint.payload(), checkpoint.signature
    try:
        return verify_receipt(token, jwks) == canonical_json(fields)
    except (JoseError, ValueError):  # a bad signature, a garbled token
        return False


def store(rows: Iterable[dict[str, Any]]) -> None:
    """Insert checkpoints; one another process stored first for the same record is kept."""
    rows = list(rows)
    if not rows:
        return
    engine = db.engine
    dialect_insert = postgresql_insert if engine.dialect.name == "postgresql" else sqlite_insert
    statement = dialect_insert(TABLE).on_conflict_do_nothing(index_elements=["record_id"])
    with engine.begin() as connection:
        connection.execute(statement, rows)


def latest(at_most: int | None = None) -> LedgerCheckpoint | None:
    """The newest checkpoint (at or before record ``at_most`` when given)."""
    query = select(LedgerCheckpoint).order_by(LedgerCheckpoint.record_id.desc()).limit(1)
    if at_most is not None:
        query = query.where(LedgerCheckpoint.record_id <= at_most)
    return db.session.scalar(query)


def first_after(record_id: int) -> LedgerCheckpoint | None:
    """The checkpoint an evidence pack's segment from ``record_id`` runs to."""
    query = (
        select(LedgerCheckpoint)
        .where(LedgerCheckpoint.record_id >= record_id)
        .order_by(LedgerCheckpoint.record_id)
        .limit(1)
    )
    return db.session.scalar(query)


def stream(after: int) -> Iterator[dict[str, Any]]:
    """Stored checkpoints after ``after`` in record order, read in pages (memory stays flat)."""
    last = after
    while True:
        with db.engine.connect() as connection:
            page = connection.execute(
                select(TABLE)
                .where(TABLE.c.record_id > last)
                .order_by(TABLE.c.record_id)
                .limit(EVERY)
            ).all()
        if not page:
            return
        for row in page:
            yield dict(row._mapping)
        last = page[-1].record_id
