"""What visitors were shown, kept forever: archived texts, config and code.

The first time the server serves a combination of site config and banner
build (an *edition*), it archives, content-addressed by SHA-256:

* ``texts``: each language's view of the config, the exact object whose hash
  a decision carries as ``textsHash`` (so a record's hash finds its words);
* ``config``: the whole site config (categories, services, cookie tables,
  theme);
* ``runtime``: the banner runtime as served;
* ``edition``: the manifest naming all of these,

and appends a ``published`` ledger event whose details are that manifest,
in the same transaction, so the chain dates each edition and every later
decision follows the edition it was given. ``consent snapshot`` adds
screenshots the same way. Archived content is never changed or removed.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import Flask, current_app, request
from sqlalchemy import Connection, Integer, LargeBinary, String, insert, select
from sqlalchemy.orm import Mapped, mapped_column

from ..bundle.asset import BundleUnavailable
from ..bundle.views import current_bundle
from ..canonical import canonical_json, sha256_hex
from ..database import UTCDateTime, db
from ..site_config import Site, current_site
from . import ledger
from .guard import guarded
from .records import Row, tombstone_row, utc_now

EXTENSION_KEY = "consent_published_editions"
JSON_TYPE = "application/json"


class Publication(db.Model):
    """One archived file, and the ``published`` ledger event that first carried it."""

    __tablename__ = "ledger_publication"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(128))
    media_type: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    record_id: Mapped[int] = mapped_column(Integer)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime)


TABLE = Publication.__table__


@dataclass(frozen=True)
class Item:
    """A file to archive; its digest is what records and manifests point to."""

    kind: str
    name: str
    media_type: str
    content: bytes

    @property
    def digest(self) -> str:
        return sha256_hex(self.content)


def json_item(kind: str, name: str, value: Any) -> Item:
    return Item(kind, name, JSON_TYPE, canonical_json(value))


def edition_items(
    site: Site, runtime: bytes | None, runtime_name: str | None
) -> tuple[list[Item], dict[str, Any]]:
    """The config, each language's texts, the runtime and, last, the manifest naming them."""
    items = [json_item("config", f"config-r{site.revision}.json", site.config)]
    texts = {}
    for lang in site.languages:
        item = json_item("texts", f"texts-r{site.revision}-{lang}.json", site.localized(lang))
        assert item.digest == site.texts_hash(lang)  # the hash decisions carry
        texts[lang] = item.digest
        items.append(item)
    manifest: dict[str, Any] = {
        "revision": site.revision,
        "config": items[0].digest,
        "texts": texts,
        "runtime": None,
    }
    if runtime is not None:
        items.append(Item("runtime", runtime_name or "runtime.js", "text/javascript", runtime))
        manifest["runtime"] = items[-1].digest
        manifest["runtimeName"] = runtime_name
    items.append(json_item("edition", f"edition-r{site.revision}.json", manifest))
    return items, manifest


def publish(items: list[Item], details: dict[str, Any]) -> Row | None:
    """Archive ``items`` and append one ``published`` event, unless the last item is archived.

    Runs under the ledger's lock, so two servers publishing the same edition
    at once store it once.
    """

    def work(connection: Connection) -> Row | None:
        if _stored(connection, [items[-1].digest]):
            return None
        event = tombstone_row("published", None, details)
        ledger.current().append_rows(connection, event)
        known = _stored(connection, [item.digest for item in items])
        fresh = {item.digest: item for item in items if item.digest not in known}
        now = utc_now()
        connection.execute(
            insert(TABLE),
            [
                {
                    "digest": digest,
                    "kind": item.kind,
                    "name": item.name,
                    "media_type": item.media_type,
                    "content": item.content,
                    "record_id": event["id"],
                    "published_at": now,
                }
                for digest, item in fresh.items()
            ],
        )
        return event

    return ledger.current().write(work)


def _stored(connection: Connection, digests: Iterable[str]) -> set[str]:
    return set(connection.scalars(select(TABLE.c.digest).where(TABLE.c.digest.in_(list(digests)))))


# What serves an edition to a visitor: the loader (with the config inside) and the
# config on its own. A decision publishes once it has passed validation (views.py).
SERVING_ENDPOINTS = {"bundle.consent_script", "site.site_config"}


def init_app(app: Flask) -> None:
    app.before_request(_before_serving)


def _before_serving() -> None:
    """Archive the edition before its first visitor gets it; a 503 if that cannot be done."""
    if request.endpoint in SERVING_ENDPOINTS:
        guarded(publish_current)


def publish_current() -> str:
    """Publish what this server serves now, if not yet archived; returns its edition's digest."""
    bundle = current_bundle()
    try:
        runtime, name = bundle.runtime.variant("identity").body, bundle.runtime_name()
    except BundleUnavailable:
        runtime = name = None  # /consent.js answers 503 itself; the config is still served
    return ensure_published(current_site(), runtime, name)


def ensure_published(site: Site, runtime: bytes | None, runtime_name: str | None) -> str:
    """Publish the edition being served unless this process knows it is archived.

    The check after the first time is one dictionary lookup; the runtime's
    digest comes from the bundle, which hashes it once per build.
    """
    known: dict[tuple[str, str | None], str] = current_app.extensions.setdefault(EXTENSION_KEY, {})
    key = (site.config_hash, runtime_name)
    if key not in known:
        items, manifest = edition_items(site, runtime, runtime_name)
        publish(items, manifest)
        known[key] = items[-1].digest
    return known[key]


def digest_of(manifest: dict[str, Any]) -> str:
    """The digest an edition or screenshot set is archived under: that of its event's details."""
    return sha256_hex(canonical_json(manifest))


def find(digest: str) -> Publication | None:
    return db.session.get(Publication, digest)


def edition_at(record_id: int) -> tuple[Row, Publication] | None:
    """The edition in force when record ``record_id`` was written: the last one published before."""
    query = (
        select(Publication)
        .where(Publication.kind == "edition", Publication.record_id < record_id)
        .order_by(Publication.record_id.desc())
        .limit(1)
    )
    found = db.session.scalar(query)
    if found is None:
        return None
    events = ledger.TABLE
    event = db.session.execute(select(events).where(events.c.id == found.record_id)).mappings()
    return dict(event.one()), found
