"""The Open Cookie Database (Apache-2.0), as the npm package pinned in package-lock.json
ships it: platform -> cookies, each with a category, a data controller and a retention."""

import json
from dataclasses import dataclass
from pathlib import Path

# The data set's categories -> the category a site config would put such a cookie in.
CATEGORIES = {
    "Necessary": "necessary",
    "Security": "necessary",
    "Functional": "functional",
    "Personalization": "functional",
    "Analytics": "analytics",
    "Marketing": "marketing",
}


class CookieDatabaseError(Exception):
    """The data set is missing or unreadable; the message names the file."""


@dataclass(frozen=True)
class KnownCookie:
    name: str  # the data set's name; a prefix when ``wildcard``
    platform: str  # "Google Analytics"
    category: str  # one of CATEGORIES' values
    provider: str  # the data controller: "Google"
    retention: str  # "2 years"
    description: str
    wildcard: bool


class CookieDatabase:
    def __init__(self, entries: list):
        self.exact = {}
        self.prefixes = []
        for entry in entries:
            if entry.wildcard:
                self.prefixes.append(entry)
            else:
                self.exact.setdefault(entry.name, entry)
        self.prefixes.sort(key=lambda entry: -len(entry.name))  # the most specific first

    def lookup(self, name: str):
        """The data set's entry for a cookie or storage key name, or None."""
        if name in self.exact:
            return self.exact[name]
        return next((e for e in self.prefixes if e.name and name.startswith(e.name)), None)


def parse_database(raw: dict) -> CookieDatabase:
    entries = []
    for platform, cookies in raw.items():
        for cookie in cookies:
            entries.append(
                KnownCookie(
                    name=cookie["cookie"],
                    platform=platform,
                    category=CATEGORIES.get(cookie.get("category"), "functional"),
                    provider=cookie.get("dataController") or platform,
                    retention=cookie.get("retentionPeriod") or "",
                    description=cookie.get("description") or "",
                    wildcard=cookie.get("wildcardMatch") == "1",
                )
            )
    return CookieDatabase(entries)


def load_database(path: str) -> CookieDatabase:
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CookieDatabaseError(
            f"cannot read the Open Cookie Database at {path} ({error}); run `npm ci` in the"
            " repository or set CONSENT_COOKIE_DATABASE"
        ) from error
    return parse_database(raw)
