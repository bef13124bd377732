"""What an audit's visits mean: each cookie, storage key and request classified against the
site config's cookie tables and the Open Cookie Database, and every violation found.

Pure: takes the crawl's record, returns the report as plain data (what ``reports`` prints).
"""

from urllib.parse import urlsplit

from banner.cookie import matches

from .cookie_database import CookieDatabase
from .states import NO_CHOICE, REJECTED, STATES

# Finding kinds, and the ones that fail the audit unless --fail-on says otherwise.
ESCAPE = "escape"  # something non-essential before a choice or after "Reject all"
UNDECLARED = "undeclared"  # a cookie or storage key missing from the cookie tables
UNSEEN = "unseen"  # a declared cookie the audit never saw
DEAD_MARKUP = "dead-markup"  # data-category / data-service naming nothing in the config
KINDS = (ESCAPE, UNDECLARED, UNSEEN, DEAD_MARKUP)
FAIL_ON = (ESCAPE, UNDECLARED, DEAD_MARKUP)
WITHOUT_CONSENT = (NO_CHOICE, REJECTED)
NETWORK_SCHEMES = ("http", "https", "ws", "wss")


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class Tables:
    """The site config's cookie tables: name or pattern -> category, service, provider."""

    def __init__(self, config: dict):
        self.entries = [
            (cookie["name"], category["id"], service["id"], cookie["provider"])
            for category in config["categories"]
            for service in category["services"]
            for cookie in service["cookies"]
        ]
        self.essential = {c["id"] for c in config["categories"] if c["readOnly"]}
        self.services = {c["id"]: {s["id"] for s in c["services"]} for c in config["categories"]}

    def find(self, name: str):
        return next((e for e in self.entries if matches(name, e[0])), None)


def classify(name: str, tables: Tables, database: CookieDatabase) -> dict:
    declared = tables.find(name)
    if declared:
        return {
            "category": declared[1],
            "service": declared[2],
            "provider": declared[3],
            "source": "site config",
        }
    known = database.lookup(name)
    if known:
        return {
            "category": known.category,
            "service": known.platform,
            "provider": known.provider,
            "source": "Open Cookie Database",
        }
    return {"category": None, "service": None, "provider": None, "source": "unknown"}


def _finding(kind, visit, subject, element, detail) -> dict:
    return {
        "kind": kind,
        "state": visit.state,
        "page": visit.url,
        "subject": subject,
        "element": element,
        "detail": detail,
    }


def _outside(url: str, own: set) -> bool:
    parts = urlsplit(url)
    return parts.scheme in NETWORK_SCHEMES and origin_of(url) not in own


def _escapes(visit, own: set, tables: Tables, items: list) -> list:
    found = []
    if visit.state not in WITHOUT_CONSENT:
        return found
    when = "before any choice" if visit.state == NO_CHOICE else 'after "Reject all"'
    for request in visit.requests:
        if _outside(request["url"], own):
            who = request["element"] or request["initiator"]
            if request["element"] and request["initiator"].startswith("script "):
                who += f" (added by the {request['initiator']})"
            found.append(
                _finding(
                    ESCAPE,
                    visit,
                    request["url"],
                    who,
                    f"{request['type']} request to a third party {when}",
                )
            )
    for beacon in visit.beacons:
        if _outside(beacon["url"], own):
            found.append(
                _finding(
                    ESCAPE,
                    visit,
                    beacon["url"],
                    beacon["sent_by"],
                    f"{beacon['via']} to a third party {when}",
                )
            )
    if visit.state == NO_CHOICE:
        for tag in visit.noscript:
            if _outside(tag["url"], own):
                found.append(
                    _finding(
                        ESCAPE,
                        visit,
                        tag["url"],
                        tag["element"],
                        "loads for every visitor without JavaScript, before any"
                        " choice: <noscript> content is never blocked",
                    )
                )
    for item in items:
        category = item["category"]
        if category is not None and category not in tables.essential:
            found.append(
                _finding(
                    ESCAPE,
                    visit,
                    item["name"],
                    item["set_by"],
                    f"{category} {item['what']} set {when}",
                )
            )
    return found


