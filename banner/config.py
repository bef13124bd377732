"""Site configuration: validation and per-language views.

One JSON file per site (``server/sites/flowmailer.json`` by default) drives the
banner, the cookie tables of the policy pages and the server's validation of
logged decisions, so the three can never disagree. This module is pure Python:
it runs under CPython on the server and under Brython in the banner, which is
why it avoids ``re``, ``typing`` and friends (STYLE.md, import budget).
"""

from banner.config_error import ConfigError as ConfigError
from banner.config_error import require as _require
from banner.in_steps import finished
from banner.theme_config import theme_in_steps

TEXT_KEYS = (
    "consentTitle",
    "consentDescription",
    "acceptAll",
    "rejectAll",
    "preferences",
    "preferencesTitle",
    "preferencesDescription",
    "save",
    "close",
    "alwaysOn",
    "servicesLabel",
    "cookieName",
    "cookieProvider",
    "cookiePurpose",
    "cookieLifetime",
    "privacyPolicy",
    "cookiePolicy",
    "settingsButton",
    "gpcNote",
)
PARTIES = ("first", "third")
COOKIE_NAME_FORBIDDEN = ' ;,="\t'
ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_-"
DEFAULT_COOKIE = {"name": "cc_cookie", "expiresAfterDays": 182, "domain": "", "path": "/"}


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value) -> bool:
    return (isinstance(value, int) or isinstance(value, float)) and not isinstance(value, bool)


def _text(value, field: str) -> str:
    _require(isinstance(value, str) and value.strip() != "", field, "must be a non-empty string")
    return value


def _identifier(value, field: str) -> str:
    _text(value, field)
    # strip leaves what is not allowed: one call, where Brython runs a generator slowly
    _require(not value.strip(ID_CHARS), field, "may only use a-z, 0-9, '_' and '-'")
    return value


def _localized(value, languages: list, field: str) -> dict:
    _require(isinstance(value, dict), field, "must be an object with one text per language")
    result = {}
    for lang in languages:
        result[lang] = _text(value.get(lang), field + "." + lang)
    return result


def _cookie_settings(raw) -> dict:
    if raw is None:
        raw = {}
    _require(isinstance(raw, dict), "cookie", "must be an object")
    settings = dict(DEFAULT_COOKIE)
    settings.update(raw)
    name = _text(settings["name"], "cookie.name")
    _require(
        not any(ch in name for ch in COOKIE_NAME_FORBIDDEN), "cookie.name", "not a cookie name"
    )
    days = settings["expiresAfterDays"]
    _require(_is_number(days) and days > 0, "cookie.expiresAfterDays", "must be a positive number")
    _require(isinstance(settings["domain"], str), "cookie.domain", "must be a string")
    path = settings["path"]
    _require(isinstance(path, str) and path.startswith("/"), "cookie.path", "must start with '/'")
    return settings


def _cookie_entry(raw, languages: list, field: str) -> dict:
    _require(isinstance(raw, dict), field, "must be an object")
    party = raw.get("party", "first")
    _require(party in PARTIES, field + ".party", "must be 'first' or 'third'")
    return {
        "name": _text(raw.get("name"), field + ".name"),
        "provider": _text(raw.get("provider"), field + ".provider"),
        "party": party,
        "purpose": _localized(raw.get("purpose"), languages, field + ".purpose"),
        "lifetime": _localized(raw.get("lifetime"), languages, field + ".lifetime"),
    }


def _service(raw, languages: list, field: str) -> dict:
    _require(isinstance(raw, dict), field, "must be an object")
    cookies = raw.get("cookies", [])
    _require(isinstance(cookies, list), field + ".cookies", "must be a list")
    return {
        "id": _identifier(raw.get("id"), field + ".id"),
        "label": _localized(raw.get("label"), languages, field + ".label"),
        "cookies": [
            _cookie_entry(c, languages, field + ".cookies[" + str(i) + "]")
            for i, c in enumerate(cookies)
        ],
    }


def _category(raw, languages: list, field: str) -> dict:
    _require(isinstance(raw, dict), field, "must be an object")
    read_only = raw.get("readOnly", False)
    _require(isinstance(read_only, bool), field + ".readOnly", "must be true or false")
    services = raw.get("services", [])
    _require(isinstance(services, list), field + ".services", "must be a list")
    return {
        "id": _identifier(raw.get("id"), field + ".id"),
        "readOnly": read_only,
        "title": _localized(raw.get("title"), languages, field + ".title"),
        "description": _localized(raw.get("description"), languages, field + ".description"),
        "services": [
            _service(s, languages, field + ".services[" + str(i) + "]")
            for i, s in enumerate(services)
        ],
    }


def _texts(raw, languages: list) -> dict:
    _require(isinstance(raw, dict), "texts", "must be an object with one entry per language")
    result = {}
    for lang in languages:
        block = raw.get(lang)
        _require(isinstance(block, dict), "texts." + lang, "is missing")
        result[lang] = {
            key: _text(block.get(key), "texts." + lang + "." + key) for key in TEXT_KEYS
        }
    return result


def _company(raw, languages: list) -> dict:
    _require(isinstance(raw, dict), "company", "must be an object")
    company = {"name": _text(raw.get("name"), "company.name")}
    for key in ("street", "postcode", "city", "phone", "email", "kvk"):
        if key in raw:
            company[key] = _text(raw[key], "company." + key)
    if "country" in raw:
        company["country"] = _localized(raw["country"], languages, "company.country")
    return company


