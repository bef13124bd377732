"""The consent record: one row per decision or ledger event, in one hash chain.

Rows are appended by ``ledger.py`` only. The one permitted change to a stored
row is erasure of its personal fields (see ``chain.py`` for why that keeps
the chain verifiable).
"""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Integer, String, select
from sqlalchemy.orm import Mapped, mapped_column

from ..database import UTCDateTime, db
from . import chain
from .schemas import Decision

DECISIONS = ("accept_all", "reject_all", "custom", "withdraw")
TOMBSTONES = ("erase", "purge")


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso_utc(moment: datetime) -> str:
    """ISO 8601 with a ``Z``: unambiguous in receipts, CSV files and hashes."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


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
    # The chain: unique prev_hash makes a fork impossible even without the lock.
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hash: Mapped[str] = mapped_column(String(64), unique=True)

    @classmethod
    def from_decision(
        cls,
        decision: Decision,
        *,
        ip: str | None,
        user_agent: str | None,
        gpc: bool = False,
    ) -> "ConsentRecord":
        """Build an unsealed record; ``ip`` must already be truncated (anonymize.py)."""
        record = cls(
            consent_id=decision.consent_id,
            action=decision.action,
            categories=list(decision.categories),
            services={k: list(v) for k, v in decision.services.items()},
            revision=decision.revision,
            language=decision.language,
            texts_hash=decision.texts_hash,
            method=decision.method,
            gpc=gpc,
        )
        record.set_personal(ip=ip, user_agent=user_agent, page_url=decision.page_url)
        return record

    @classmethod
    def tombstone(
        cls, action: str, consent_id: str | None, details: dict[str, Any]
    ) -> "ConsentRecord":
        """A ledger event (erase, purge) that explains later-missing personal fields."""
        record = cls(
            consent_id=consent_id,
            action=action,
            categories=[],
            services={},
            method="admin" if action == "purge" else "api",
            gpc=False,
            details=details,
        )
        record.set_personal(ip=None, user_agent=None, page_url=None)
        return record

    @classmethod
    def for_consent(cls, consent_id: str) -> list["ConsentRecord"]:
        """Every record of one visitor, oldest first."""
        query = select(cls).where(cls.consent_id == consent_id).order_by(cls.id)
        return list(db.session.scalars(query))

    def set_personal(self, *, ip: str | None, user_agent: str | None, page_url: str | None) -> None:
        self.ip, self.user_agent, self.page_url = ip, user_agent, page_url
        self.personal_salt = chain.new_salt()
        self.personal_hash = chain.personal_digest(self.personal_salt, ip, user_agent, page_url)

    def erase_personal(self, now: datetime) -> None:
        """Forget the personal fields and the salt; the digest stays in the chain."""
        self.ip = self.user_agent = self.page_url = self.personal_salt = None
        self.erased_at = now

    @property
    def is_erased(self) -> bool:
        return self.personal_salt is None

    def personal_intact(self) -> bool:
        """Do the stored personal fields still match the digest sealed in the chain?"""
        if self.personal_salt is None:
            return self.ip is None and self.user_agent is None and self.page_url is None
        digest = chain.personal_digest(self.personal_salt, self.ip, self.user_agent, self.page_url)
        return digest == self.personal_hash

    def sealed_fields(self) -> dict[str, Any]:
        """Everything the record hash covers, in its canonical spelling."""
        return {
            "id": self.id,
            "consentId": self.consent_id,
            "action": self.action,
            "categories": self.categories,
            "services": self.services,
            "revision": self.revision,
            "language": self.language,
            "textsHash": self.texts_hash,
            "method": self.method,
            "gpc": self.gpc,
            "timestamp": iso_utc(self.created_at),
            "details": self.details,
            "personal": self.personal_hash,
        }

    def seal(self, record_id: int, prev_hash: str, now: datetime) -> None:
        """Place the record in the chain; called by the ledger under its lock."""
        self.id, self.prev_hash, self.created_at = record_id, prev_hash, now
        self.hash = self.computed_hash()

    def row(self) -> dict[str, Any]:
        """Column values for a Core insert (the ledger bypasses the ORM session)."""
        return {column.key: getattr(self, column.key) for column in self.__table__.columns}

    def computed_hash(self) -> str:
        return chain.record_hash(self.sealed_fields(), self.prev_hash)

    def receipt(self) -> dict[str, Any]:
        """What the visitor gets back: the decision as the server recorded it."""
        return {
            "recordId": self.id,
            "consentId": self.consent_id,
            "action": self.action,
            "categories": self.categories,
            "services": self.services,
            "revision": self.revision,
            "language": self.language,
            "timestamp": iso_utc(self.created_at),
            "textsHash": self.texts_hash,
            "method": self.method,
            "gpc": self.gpc,
            "hash": self.hash,
            "prevHash": self.prev_hash,
        }

    def to_dict(self) -> dict[str, Any]:
        """The full record, personal fields included, for the visitor's own access."""
        return {
            **self.receipt(),
            "ip": self.ip,
            "userAgent": self.user_agent,
            "pageUrl": self.page_url,
            "erasedAt": iso_utc(self.erased_at) if self.erased_at else None,
            "details": self.details,
        }
