"""What the loader may replay on a returning visitor's next page, before Python runs.

Starting the Brython runtime takes hundreds of milliseconds; a visitor who
already chose should not wait that long for the tools they allowed. So each
time Python accepts a stored choice (or makes one), it leaves its verdict in
``localStorage``: the exact cookie value it judged, the build and config it
judged it with, how long the choice holds, the Consent Mode commands it
pushed, the choice itself and the answers ``window.CookieConsent``'s read
methods give on such a page. On the next page the loader acts only when all
of that still matches (``banner/loader.js``, ``replay``); anything else, it
leaves to Python, which then starts only when something needs it. Pure: the
caller passes the key, the cookie and the state.
"""

from banner import consent, consent_mode
from banner.timestamps import ms_from_iso


def gtag_commands(config: dict, categories: list) -> list:
    """The Consent Mode commands of a page load with stored consent, in order."""
    if not config["consentMode"]:
        return []
    update = ["consent", "update", consent_mode.signals(config, categories)]
    return [*consent_mode.default_commands(config), update]


def verdict(key: str, cookie: str, state: dict, config: dict) -> dict:
    """The record for ``names.REPLAY_KEY``: ``state`` as ``consent.read_state`` left it.

    ``key`` names the runtime and site config (the server writes it into the
    loader), so a new build or config is never answered by an old verdict.
    """
    return {
        "key": key,
        "cookie": cookie,
        "from": ms_from_iso(state["consentTimestamp"]),
        "until": state["expirationTime"],
        "choice": {c: list(state["services"][c]) for c in state["categories"]},
        "gtag": gtag_commands(config, state["categories"]),
        # What getCookie() and getUserPreferences() return while Python has not run.
        "answers": {"cookie": state, "preferences": consent.preferences(config, state)},
    }
