"""Every setting of the server in one place, with the defaults a demo needs.

Values come from ``create_app(test_config)`` or from ``CONSENT_*`` environment
variables (``CONSENT_DATABASE_URL`` sets ``DATABASE_URL``; values are parsed as
JSON when they can be, so ``false`` and ``30`` work). ``apply`` turns them into
what Flask and its extensions expect.

DATABASE_URL        SQLAlchemy URL; SQLite file in the instance folder by default,
                    ``postgresql+psycopg://user@host/db`` to scale out
ALLOWED_ORIGINS     sites allowed to call /api/* from the browser (space or comma list)
ADMIN_TOKEN         bearer token for the admin pages
SECRET_KEY          Flask secret; also keys the rate limiter's address hash
SITE_CONFIG         the site's categories/services/texts JSON (checked at start-up)
BUNDLE_PATH         the built banner (``make build``) served as /consent.js
COOKIE_DATABASE     the Open Cookie Database JSON that ``consent audit`` classifies
                    cookies with (``npm ci`` installs it from package-lock.json)
TRUSTED_PROXIES     addresses or networks of the reverse proxies whose X-Forwarded-For
                    and X-Forwarded-Proto to believe (``10.0.0.0/8 192.0.2.7``)
AUTO_MIGRATE        upgrade the schema at start-up (set false when deploying with
                    ``flask --app server db upgrade``)
SQLITE_SYNCHRONOUS  FULL (durable on power loss) or NORMAL (faster, WAL-safe on crash)
RETENTION_DAYS      ``consent purge`` default: personal fields kept this long
RECEIPT_KEY         PEM private P-256 key signing receipts (share it between servers)
RECEIPT_KEY_PATH    else this key file, created on first start
RATELIMIT_ENABLED, RATELIMIT_STORAGE_URI   Flask-Limiter's own settings
RATE_LIMIT_CONSENT, RATE_LIMIT_ERASE       limits per client address
RATE_LIMIT_ADMIN_FAILURES                  failed admin logins per address before 429s
"""

import os
import re
from pathlib import Path
from typing import Any

from flask import Flask
from flask_cors import CORS

from .admin.access import check_token_strength
from .proxies import TrustedProxies, parse_networks

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
DEFAULT_SITE_CONFIG = PACKAGE_DIR / "sites" / "flowmailer.json"
DEFAULT_BUNDLE_PATH = REPO_DIR / "build" / "consent.js"
DEFAULT_COOKIE_DATABASE = (
    REPO_DIR / "node_modules/@slashgear/gdpr-cookie-scanner/src/data/open-cookie-database.json"
)


def defaults(instance_path: str) -> dict[str, Any]:
    """Safe for a local demo; production sets SECRET_KEY, DATABASE_URL and origins."""
    return {
        "SECRET_KEY": "dev",
        "DATABASE_URL": "sqlite:///" + os.path.join(instance_path, "consent.sqlite"),
        "ALLOWED_ORIGINS": "",
        "ADMIN_TOKEN": None,
        "SITE_CONFIG": str(DEFAULT_SITE_CONFIG),
        "BUNDLE_PATH": str(DEFAULT_BUNDLE_PATH),
        "COOKIE_DATABASE": str(DEFAULT_COOKIE_DATABASE),
        "MAX_BODY_BYTES": 8 * 1024,
        "TRUSTED_PROXIES": "",
        # Ledger storage
        "AUTO_MIGRATE": True,
        "SQLITE_SYNCHRONOUS": "FULL",
        "RETENTION_DAYS": 365,
        # Receipts: a PEM private P-256 key, else a key file made on first start
        "RECEIPT_KEY": None,
        "RECEIPT_KEY_PATH": os.path.join(instance_path, "receipt-signing-key.pem"),
        # Rate limits (Flask-Limiter reads the RATELIMIT_* keys itself)
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_STORAGE_URI": "memory://",
        "RATELIMIT_HEADERS_ENABLED": True,
        "RATE_LIMIT_CONSENT": "60 per minute;3000 per day",
        "RATE_LIMIT_ERASE": "5 per minute",
        "RATE_LIMIT_ADMIN_FAILURES": "10 per 10 minutes",
    }


def parse_origins(value: str | list[str] | tuple[str, ...] | None) -> list[str]:
    """``"https://a.example, https://b.example"`` or a list -> a clean list of origins."""
    if not value:
        return []
    items = re.split(r"[\s,]+", value) if isinstance(value, str) else list(value)
    return [item.strip().rstrip("/") for item in items if item and item.strip()]


def apply(app: Flask) -> None:
    """Derive extension settings from ours; environment values may arrive as numbers."""
    config = app.config
    config["ALLOWED_ORIGINS"] = parse_origins(config["ALLOWED_ORIGINS"])
    if config["ADMIN_TOKEN"] is not None:
        config["ADMIN_TOKEN"] = str(config["ADMIN_TOKEN"])
        check_token_strength(config["ADMIN_TOKEN"])
    config["SECRET_KEY"] = str(config["SECRET_KEY"])
    config.setdefault("SQLALCHEMY_DATABASE_URI", config["DATABASE_URL"])
    if config["DATABASE_URL"].startswith("sqlite:"):
        os.makedirs(app.instance_path, exist_ok=True)
    networks = parse_networks(config["TRUSTED_PROXIES"])
    if networks:
        app.wsgi_app = TrustedProxies(app.wsgi_app, networks)


def enable_cors(app: Flask) -> None:
    """Let only the configured sites call the API from their pages."""
    CORS(
        app,
        resources={r"/api/*": {"origins": app.config["ALLOWED_ORIGINS"]}},
        methods=["GET", "POST", "OPTIONS"],
        allow_headers=["Content-Type"],
        max_age=600,
    )
