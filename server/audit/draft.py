"""``--draft-config``: a site-config fragment for the cookies the audit saw but the config
lacks, with category, provider and lifetime from the Open Cookie Database.

Texts come from the data set in English; every one is marked for a human to check
(and translate), since a cookie table is a legal statement, not a guess.
"""

import re
from urllib.parse import urlsplit

from .classifier import Tables
from .cookie_database import CookieDatabase

CHECK = "[check] "


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def draft_config(report: dict, config: dict, database: CookieDatabase) -> dict:
    """``{"categories": [{"id", "services": [{"id", "label", "cookies": [...]}]}],
    "unknown": [names the data set does not know either]}``; a service id the config
    already has means "add these cookies to it"."""
    tables = Tables(config)
    languages = config["languages"]
    site_host = urlsplit(report["site"]).hostname
    categories, unknown, done = {}, [], set()
    for state in report["states"].values():
        for item in state["cookies"] + state["storage"]:
            name = item["name"]
            if name in done or tables.find(name):
                continue
            done.add(name)
            known = database.lookup(name)
            if known is None:
                unknown.append(name)
                continue
            service_id = _slug(known.platform)
            # A service the config has already keeps its category: add the cookies there.
            category = next(
                (c for c, ids in tables.services.items() if service_id in ids), known.category
            )
            service = categories.setdefault(category, {}).setdefault(
                service_id,
                {
                    "id": service_id,
                    "label": {lang: known.platform for lang in languages},
                    "cookies": [],
                },
            )
            entry_name = known.name + "*" if known.wildcard else name
            if any(c["name"] == entry_name for c in service["cookies"]):
                continue
            party = "first" if item["domain"] in ("", site_host) else "third"
            service["cookies"].append(
                {
                    "name": entry_name,
                    "provider": known.provider,
                    "party": party,
                    "purpose": {lang: CHECK + known.description for lang in languages},
                    "lifetime": {lang: CHECK + known.retention for lang in languages},
                }
            )
    return {
        "categories": [
            {"id": category, "services": list(services.values())}
            for category, services in categories.items()
        ],
        "unknown": unknown,
    }
