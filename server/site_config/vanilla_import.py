"""A vanilla-cookieconsent v3 configuration turned into a site config (``import-vanilla``).

Pure: takes the object a page passes to ``CookieConsent.run()`` (saved as
JSON) and returns the site config plus notes on what could not be carried.
What our validation refuses (opt-out mode, unequal buttons, a bad key) is
refused with vanilla's key named; the caller then runs ``parse_config``,
which names any of our keys still wrong. The texts vanilla has no place for
(the cookie table's column names, the settings button, the GPC note) come
from ``defaults``, the shipped site config's texts per language.
"""

from typing import Any

from banner.config import TEXT_KEYS, ConfigError
from banner.theme_config import POSITIONS

# vanilla translation path -> our text key.
CONSENT_TEXTS = {
    "title": "consentTitle",
    "description": "consentDescription",
    "acceptAllBtn": "acceptAll",
    "acceptNecessaryBtn": "rejectAll",
    "showPreferencesBtn": "preferences",
}
PREFERENCES_TEXTS = {
    "title": "preferencesTitle",
    "acceptAllBtn": "acceptAll",
    "acceptNecessaryBtn": "rejectAll",
    "savePreferencesBtn": "save",
    "closeIconLabel": "close",
}
# vanilla layout -> ours (banner/theme_config.py POSITIONS).
LAYOUTS = {
    "box": "corner",
    "box wide": "corner",
    "box inline": "corner",
    "cloud": "box",
    "cloud inline": "box",
    "bar": "bar",
    "bar inline": "bar",
}
# The site's own words are never defaulted; vanilla's missing UI labels are.
SITE_WORDS = ("consentTitle", "consentDescription", "preferencesTitle", "preferencesDescription")
CARRIED = {"categories", "language", "revision", "cookie", "guiOptions", "mode"}


def _refuse(condition: bool, key: str, problem: str) -> None:
    if condition:
        raise ConfigError(key + ": " + problem)


def _plain(text: Any) -> Any:
    """vanilla texts may hold HTML; ours are plain text (set with .text)."""
    if not isinstance(text, str):
        return text
    out, inside = [], False
    for ch in text:
        if ch == "<":
            inside = True
        elif ch == ">":
            inside = False
        elif not inside:
            out.append(ch)
    return " ".join("".join(out).split())


def _cookie_names(cookies: Any, key: str, notes: list) -> list:
    """autoClear cookie names; a RegExp saved as JSON is lost, ``^_ga`` style prefixes are not."""
    names = []
    for i, item in enumerate(cookies if isinstance(cookies, list) else []):
        name = item.get("name") if isinstance(item, dict) else None
        if isinstance(name, str) and name.startswith("^"):
            names.append(name[1:] + "*")
            notes.append(f"{key}[{i}].name: the pattern {name} became {name[1:]}*")
        elif isinstance(name, str) and name:
            names.append(name)
        else:
            notes.append(f"{key}[{i}].name: not a name (a RegExp does not survive JSON); left out")
    return names


def _table_rows(sections: list, category: str) -> dict:
    """Cookie name -> its row in the preferences section linked to ``category``."""
    rows = {}
    for section in sections:
        if isinstance(section, dict) and section.get("linkedCategory") == category:
            body = (section.get("cookieTable") or {}).get("body") or []
            rows.update({r["name"]: r for r in body if isinstance(r, dict) and "name" in r})
    return rows


def _section(sections: list, category: str) -> dict:
    for section in sections:
        if isinstance(section, dict) and section.get("linkedCategory") == category:
            return section
    return {}


def _cookie(name: str, rows_by_lang: dict, company: str, key: str, notes: list) -> dict:
    """One cookie of a service, its purpose and lifetime from vanilla's cookie tables."""
    entry: dict = {"name": name, "provider": company, "party": "first"}
    for field, columns in (
        ("purpose", ("desc", "description")),
        ("lifetime", ("expiration", "duration")),
    ):
        texts = {}
        for lang, rows in rows_by_lang.items():
            row = rows.get(name, {})
            found = next((row[c] for c in columns if row.get(c)), None)
            if found:
                texts[lang] = _plain(found)
        if len(texts) < len(rows_by_lang):
            notes.append(f"{key}.{field}: no cookie table says it in every language; write it")
        entry[field] = texts
    return entry


def _services(
    raw: dict, category: str, title: dict, rows_by_lang: dict, company: str, notes: list
) -> list:
    key = f"categories.{category}"
    services = []
    for ident, service in (raw.get("services") or {}).items():
        service = service if isinstance(service, dict) else {}
        label = _plain(service.get("label")) or ident
        names = _cookie_names(service.get("cookies"), f"{key}.services.{ident}.cookies", notes)
        services.append(
            {
                "id": ident,
                "label": {lang: label for lang in rows_by_lang},
                "cookies": [
                    _cookie(n, rows_by_lang, company, f"{key}.services.{ident}.cookies.{n}", notes)
                    for n in names
                ],
            }
        )
        for hook in ("onAccept", "onReject"):
            if hook in service:
                notes.append(f"{key}.services.{ident}.{hook}: a page callback; keep it in run()")
    cleared = (raw.get("autoClear") or {}).get("cookies")
    names = _cookie_names(cleared, f"{key}.autoClear.cookies", notes)
    if names:
        notes.append(f"{key}.autoClear: its cookies form the service '{category}'")
        services.append(
            {
                "id": category,
                "label": dict(title),
                "cookies": [
                    _cookie(n, rows_by_lang, company, f"{key}.autoClear.cookies.{n}", notes)
                    for n in names
                ],
            }
        )
    if (raw.get("autoClear") or {}).get("reloadPage"):
        notes.append(f"{key}.autoClear.reloadPage: see reloadOnWithdraw (site-wide here)")
    return services


