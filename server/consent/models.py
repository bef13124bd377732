"""The consent record: one row per decision or ledger event, in one hash chain.

Rows are appended by ``ledger.py`` only, as the plain dicts of ``records.py``
(the class here is for reading them). The one permitted change to a stored
row is erasure of its personal fields (see ``chain.py`` for why that keeps
the chain verifiable).
"""

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Index, Integer, String, func, select, text
from sqlalchemy.orm import Mapped, mapped_column

from ..database import UTCDateTime, db
from . import records

TOMBSTONES = ("erase", "purge")
# Ledger events: chained like decisions, written by the server, never erasable.
EVENTS = (*TOMBSTONES, "published")
# Spelled as the index's predicate, so a query naming it can use the index.
IS_EVENT = text("action IN (" + ", ".join(f"'{event}'" for event in EVENTS) + ")")


class ConsentRecord(db.Model):
    """What a visitor decided, about which config revision, and when the server saw it."""

    __tablename__ = "consent_record"
    # A partial index: verification finds the few events without reading every decision.
    __table_args__ = (
        Index(
            "ix_consent_record_events", "action", sqlite_where=IS_EVENT, postgresql_where=IS_EVENT
        ),
    )

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
    def exists_for(cls, consent_id: str) -> bool:
        query = select(cls.id).where(cls.consent_id == consent_id).limit(1)
        return db.session.scalar(query) is not None

    @classmethod
    def stream_for(cls, consent_id: str) -> Iterator[records.Row]:
        """One visitor's stored rows as plain values, oldest first, a few at a time."""
        table = cls.__table__
        query = select(table).where(table.c.consent_id == consent_id).order_by(table.c.id)
        result = db.session.execute(query.execution_options(yield_per=500)).mappings()
        for row in result:
            yield dict(row)

    @classmethod
    def by_request_key(cls, key: str) -> "ConsentRecord | None":
        return db.session.scalar(select(cls).where(cls.request_key == key))

    @classmethod
    def first_id_of(cls, consent_id: str) -> int | None:
        """The id of a visitor's first record, None before they have one."""
        return db.session.scalar(select(func.min(cls.id)).where(cls.consent_id == consent_id))

    def columns(self) -> records.Row:
        """The stored row as plain values, for the functions in ``records.py``."""
        return {column.key: getattr(self, column.key) for column in COLUMNS}

    def computed_hash(self) -> str:
        return records.record_hash(self.columns())

    def to_dict(self) -> dict[str, Any]:
        """The full record, personal fields included, for the visitor's own access."""
        return records.export_dict(self.columns())


COLUMNS = tuple(ConsentRecord.__table__.columns)
