"""The visitor's choice on the device: ``cc_cookie``, and the verdict left for the loader.

The cookie is the choice (vanilla-cookieconsent's format, ``banner/cookie.py``);
the verdict in ``localStorage`` is what the loader may replay on the next
page before Python runs (``banner/replay.py``). Both are written here only.
"""

import javascript
from browser import document, window

from banner import consent, replay
from banner.cookie import (
    decode_value,
    encode_value,
    expire_cookie_strings,
    path_variants,
    read_cookies,
    set_cookie_string,
)
from banner.names import REPLAY_KEY

JSON = javascript.JSON


def read_stored(config: dict) -> tuple:
    """What the page found: the raw cookie value, the consent it holds (or None),
    and whether it was written under an older revision (the visitor is asked again)."""
    values = read_cookies(document.cookie, config["cookie"]["name"]) or [None]
    copies = [decode_value(v, JSON.parse, window.decodeURIComponent) for v in values]
    now = window.Date.now()
    chosen = consent.newest(copies, config, now)
    cookie_value, decoded = values[chosen], copies[chosen]
    state = consent.read_state(decoded, config, now)
    return cookie_value, state, consent.is_older_revision(decoded, config)


def write_cookie(state: dict, config: dict) -> str:
    """Store ``state`` as ``cc_cookie``; returns the value written.

    Every copy goes first (vanilla writes ``Domain=<host>``, ours may be
    host-only, a parent domain's may linger), so exactly one remains: an older
    copy read on the next page could otherwise overrule this choice.
    """
    settings = config["cookie"]
    value = encode_value(state, JSON.stringify, window.encodeURIComponent)
    location = window.location
    paths = path_variants(location.pathname, [settings["path"]])
    for text in expire_cookie_strings(settings["name"], location.hostname, paths):
        document.cookie = text
    secure = location.protocol == "https:"
    document.cookie = set_cookie_string(settings["name"], value, settings, secure)
    return value


def leave_verdict(key: str, cookie_value, state, config: dict) -> None:
    """What the loader may replay next time; none without a state. Storage may be off."""
    try:
        if state:
            verdict = replay.verdict(key, cookie_value, state, config)
            window.localStorage.setItem(REPLAY_KEY, JSON.stringify(verdict))
        else:
            window.localStorage.removeItem(REPLAY_KEY)
    except Exception as error:  # a DOMException: storage blocked or full
        window.console.warn("cookie consent: no replay for the next page", error)
