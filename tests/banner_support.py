"""Shared inputs for the banner's unit tests: the shipped config and CPython codecs."""

import json
from pathlib import Path
from urllib.parse import quote, unquote

from banner.config import parse_config

SITE_CONFIG = Path(__file__).resolve().parent.parent / "server" / "sites" / "flowmailer.json"
NOW = 1_790_000_000_000  # 2026-09-21, a fixed clock for every rule
CONSENT_ID = "3f1c2a4e-9b7d-4c21-8e5f-0a1b2c3d4e5f"


def raw_config() -> dict:
    return json.loads(SITE_CONFIG.read_text(encoding="utf-8"))


def site_config() -> dict:
    return parse_config(raw_config())


def encode_uri_component(text: str) -> str:
    """What the browser's encodeURIComponent returns."""
    return quote(text, safe="-_.!~*'()")


def decode_uri_component(text: str) -> str:
    """decodeURIComponent throws on bytes that are not UTF-8; so does this."""
    return unquote(text, errors="strict")
