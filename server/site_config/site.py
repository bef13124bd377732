"""The site config as the server uses it: loaded once, checked at start-up.

The banner, the policy pages and the validation of logged decisions read
the same file through ``banner.config``, so they cannot drift apart.
"""

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from flask import Flask, current_app

from banner.config import (
    ConfigError,
    category_ids,
    localize,
    optional_category_ids,
    parse_config,
    service_ids,
)
from banner.language import match_language

from ..canonical import canonical_json, sha256_hex

EXTENSION_KEY = "consent_site"


class SiteConfigError(RuntimeError):
    """The configured site file is missing or invalid; the server must not start."""


@dataclass(frozen=True)
class Site:
    """A validated site config plus the lookups request handling needs."""

    config: dict[str, Any]
    path: Path
    by_language: dict[str, dict[str, Any]] = field(repr=False)
    texts_hashes: dict[str, str] = field(repr=False)

    @cached_property
    def config_hash(self) -> str:
        """SHA-256 of the whole config: names an edition of what the server serves."""
        return sha256_hex(canonical_json(self.config))

    @property
    def revision(self) -> int:
        return self.config["revision"]

    @property
    def languages(self) -> list[str]:
        return self.config["languages"]

    @property
    def default_language(self) -> str:
        return self.config["defaultLanguage"]

    @property
    def categories(self) -> list[str]:
        return category_ids(self.config)

    @property
    def required_categories(self) -> list[str]:
        """Read-only categories: granted by every decision, never optional."""
        optional = set(optional_category_ids(self.config))
        return [c for c in self.categories if c not in optional]

    @property
    def services(self) -> dict[str, list[str]]:
        return service_ids(self.config)

    def localized(self, lang: str) -> dict[str, Any]:
        """The config as a visitor reading ``lang`` sees it."""
        return self.by_language[lang]

    def texts_hash(self, lang: str) -> str:
        """SHA-256 of everything shown in ``lang``; logged with each decision."""
        return self.texts_hashes[lang]

    def match_language(self, requested: str | None) -> str | None:
        """``?lang=`` onto a configured language (``banner.language``'s rule), else None;
        the default language when nothing was asked for."""
        if not requested:
            return self.default_language
        return match_language(requested, self.languages)


def load_site(path: str | Path) -> Site:
    """Read and validate a site file; errors name the file and the bad field."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise SiteConfigError(f"cannot read site config {path}: {error.strerror}") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SiteConfigError(f"site config {path} is not valid JSON: {error}") from error
    try:
        config = parse_config(raw)
    except ConfigError as error:
        raise SiteConfigError(f"site config {path} is invalid: {error}") from error
    by_language = {lang: localize(config, lang) for lang in config["languages"]}
    hashes = {lang: sha256_hex(canonical_json(view)) for lang, view in by_language.items()}
    return Site(config=config, path=path, by_language=by_language, texts_hashes=hashes)


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION_KEY] = load_site(app.config["SITE_CONFIG"])


def site_of(app: Flask) -> Site:
    return app.extensions[EXTENSION_KEY]


def current_site() -> Site:
    return site_of(current_app)
