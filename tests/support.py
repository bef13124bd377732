"""What the unit tests share: the repository, the shipped config, CPython codecs."""

import json
from pathlib import Path
from urllib.parse import quote, unquote

from banner.config import parse_config
from server.settings import DEFAULT_SITE_CONFIG as SITE_CONFIG

REPO = Path(__file__).resolve().parent.parent
NOW = 1_790_000_000_000  # 2026-09-21, a fixed clock for every rule
CONSENT_ID = "3f1c2a4e-9b7d-4c21-8e5f-0a1b2c3d4e5f"
# Stand-ins for ``make build``'s output: a loader holding every slot, a runtime.
FAKE_LOADER = (
    '/* loader */ window.__cc = {secGpc: "__CC_SEC_GPC__", config: "__CC_SITE_CONFIG__", '
    'paint: "__CC_CONSENT_MODAL__", runtime: "__CC_RUNTIME__", replayKey: "__CC_REPLAY_KEY__"}; '
    + "x();"
    * 2000
)
FAKE_RUNTIME = "/* runtime */ " + "y();" * 5000


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