def _dead_markup(visit, tables: Tables) -> list:
    found = []
    for tag in visit.markup:
        category = (tag["category"] or "").lstrip("!")
        if category and category not in tables.services:
            found.append(
                _finding(
                    DEAD_MARKUP,
                    visit,
                    category,
                    tag["element"],
                    f"data-category {category!r} is not in the site config:"
                    " this element can never run",
                )
            )
        elif tag["service"]:
            allowed = (
                tables.services.get(category)
                if category
                else set().union(*tables.services.values())
            )
            if tag["service"] not in allowed:
                found.append(
                    _finding(
                        DEAD_MARKUP,
                        visit,
                        tag["service"],
                        tag["element"],
                        f"data-service {tag['service']!r} is not a service of"
                        f" {category or 'any category'}: it can never run",
                    )
                )
    return found


def _items(visit, tables, database) -> list:
    """The visit's cookies and storage keys, each classified."""
    items = []
    for cookie in visit.cookies:
        items.append(
            {
                "name": cookie["name"],
                "what": "cookie",
                "domain": cookie["domain"],
                "set_by": cookie["set_by"],
                **classify(cookie["name"], tables, database),
            }
        )
    for entry in visit.storage:
        items.append(
            {
                "name": entry["key"],
                "what": entry["area"],
                "domain": "",
                "set_by": entry["set_by"],
                **classify(entry["key"], tables, database),
            }
        )
    return items


def audit_report(crawl: dict, database: CookieDatabase) -> dict:
    """The whole report: per state what was seen, and the findings."""
    config = crawl["config"]
    tables = Tables(config)
    own = {crawl["site"], crawl["consent"]}
    states = {
        state: {"pages": [], "requests": [], "cookies": [], "storage": [], "screenshot": ""}
        for state in STATES
    }
    findings, undeclared, seen_names = [], set(), set()
    for visit in crawl["visits"]:
        seen = states[visit.state]
        seen["pages"].append(visit.url)
        seen["screenshot"] = seen["screenshot"] or visit.screenshot
        items = _items(visit, tables, database)
        for request in visit.requests:
            seen["requests"].append(
                {**request, "page": visit.url, "third_party": _outside(request["url"], own)}
            )
        for beacon in visit.beacons:
            seen["requests"].append(
                {
                    "url": beacon["url"],
                    "type": beacon["via"],
                    "initiator": beacon["sent_by"],
                    "element": "",
                    "page": visit.url,
                    "third_party": _outside(beacon["url"], own),
                }
            )
        for item in items:
            bucket = seen["cookies"] if item["what"] == "cookie" else seen["storage"]
            if not any(i["name"] == item["name"] and i["domain"] == item["domain"] for i in bucket):
                bucket.append({**item, "page": visit.url})
            seen_names.add(item["name"])
            if item["source"] != "site config" and item["name"] not in undeclared:
                undeclared.add(item["name"])
                known = (
                    f" (Open Cookie Database: {item['category']}, {item['provider']})"
                    if (item["source"] == "Open Cookie Database")
                    else ""
                )
                findings.append(
                    _finding(
                        UNDECLARED,
                        visit,
                        item["name"],
                        item["set_by"],
                        f"{item['what']} not in the site config's cookie tables{known}",
                    )
                )
        findings += _escapes(visit, own, tables, items)
        if visit.state == NO_CHOICE:
            findings += _dead_markup(visit, tables)
    for name, category, service, _ in tables.entries:
        if not any(matches(seen, name) for seen in seen_names):
            findings.append(
                {
                    "kind": UNSEEN,
                    "state": "",
                    "page": "",
                    "subject": name,
                    "element": "",
                    "detail": f"declared under {category}/{service}"
                    " but never set on the pages visited",
                }
            )
    return {
        "site": crawl["site"],
        "consent": crawl["consent"],
        "states": states,
        "findings": _unique(findings),
    }


def _unique(findings: list) -> list:
    kept, keys = [], set()
    for finding in findings:
        key = (finding["kind"], finding["state"], finding["page"], finding["subject"])
        if key not in keys:
            keys.add(key)
            kept.append(finding)
    return kept


def failures(report: dict, fail_on) -> list:
    return [f for f in report["findings"] if f["kind"] in fail_on]