def _check_unique(ids: list, field: str) -> None:
    seen = []
    for ident in ids:
        _require(ident not in seen, field, "duplicate id '" + ident + "'")
        seen.append(ident)


def parse_config(raw) -> dict:
    """Validate a site config and return it normalised (defaults filled in).

    Raises ConfigError naming the first bad field, so a broken file stops the
    server at start-up instead of shipping a banner that cannot ask.
    """
    return finished(parse_in_steps(raw))


def parse_in_steps(raw):
    """``parse_config`` as a generator (``banner/in_steps.py``) that pauses after each
    category, after the company and cookie, after the texts and after each palette
    of the theme: the browser checks it a step per task (under Brython the whole
    check took one task of about 90 ms at 1× CPU)."""
    _require(isinstance(raw, dict), "config", "must be a JSON object")
    revision = raw.get("revision")
    _require(_is_int(revision) and revision >= 0, "revision", "must be a whole number >= 0")
    languages = raw.get("languages")
    _require(isinstance(languages, list) and len(languages) > 0, "languages", "must be a list")
    for i, lang in enumerate(languages):
        _identifier(lang, "languages[" + str(i) + "]")
    default_language = raw.get("defaultLanguage", languages[0])
    _require(default_language in languages, "defaultLanguage", "must be one of languages")
    categories = raw.get("categories")
    _require(isinstance(categories, list) and len(categories) > 0, "categories", "must be a list")
    parsed = []
    for i, category in enumerate(categories):
        parsed.append(_category(category, languages, "categories[" + str(i) + "]"))
        yield
    _check_unique([c["id"] for c in parsed], "categories")
    _check_unique([s["id"] for c in parsed for s in c["services"]], "services")
    note = raw.get("revisionNote")
    vanilla_revision = raw.get("vanillaRevision")
    _require(
        vanilla_revision is None or (_is_int(vanilla_revision) and vanilla_revision >= 0),
        "vanillaRevision",
        "must be a whole number >= 0 (the revision the site's vanilla-cookieconsent used)",
    )
    gpc = raw.get("gpcCategories", [])
    _require(
        isinstance(gpc, list) and all(c in [p["id"] for p in parsed] for c in gpc),
        "gpcCategories",
        "must list category ids",
    )
    reload_on_withdraw = raw.get("reloadOnWithdraw", False)
    _require(isinstance(reload_on_withdraw, bool), "reloadOnWithdraw", "must be true or false")
    consent_mode = raw.get("consentMode", {})
    _require(isinstance(consent_mode, dict), "consentMode", "must map Google signals to categories")
    for signal, category in consent_mode.items():
        _require(
            category in [c["id"] for c in parsed],
            "consentMode." + signal,
            "must name a category",
        )
    company = _company(raw.get("company"), languages)
    cookie = _cookie_settings(raw.get("cookie"))
    yield
    texts = _texts(raw.get("texts"), languages)
    yield
    theme = yield from theme_in_steps(raw.get("theme"))
    return {
        "revision": revision,
        "vanillaRevision": vanilla_revision,
        "revisionNote": None if note is None else _localized(note, languages, "revisionNote"),
        "consentMode": dict(consent_mode),
        "gpcCategories": list(gpc),
        "reloadOnWithdraw": reload_on_withdraw,
        "languages": list(languages),
        "defaultLanguage": default_language,
        "company": company,
        "cookie": cookie,
        "categories": parsed,
        "texts": texts,
        "theme": theme,
    }


def category_ids(config: dict) -> list:
    return [c["id"] for c in config["categories"]]


def optional_category_ids(config: dict) -> list:
    """Categories that need consent: everything except the read-only ones."""
    return [c["id"] for c in config["categories"] if not c["readOnly"]]


def service_ids(config: dict) -> dict:
    """Category id -> its service ids, in config order."""
    return {c["id"]: [s["id"] for s in c["services"]] for c in config["categories"]}


def cookie_patterns(config: dict, category_id: str) -> list:
    """Names (or ``*`` patterns) of the cookies a category's services set."""
    for category in config["categories"]:
        if category["id"] == category_id:
            return [k["name"] for s in category["services"] for k in s["cookies"]]
    return []


def _all_texts(values) -> bool:
    for v in values:  # a loop, not all(): it runs on every object of the config
        if not isinstance(v, str):
            return False
    return True


def _pick(value, lang: str):
    """Replace every per-language text in a structure with the text for lang."""
    if isinstance(value, dict):
        if lang in value and _all_texts(value.values()):
            return value[lang]
        return {k: _pick(v, lang) for k, v in value.items()}
    if isinstance(value, list):
        return [_pick(v, lang) for v in value]
    return value


def localize(config: dict, lang: str) -> dict:
    """The config as one visitor sees it: texts in lang only."""
    return finished(localize_in_steps(config, lang))


def localize_in_steps(config: dict, lang: str):
    """``localize`` as a generator (``banner/in_steps.py``) that pauses after each
    category: under Brython the whole walk took one task of 30-65 ms at 4× CPU."""
    if lang not in config["languages"]:
        lang = config["defaultLanguage"]
    view = {}
    for key, value in config.items():
        if key == "categories":
            view[key] = []
            for category in value:
                view[key].append(_pick(category, lang))
                yield
        elif key != "texts":
            view[key] = _pick(value, lang)
    view["language"] = lang
    view["texts"] = dict(config["texts"][lang])
    return view
