"""Validation of logged decisions: pure functions, no database, no request.

A decision is checked against the same site config the banner was built
from, so the ledger can only ever hold categories and services that the
visitor was actually shown. Each error names the offending field.
"""

import re
from dataclasses import dataclass
from typing import Any

from banner.consent import ACTIONS

from ..errors import InvalidField
from ..site_config import Site
from .page_url import parse_page_url

REQUIRED_FIELDS = ("consentId", "action", "categories", "revision", "language")
OPTIONAL_FIELDS = ("services", "pageUrl", "textsHash", "method", "idempotencyKey")
# How the decision was collected; "api" when the caller does not say.
METHODS = ("banner", "preferences", "api", "gpc")
# Accepted so a banner may post its cookie as is, then dropped: the server's
# clock is the only time of record, a visitor's clock proves nothing.
IGNORED_FIELDS = ("timestamp", "consentTimestamp", "lastConsentTimestamp")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


@dataclass(frozen=True)
class Decision:
    """A validated decision, normalised to config order, ready to be recorded."""

    consent_id: str
    action: str
    categories: tuple[str, ...]
    services: dict[str, tuple[str, ...]]
    revision: int
    language: str
    page_url: str | None = None
    texts_hash: str | None = None
    method: str = "api"
    idempotency_key: str | None = None


def parse_consent_id(value: Any, field: str = "consentId", *, version4: bool = True) -> str:
    """Accept a UUID in its canonical 8-4-4-4-12 form, in any letter case."""
    if not isinstance(value, str):
        raise InvalidField(field, "must be a string")
    text = value.strip().lower()
    pattern = _UUID4 if version4 else _UUID
    if not pattern.match(text):
        kind = "a random UUID (version 4)" if version4 else "a UUID"
        raise InvalidField(field, f"must be {kind} like 0b6c7c4e-8f2a-4c1e-9d3b-2a7e5f1c6d80")
    return text


def parse_decision(body: Any, site: Site) -> Decision:
    """Check a ``POST /api/consent`` body; raise InvalidField at the first problem."""
    if not isinstance(body, dict):
        raise InvalidField("body", "must be a JSON object")
    known = REQUIRED_FIELDS + OPTIONAL_FIELDS
    for key in body:
        if key not in known and key not in IGNORED_FIELDS:
            raise InvalidField(str(key), f"unknown field; expected {', '.join(known)}")
    for key in REQUIRED_FIELDS:
        if key not in body:
            raise InvalidField(key, "is required")
    consent_id = parse_consent_id(body["consentId"])
    action = _action(body["action"])
    revision = _revision(body["revision"], site)
    language = _language(body["language"], site)
    categories = _categories(body["categories"], action, site)
    return Decision(
        consent_id=consent_id,
        action=action,
        categories=categories,
        services=_services(body.get("services"), categories, site),
        revision=revision,
        language=language,
        page_url=parse_page_url(body.get("pageUrl")),
        texts_hash=_texts_hash(body.get("textsHash"), site, language),
        method=_method(body.get("method", "api")),
        idempotency_key=_idempotency_key(body.get("idempotencyKey")),
    )


def _action(value: Any) -> str:
    if value not in ACTIONS:
        raise InvalidField("action", f"must be one of {', '.join(ACTIONS)}")
    return value


def _id_list(value: Any, field: str, allowed: list[str], kind: str) -> tuple[str, ...]:
    """A list of distinct known ids, returned in config order."""
    if not isinstance(value, list):
        raise InvalidField(field, f"must be a list of {kind} ids")
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise InvalidField(f"{field}[{index}]", "must be a string")
        if item not in allowed:
            raise InvalidField(field, f"unknown {kind} {item!r}")
        if value.count(item) > 1:
            raise InvalidField(field, f"{item!r} is listed twice")
    return tuple(i for i in allowed if i in value)


def _categories(value: Any, action: str, site: Site) -> tuple[str, ...]:
    granted = _id_list(value, "categories", site.categories, "category")
    for required in site.required_categories:
        if required not in granted:
            raise InvalidField("categories", f"must include the required category {required!r}")
    if action == "accept_all" and granted != tuple(site.categories):
        missing = ", ".join(c for c in site.categories if c not in granted)
        raise InvalidField("categories", f"accept_all must grant every category, also {missing}")
    if action == "reject_all" and granted != tuple(site.required_categories):
        extra = ", ".join(c for c in granted if c not in site.required_categories)
        raise InvalidField("categories", f"reject_all grants only required categories, not {extra}")
    return granted


def _services(value: Any, categories: tuple[str, ...], site: Site) -> dict[str, tuple[str, ...]]:
    """Services per granted category; a category left out keeps all its services."""
    known = site.services
    result = {category: tuple(known[category]) for category in categories}
    if value is None:
        return result
    if not isinstance(value, dict):
        raise InvalidField("services", "must be an object of category id to service ids")
    for category, ids in value.items():
        field = f"services.{category}"
        if category not in known:
            raise InvalidField(field, "unknown category")
        chosen = _id_list(ids, field, known[category], "service")
        if category not in categories:
            if chosen:
                raise InvalidField(field, f"category {category!r} is not granted")
            continue
        result[category] = chosen
    return result


def _revision(value: Any, site: Site) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidField("revision", "must be an integer")
    if value != site.revision:
        raise InvalidField(
            "revision", f"{value} is not the current config revision {site.revision}"
        )
    return value


def _language(value: Any, site: Site) -> str:
    if value not in site.languages:
        raise InvalidField("language", f"must be one of {', '.join(site.languages)}")
    return value


def _texts_hash(value: Any, site: Site, language: str) -> str:
    """The server knows what each language showed; a client's claim must agree."""
    expected = site.texts_hash(language)
    if value is not None and value != expected:
        raise InvalidField("textsHash", f"does not match the {language} texts of this revision")
    return expected


def _idempotency_key(value: Any) -> str | None:
    """A random UUID the client makes once per decision and sends again on every retry."""
    return None if value is None else parse_consent_id(value, "idempotencyKey")


def _method(value: Any) -> str:
    if value not in METHODS:
        raise InvalidField("method", f"must be one of {', '.join(METHODS)}")
    return value
