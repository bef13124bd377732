"""The consent server as a test sees it: the site config per language, the ledger's records."""

import json
import urllib.error
import urllib.request
from urllib.parse import quote

# Every call is to the site's own consent server; a hung one must not hang the suite.
TIMEOUT_SECONDS = 10


class ConsentServerError(Exception):
    """The consent server could not be read; the message says what was asked."""


class ConsentSite:
    """One site and the consent server that serves its banner."""

    def __init__(self, site_url: str, consent_url: str):
        self.site_url = site_url.rstrip("/")
        self.consent_url = consent_url.rstrip("/")
        self._configs = {}

    def _get(self, path: str, headers: dict | None = None):
        url = self.consent_url + path
        request = urllib.request.Request(url, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
                return json.load(response)
        except (urllib.error.URLError, OSError, ValueError) as error:
            raise ConsentServerError(f"GET {url}: {error}") from error

    def config(self, lang: str | None = None) -> dict:
        """The site config as the banner gets it, in one language (the default if None)."""
        key = lang or ""
        if key not in self._configs:
            self._configs[key] = self._get("/api/config" + (f"?lang={quote(lang)}" if lang else ""))
        return self._configs[key]

    @property
    def languages(self) -> list:
        return list(self.config()["languages"])

    def declared_cookies(self) -> dict:
        """Each declared cookie name (or ``_ga_*`` pattern) -> its category id."""
        return {
            cookie["name"]: category["id"]
            for category in self.config()["categories"]
            for service in category["services"]
            for cookie in service["cookies"]
        }

    def records(self, consent_id: str, access_key: str) -> list:
        """The ledger's records of one visitor, oldest first, opened with their access key."""
        path = f"/api/consent/{quote(consent_id)}"
        return self._get(path, {"Authorization": f"Bearer {access_key}"})["records"]