def _theme(gui: Any, notes: list) -> dict:
    gui = gui if isinstance(gui, dict) else {}
    for layer in ("consentModal", "preferencesModal"):
        options = gui.get(layer) or {}
        _refuse(
            options.get("equalWeightButtons") is False,
            f"guiOptions.{layer}.equalWeightButtons",
            "accept and reject must weigh the same here (EDPB); remove it",
        )
        if "flipButtons" in options:
            notes.append(f"guiOptions.{layer}.flipButtons: the button order is fixed")
    modal = gui.get("consentModal") or {}
    layout = LAYOUTS.get(modal.get("layout", "box"))
    if layout is None:
        notes.append("guiOptions.consentModal.layout: unknown; the default place is used")
        return {}
    position = modal.get("position", POSITIONS[layout][0])
    if position not in POSITIONS[layout]:
        notes.append(
            f"guiOptions.consentModal.position: '{position}' became '{POSITIONS[layout][0]}'"
        )
        position = POSITIONS[layout][0]
    return {"consentModal": {"layout": layout, "position": position}}


def _texts(translations: dict, defaults: dict, notes: list) -> dict:
    texts = {}
    for lang, block in translations.items():
        consent = block.get("consentModal") or {}
        preferences = block.get("preferencesModal") or {}
        ours = {k: v for k, v in defaults.get(lang, {}).items() if k not in SITE_WORDS}
        for source, mapping in ((consent, CONSENT_TEXTS), (preferences, PREFERENCES_TEXTS)):
            for their, key in mapping.items():
                if source.get(their):
                    ours[key] = _plain(source[their])
        first = (preferences.get("sections") or [{}])[0]
        if isinstance(first, dict) and not first.get("linkedCategory") and first.get("description"):
            ours["preferencesDescription"] = _plain(first["description"])
        missing = [k for k in TEXT_KEYS if k not in ours]
        if missing:
            notes.append(f"texts.{lang}: no text for {', '.join(missing)}; write them")
        texts[lang] = ours
    return texts


def _cookie_settings(raw: Any, notes: list) -> dict:
    raw = raw if isinstance(raw, dict) else {}
    settings = {
        "name": raw.get("name", "cc_cookie"),
        "expiresAfterDays": 182,
        "domain": raw.get("domain", ""),
        "path": raw.get("path", "/"),
    }
    days = raw.get("expiresAfterDays", 182)
    if isinstance(days, (int, float)) and not isinstance(days, bool):
        settings["expiresAfterDays"] = days
    else:
        notes.append("cookie.expiresAfterDays: a function does not survive JSON; 182 days")
    if not settings["domain"]:
        notes.append(
            "cookie.domain: vanilla defaulted to the host; ours is host-only, and the "
            "banner replaces vanilla's copy on the visitor's next choice"
        )
    for key in ("sameSite", "useLocalStorage"):
        if key in raw:
            notes.append(f"cookie.{key}: not applied (SameSite=Lax, a cookie)")
    return settings


def import_vanilla(vanilla: Any, company: str, defaults: dict) -> tuple[dict, list]:
    """The site config for a vanilla v3 configuration, and notes on what was not carried."""
    _refuse(not isinstance(vanilla, dict), "config", "must be a JSON object (run()'s argument)")
    _refuse(
        vanilla.get("mode") == "opt-out",
        "mode",
        "opt-out runs optional cookies before consent; the banner is opt-in only",
    )
    notes: list = []
    language = vanilla.get("language") or {}
    translations = language.get("translations") or {}
    for lang in [k for k, v in translations.items() if not isinstance(v, dict)]:
        notes.append(f"language.translations.{lang}: a URL, not texts; fetch it and import again")
        translations = {k: v for k, v in translations.items() if k != lang}
    _refuse(not translations, "language.translations", "no texts to import")
    languages = list(translations)
    categories, raw_categories = [], vanilla.get("categories") or {}
    _refuse(
        not isinstance(raw_categories, dict) or not raw_categories,
        "categories",
        "must name the categories",
    )
    for ident, raw in raw_categories.items():
        raw = raw if isinstance(raw, dict) else {}
        sections = {
            lang: ((translations[lang].get("preferencesModal") or {}).get("sections") or [])
            for lang in languages
        }
        title = {
            lang: _plain(_section(s, ident).get("title")) or ident for lang, s in sections.items()
        }
        description = {
            lang: _plain(_section(s, ident).get("description")) or title[lang]
            for lang, s in sections.items()
        }
        if raw.get("enabled") and not raw.get("readOnly"):
            notes.append(f"categories.{ident}.enabled: never switched on before consent here")
        rows = {lang: _table_rows(s, ident) for lang, s in sections.items()}
        categories.append(
            {
                "id": ident,
                "readOnly": bool(raw.get("readOnly")),
                "title": title,
                "description": description,
                "services": _services(raw, ident, title, rows, company, notes),
            }
        )
    revision = vanilla.get("revision", 0)
    config = {
        "revision": revision if isinstance(revision, int) and revision >= 1 else 1,
        "languages": languages,
        "defaultLanguage": language.get("default", languages[0]),
        "company": {"name": company},
        "cookie": _cookie_settings(vanilla.get("cookie"), notes),
        "categories": categories,
        "texts": _texts(translations, defaults, notes),
    }
    if config["revision"] != revision:
        config["vanillaRevision"] = revision
    theme = _theme(vanilla.get("guiOptions"), notes)
    if theme:
        config["theme"] = theme
    for key in sorted(set(vanilla) - CARRIED):
        if not key.startswith("on"):
            notes.append(f"{key}: not applied")
    return config, notes
