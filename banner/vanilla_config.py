"""The site config in vanilla-cookieconsent's shape, and how a page's ``run()`` differs.

Pages written for vanilla pass their own configuration to ``CookieConsent.run``.
Here the site config decides what is asked (categories, services, texts), so
``getConfig`` answers in vanilla's shape and ``differences`` names what the
page asked for and does not get, for one console warning. Pure.
"""

from banner.config import service_ids

# run() options that are honoured: the page's callbacks (docs/embed.md).
CALLBACKS = (
    "onFirstConsent",
    "onConsent",
    "onChange",
    "onModalReady",
    "onModalShow",
    "onModalHide",
)


def as_vanilla(config: dict) -> dict:
    """``CookieConsent.getConfig()``: the options vanilla would have been given."""
    cookie = config["cookie"]
    return {
        "mode": "opt-in",
        "revision": config["revision"],
        "cookie": {key: cookie[key] for key in ("name", "domain", "path", "expiresAfterDays")},
        "categories": {
            c["id"]: {
                "enabled": c["readOnly"],
                "readOnly": c["readOnly"],
                "services": {s["id"]: {} for s in c["services"]},
            }
            for c in config["categories"]
        },
        "language": {
            "default": config["defaultLanguage"],
            "translations": {lang: {} for lang in config["languages"]},
        },
    }


def _unlike(what: str, theirs, ours: list) -> list:
    if not isinstance(theirs, dict):
        return []
    return [what + " '" + k + "' is not in the site config" for k in theirs if k not in ours] + [
        what + " '" + k + "' is asked too" for k in ours if k not in theirs
    ]


def differences(settings: dict, config: dict) -> list:
    """What in the page's ``run()`` options is not what the site config does."""
    ours = service_ids(config)
    categories = settings.get("categories")
    found = _unlike("category", categories, list(ours))
    for category, entry in (categories if isinstance(categories, dict) else {}).items():
        if category in ours and isinstance(entry, dict):
            found += _unlike("service", entry.get("services"), ours[category])
    if "revision" in settings and settings["revision"] != config["revision"]:
        found.append("revision is " + str(config["revision"]))
    name = (
        (settings.get("cookie") or {}).get("name")
        if isinstance(settings.get("cookie"), dict)
        else None
    )
    if name and name != config["cookie"]["name"]:
        found.append("the cookie is " + config["cookie"]["name"])
    if settings.get("mode") == "opt-out":
        found.append("mode is opt-in: nothing optional runs before consent")
    ignored = [
        k for k in settings if k not in CALLBACKS + ("categories", "revision", "cookie", "mode")
    ]
    if ignored:
        found.append("not applied: " + ", ".join(sorted(ignored)))
    return found
