"""--draft-config: cookies the tables lack, as entries the site config accepts."""

from banner.config import localize, parse_config
from server.audit.classifier import audit_report
from server.audit.cookie_database import parse_database
from server.audit.crawler import Visit
from server.audit.draft import draft_config
from server.audit.states import ACCEPTED
from tests.support import raw_config

SITE = "http://localhost:8000"
DATABASE = parse_database(
    {
        "Google Analytics": [
            {
                "cookie": name,
                "category": "Analytics",
                "dataController": "Google",
                "retentionPeriod": retention,
                "description": "ID",
                "wildcardMatch": wildcard,
            }
            for name, retention, wildcard in (
                ("_ga", "2 years", "0"),
                ("_gid", "24 hours", "0"),
                ("_ga_", "2 years", "1"),
            )
        ],
        "Facebook": [
            {
                "cookie": "_fbp",
                "category": "Marketing",
                "dataController": "Facebook",
                "retentionPeriod": "4 months",
                "wildcardMatch": "0",
            }
        ],
    }
)


def without_google_cookies() -> dict:
    raw = raw_config()
    for category in raw["categories"]:
        for service in category["services"]:
            service["cookies"] = [c for c in service["cookies"] if not c["name"].startswith("_g")]
    return raw


def draft_for(raw: dict, *names, domain="localhost"):
    config = localize(parse_config(raw), "en")
    visit = Visit(
        ACCEPTED, SITE + "/", cookies=[{"name": n, "domain": domain, "set_by": ""} for n in names]
    )
    report = audit_report(
        {"site": SITE, "consent": "http://c", "config": config, "visits": [visit]}, DATABASE
    )
    return draft_config(report, config, DATABASE)


def test_ga_and_gid_go_under_analytics_with_google_as_provider():
    draft = draft_for(without_google_cookies(), "_ga", "_gid", "_ga_AB12", "_ga_CD34", "cc_cookie")
    (analytics,) = draft["categories"]
    assert analytics["id"] == "analytics"
    (service,) = analytics["services"]
    assert service["id"] == "google-analytics"
    assert [(c["name"], c["provider"], c["party"]) for c in service["cookies"]] == [
        ("_ga", "Google", "first"),
        ("_gid", "Google", "first"),
        ("_ga_*", "Google", "first"),
    ]
    assert service["cookies"][1]["lifetime"] == {"nl": "[check] 24 hours", "en": "[check] 24 hours"}


def test_the_fragment_is_valid_site_config_and_unknown_names_are_listed():
    raw = without_google_cookies()
    draft = draft_for(raw, "_gid", "_fbp", "mystery", domain="127.0.0.1")
    assert draft["unknown"] == ["mystery"]
    for proposed in draft["categories"]:
        target = next(c for c in raw["categories"] if c["id"] == proposed["id"])
        for service in proposed["services"]:
            known = next((s for s in target["services"] if s["id"] == service["id"]), None)
            if known:
                known["cookies"] += service["cookies"]
            else:
                target["services"].append(service)
    parsed = parse_config(raw)  # raises naming the field if the fragment were malformed
    marketing = next(c for c in parsed["categories"] if c["id"] == "marketing")
    assert marketing["services"][-1]["cookies"][0]["party"] == "third"
    analytics = next(c for c in parsed["categories"] if c["id"] == "analytics")
    assert [c["name"] for c in analytics["services"][0]["cookies"]] == ["_gid"]
