"""The consent record: one row per decision or ledger event, in one hash chain.

Rows are appended by ``ledger.py`` only, as the plain dicts of ``records.py``
(the class here is for reading them). The one permitted change to a stored
row is erasure of its personal fields (see ``chain.py`` for why that keeps
the chain verifiable).
"""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Integer, String, func, select
from sqlalchemy.orm import Mapped, mapped_column

from ..database import UTCDateTime, db
from . import chain, records

TOMBSTONES = ("erase", "purge")


class ConsentRecord(db.Model):
    """What a visitor decided, about which config revision, and when the server saw it."""

    __tablename__ = "consent_record"

    # The chain position: assigned under the ledger lock, gap-free, never reused.
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    consent_id: Mapped[str | None] = mapped_column(String(36), index=True)
    action: Mapped[str] = mapped_column(String(16))
    categories: Mapped[list[str]] = mapped_column(JSON)
    services: Mapped[dict[str, list[str]]] = mapped_column(JSON)
    revision: Mapped[int | None] = mapped_column(Integer)
    language: Mapped[str | None] = mapped_column(String(16))
    texts_hash: Mapped[str | None] = mapped_column(String(64))
    method: Mapped[str] = mapped_column(String(16))
    gpc: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    details: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # Personal fields: truncated before storage, erasable later.
    ip: Mapped[str | None] = mapped_column(String(45))
    user_agent: Mapped[str | None] = mapped_column(String(512))
    page_url: Mapped[str | None] = mapped_column(String(2048))
    personal_salt: Mapped[str | None] = mapped_column(String(32))
    personal_hash: Mapped[str] = mapped_column(String(64))
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The client's idempotency key: a retried post finds its record instead of
    # adding one. Not sealed in the hash: it identifies a request, not the decision.
    request_key: Mapped[str | None] = mapped_column(String(36), index=True, unique=True)
    # The chain: unique prev_hash makes a fork impossible even without the lock.
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hash: Mapped[str] = mapped_column(String(64), unique=True)

    @classmethod
    def for_consent(cls, consent_id: str) -> list["ConsentRecord"]:
        """Every record of one visitor, oldest first."""
        query = select(cls).where(cls.consent_id == consent_id).order_by(cls.id)
        return list(db.session.scalars(query))

    @classmethod
    def by_request_key(cls, key: str) -> "ConsentRecord | None":
        return db.session.scalar(select(cls).where(cls.request_key == key))

    @classmethod
    def first_id_of(cls, consent_id: str) -> int | None:
        """The id of a visitor's first record, None before they have one."""
        return db.session.scalar(select(func.min(cls.id)).where(cls.consent_id == consent_id))

    @property
    def is_erased(self) -> bool:
        return self.personal_salt is None

    def personal_intact(self) -> bool:
        """Do the stored personal fields still match the digest sealed in the chain?"""
        if self.personal_salt is None:
            return self.ip is None and self.user_agent is None and self.page_url is None
        digest = chain.personal_digest(self.personal_salt, self.ip, self.user_agent, self.page_url)
        return digest == self.personal_hash

    def columns(self) -> records.Row:
        """The stored row as plain values, for the functions in ``records.py``."""
        return {column.key: getattr(self, column.key) for column in COLUMNS}

    def computed_hash(self) -> str:
        return records.record_hash(self.columns())

    def receipt(self) -> dict[str, Any]:
        """What the visitor got back when this record was written."""
        return records.receipt(self.columns())

    def to_dict(self) -> dict[str, Any]:
        """The full record, personal fields included, for the visitor's own access."""
        return {
            **self.receipt(),
            "ip": self.ip,
            "userAgent": self.user_agent,
            "pageUrl": self.page_url,
            "erasedAt": records.iso_utc(self.erased_at) if self.erased_at else None,
            "details": self.details,
        }


COLUMNS = tuple(ConsentRecord.__table__.columns)
