"""``window.CookieConsent``: vanilla-cookieconsent 3.1.0's API over a Banner.

Every method of vanilla's ``types/index.d.ts`` is here (``names.API_METHODS``
lists them; docs/embed.md says where ours is stricter). The script loads
async, so page code cannot assume the API exists. Two ways to wait, both
documented in docs/embed.md:

    window.addEventListener('cc:onReady', () => CookieConsent.acceptedCategory('analytics'))
    (window.CookieConsentQueue = window.CookieConsentQueue || []).push(api => ...)

Queued callbacks run once the API is installed; later pushes run at once.
The object itself is the loader's (``banner/loader.js``), there from the
start; Python puts its own methods into it when it runs.
"""

import javascript
from browser import document, window

from banner import consent, host_page, vanilla_config
from banner.cookie import read_cookie
from banner.names import API_EVENTS, ROOT_ID

JSON = javascript.JSON


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


def _resolved(value=None):
    """A Promise of ``value``, of undefined for None (``Promise.resolve`` loses its
    ``this`` when called from Brython, and UNDEFINED cannot be passed as an argument)."""
    return window.Promise.new(
        lambda resolve, reject: resolve() if value is None else resolve(value)
    )


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
        """vanilla answers {} (and undefined for a field) when there is no consent."""
        state = banner.state or {}
        return state if _missing(field) else state.get(field, javascript.UNDEFINED)

    def get_config(field=None):
        shape = vanilla_config.as_vanilla(config)
        return shape if _missing(field) else shape.get(field, javascript.UNDEFINED)

    def valid_cookie(name=None) -> bool:
        return bool(read_cookie(document.cookie, name))

    return {
        "acceptedCategory": accepted_category,
        "acceptedService": accepted_service,
        "validConsent": lambda: bool(
            banner.state and read_cookie(document.cookie, config["cookie"]["name"]) is not None
        ),
        "validCookie": valid_cookie,
        "getUserPreferences": lambda: consent.preferences(config, banner.state),
        "getCookie": get_cookie,
        "getConfig": get_config,
    }


def _deciding(banner) -> dict:
    """Methods that make or undo a choice: stored, applied and logged like a click."""
    config = banner.config

    def accept_category(categories=None, exclusions=None) -> None:
        """Nothing: what is switched on; 'all': everything; [] only the necessary ones."""
        if _missing(categories):
            choice = banner.switched_on()
        elif categories == "all":
            choice = consent.accept_all(config)
        else:
            choice = {c: None for c in _names(categories)}
        for excluded in _names(exclusions):
            choice.pop(excluded, None)
        banner.decide(choice, "api")

    def accept_service(services=None, category=None) -> None:
        """One category's services ('all', a name, a list, [] for none); the rest stays."""
        known = consent.accept_all(config)
        if category not in known:
            return
        choice = banner.switched_on()
        choice[category] = None if services == "all" else _names(services)
        if choice[category] == [] and known[category]:
            choice.pop(category)
        banner.decide(choice, "api")

    def set_cookie_data(options=None) -> bool:
        if not banner.state or _missing(options) or _missing(getattr(options, "value", None)):
            return False
        return banner.set_data(options.value, getattr(options, "mode", None) == "update")

    def erase_cookies(patterns=None, path=None, domain=None) -> None:
        paths = _names(path) or [config["cookie"]["path"]]
        if _missing(patterns):
            return
        listed = (
            [patterns] if isinstance(patterns, str) or not hasattr(patterns, "length") else patterns
        )
        host_page.erase_cookies(list(listed), paths, _names(domain))

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

    return {
        "acceptCategory": accept_category,
        "acceptService": accept_service,
        "setCookieData": set_cookie_data,
        "eraseCookies": erase_cookies,
        "reset": reset,
        "run": lambda page_config=None: _run(banner, page_config),
    }


def _run(banner, page_config):
    """vanilla's ``run(config)``: the page's callbacks count, its categories and texts
    do not (the site config decides); what differs is said once, in the console."""
    try:  # JSON drops the callbacks, which are read from the object itself
        settings = JSON.parse(JSON.stringify(page_config))
    except Exception:  # undefined, a cycle, a BigInt: nothing to read
        settings = None
    if not isinstance(settings, dict):
        return _resolved()
    for event in API_EVENTS:
        callback = getattr(page_config, event[3:], None)
        if callable(callback):
            window.addEventListener(event, lambda e, callback=callback: callback(e.detail))
    on_consent = getattr(page_config, "onConsent", None)
    sent = banner.boot.runConsent is True  # the loader called it on a replayed page
    if banner.announced and banner.state and callable(on_consent) and not sent:
        on_consent({"cookie": banner.state})  # this page load's, sent before run() came
    _service_hooks(banner, page_config, settings.get("categories"))
    differences = vanilla_config.differences(settings, banner.config)
    if differences and not banner.warned:
        banner.warned = True
        window.console.warn(
            "cookie consent: run() follows the site config: " + "; ".join(differences)
        )
    return _resolved()


def _service_hooks(banner, page_config, categories) -> None:
    """Services' ``onAccept`` / ``onReject`` as vanilla calls them: on accepting (and on
    each page load with consent), and on taking back what had been accepted."""
    hooks = []
    for category, entry in categories.items() if isinstance(categories, dict) else []:
        for service in entry.get("services") or {} if isinstance(entry, dict) else []:
            found = page_config.categories[category].services[service]
            hooks.append((category, service, found))
    accepted_before = []

    def settle(event=None) -> None:
        services = (banner.state or {}).get("services", {})
        now = [h for h in hooks if h[1] in services.get(h[0], [])]
        for hook in hooks:
            name = "onAccept" if hook in now else "onReject"
            if (hook in now) != (hook in accepted_before) and callable(
                getattr(hook[2], name, None)
            ):
                getattr(hook[2], name)()
        accepted_before[:] = now

    if hooks:
        for name in ("cc:onConsent", "cc:onChange"):
            window.addEventListener(name, settle)
        if banner.announced:
            settle()


def _showing(banner) -> dict:
    """Methods that open or close the dialogs, or change their language."""
    return {
        "show": lambda create=None: banner.show(),
        "hide": lambda: banner.hide(),
        "showPreferences": lambda: banner.show_preferences(),
        "hidePreferences": lambda: banner.hide_preferences(),
        "setLanguage": lambda lang=None, force=None: _resolved(banner.set_language(lang)),
        "loadScript": lambda src=None, attributes=None: host_page.load_script(
            src, {} if _missing(attributes) else attributes.to_dict(), banner.boot.nonce
        ),
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
    clicks), in the order they were made; later ones reach Python's methods at once.
    A call that returned the loader's Promise has its resolve function third: it
    gets what Python's method returns (a Promise it then follows)."""
    for call in boot.calls:
        name, args = call[0], call[1]
        if name in methods:
            result = methods[name](*args)
        else:
            result = None
            window.console.warn("cookie consent: not supported yet:", name)
        if len(call) > 2:
            call[2](result)
    boot.calls = []
