"""``window.CookieConsent``: vanilla-cookieconsent v3's API over a Banner.

The script loads async, so page code cannot assume the API exists. Two ways
to wait, both documented in docs/embed.md:

    window.addEventListener('cc:onReady', () => CookieConsent.acceptedCategory('analytics'))
    (window.CookieConsentQueue = window.CookieConsentQueue || []).push(api => ...)

Queued callbacks run once the API is installed; later pushes run at once.
The object itself is the loader's (``banner/loader.js``), there from the
start; Python puts its own methods into it when it runs.
"""

import javascript
from browser import document, window

from banner import consent, host_page
from banner.cookie import read_cookie
from banner.names import ROOT_ID


def _missing(value) -> bool:
    """JS callers omit arguments; Brython passes those as None or UNDEFINED."""
    return value is None or value is javascript.UNDEFINED


def _names(value) -> list:
    """A JS string or array (or nothing) as a Python list of strings."""
    if _missing(value):
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _exported(function):
    """Brython hands a bare Python None to JS as an object; JS callers expect undefined."""

    def call(*args):
        result = function(*args)
        return javascript.UNDEFINED if result is None else result

    return call


def _reading(banner) -> dict:
    """Methods that answer from the stored choice and change nothing."""
    config = banner.config

    def accepted_category(name=None) -> bool:
        return consent.accepted_category(consent.choice_of(banner.state), name)

    def accepted_service(service=None, category=None) -> bool:
        return consent.accepted_service(consent.choice_of(banner.state), service, category)

    def get_cookie(field=None, name=None):
        if not banner.state:
            return javascript.NULL
        return banner.state if _missing(field) else banner.state.get(field, javascript.NULL)

    return {
        "acceptedCategory": accepted_category,
        "acceptedService": accepted_service,
        "validConsent": lambda: bool(
            banner.state and read_cookie(document.cookie, config["cookie"]["name"]) is not None
        ),
        "getUserPreferences": lambda: consent.preferences(config, banner.state),
        "getCookie": get_cookie,
    }


def _deciding(banner) -> dict:
    """Methods that make or undo a choice: stored, applied and logged like a click."""
    config = banner.config

    def accept_category(categories=None, exclusions=None) -> None:
        """No argument or 'all' accepts everything; [] keeps only the necessary ones."""
        if _missing(categories) or categories == "all":
            choice = consent.accept_all(config)
        else:
            choice = {c: None for c in _names(categories)}
        for excluded in _names(exclusions):
            choice.pop(excluded, None)
        banner.decide(choice, "api")

    def erase_cookies(patterns=None, path=None, domain=None) -> None:
        paths = _names(path) or [config["cookie"]["path"]]
        host_page.erase_cookies(_names(patterns), paths)

    def reset(erase_cookie=False) -> None:
        banner.hide()
        banner.hide_preferences()
        root = document.getElementById(ROOT_ID)
        if root:
            root.remove()
        if erase_cookie is True:
            host_page.erase_cookies([config["cookie"]["name"]], [config["cookie"]["path"]])
            banner.state = None
            banner.leave_verdict(None)

    return {"acceptCategory": accept_category, "eraseCookies": erase_cookies, "reset": reset}


def _showing(banner) -> dict:
    """Methods that open or close the dialogs, or change their language."""
    return {
        "show": lambda create=None: banner.show(),
        "hide": lambda: banner.hide(),
        "showPreferences": lambda: banner.show_preferences(),
        "hidePreferences": lambda: banner.hide_preferences(),
        "setLanguage": lambda lang=None, force=None: banner.set_language(lang),
    }


def _run_queued(api) -> None:
    """Callbacks pushed before the API existed run now, in order; later pushes at once."""
    queue = getattr(window, "CookieConsentQueue", None)
    window.CookieConsentQueue = {"push": lambda callback: callback(api)}
    if queue:
        for callback in queue:
            callback(api)


def install(banner) -> dict:
    """Python's methods into the loader's ``window.CookieConsent``, the object page
    code may already hold; announced unless the loader did (a replayed page)."""
    methods = {**_reading(banner), **_deciding(banner), **_showing(banner)}
    api = window.CookieConsent
    for name, function in methods.items():
        api[name] = _exported(function)
    if banner.boot.announced is not True:
        _run_queued(api)
        window.dispatchEvent(window.CustomEvent.new("cc:onReady", {"detail": {}}))
    methods["trigger"] = banner.trigger
    return methods


def apply_deferred(boot, methods: dict) -> None:
    """The calls the loader kept before Python ran (``names.DEFERRED_METHODS``, data-cc
    clicks), in the order they were made; later ones reach Python's methods at once."""
    for name, args in boot.calls:
        if name in methods:
            methods[name](*args)
        else:
            window.console.warn("cookie consent: not supported yet:", name)
    boot.calls = []
