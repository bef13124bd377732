"""A stored consent written exactly as the banner writes it, without clicking.

The banner's own rules make the value (``banner.consent.new_state`` and the
``cc_cookie`` codec), so a test's stored choice cannot drift from the real one.
"""

import json
import uuid
from urllib.parse import quote, urlsplit

from banner.consent import accept_all, new_state, reject_all
from banner.cookie import SECONDS_PER_DAY, encode_value

# What encodeURIComponent leaves alone, so the value is byte for byte the banner's.
URI_COMPONENT_SAFE = "-_.!~*'()"


def choice_for(config: dict, wanted) -> dict:
    """``"all"``, ``"none"``, a list of category ids, or ``{category: [services] | None}``."""
    if wanted == "all":
        return accept_all(config)
    if wanted == "none":
        return reject_all(config)
    if isinstance(wanted, list):
        return {category: None for category in wanted}
    if isinstance(wanted, dict):
        return dict(wanted)
    raise ValueError(f"a consent is 'all', 'none', a list or a dict of categories, not {wanted!r}")


def _dumps(value) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def encode_uri_component(text: str) -> str:
    return quote(text, safe=URI_COMPONENT_SAFE)


def stored_consent_cookie(config: dict, site_url: str, wanted, now_ms: int, lang: str) -> dict:
    """The ``cc_cookie`` for Playwright's ``context.add_cookies`` and the state it holds."""
    state = new_state(config, choice_for(config, wanted), None, str(uuid.uuid4()), now_ms, lang)
    settings = config["cookie"]
    parts = urlsplit(site_url)
    cookie = {
        "name": settings["name"],
        "value": encode_value(state, _dumps, encode_uri_component),
        "domain": settings["domain"] or parts.hostname,
        "path": settings["path"],
        "expires": now_ms / 1000 + settings["expiresAfterDays"] * SECONDS_PER_DAY,
        "sameSite": "Lax",
        "secure": parts.scheme == "https",
    }
    return {"cookie": cookie, "state": state}
