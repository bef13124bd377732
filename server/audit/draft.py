"""``--draft-config``: a site-config fragment for the cookies the audit saw but the config
lacks, with category, provider and lifetime from the Open Cookie Database.

Texts come from the data set in English; every one is marked for a human to check
(and translate), since a cookie table is a legal statement, not a guess.
"""

import re

from .classifier import Tables
from .cookie_database import CookieDatabase

CHECK = "[check] "


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def draft_config(report: dict, config: dict, database: CookieDatabase) -> dict:
    """``{"categories": [{"id", "services": [{"id", "label", "cookies": [...]}]}],
    "unknown": [names the data set does not know either]}``."""
    tables = Tables(config)
    languages = config["languages"]
    site_host = report["site"].split("://", 1)[1].split(":")[0]
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
            services = categories.setdefault(known.category, {})
            service = services.setdefault(
                _slug(known.platform),
                {
                    "id": _slug(known.platform),
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
