"""The banner's actions by role and accessible name, in any language of the site config."""

import json
from urllib.parse import unquote

from playwright.sync_api import Page, expect

from banner.names import ACCESS_KEY

from .site import ConsentSite

# The texts keys of the site config that name the banner's buttons.
BUTTON_TEXTS = {
    "accept": "acceptAll",
    "reject": "rejectAll",
    "preferences": "preferences",
    "save": "save",
}


# The banner has started: Python runs, or the loader replayed the stored choice and
# answers window.CookieConsent from it (Python then starts only when needed).
STARTED = (
    "() => window.CookieConsentBoot !== undefined"
    " && (CookieConsentBoot.ready || CookieConsentBoot.announced)"
)
# The key the banner keeps after the first record: what opens the visitor's records.
ACCESS = f"() => localStorage.getItem({ACCESS_KEY!r})"


def button_names(config: dict) -> dict:
    """``accept``, ``reject``, ``preferences``, ``save`` -> the button's name in that config."""
    return {action: config["texts"][key] for action, key in BUTTON_TEXTS.items()}


class ConsentBanner:
    """Clicks on the banner of one page, and what they stored (in the spirit of flaskr's
    ``AuthActions``); every decision returns the ledger's record of it."""

    def __init__(self, page: Page, site: ConsentSite, lang: str | None = None):
        self.page = page
        self.site = site
        self.config = site.config(lang)
        self.names = button_names(self.config)

    def open(self, path: str = "/") -> None:
        """Load a page of the site and wait until the banner has started (``STARTED``)."""
        self.page.goto(self.site.site_url + path)
        self.page.wait_for_function(STARTED)

    @property
    def consent_modal(self):
        return self.page.locator("#cc-consent")

    @property
    def preferences(self):
        return self.page.get_by_role("dialog", name=self.config["texts"]["preferencesTitle"])

    def _decide(self, scope, action: str) -> dict:
        """Click a decision button; the ledger's record of it, read back from the server
        (Playwright does not hand out a CORS-preflighted response's body)."""
        with self.page.expect_response(
            lambda r: r.url == self.site.consent_url + "/api/consent" and r.request.method == "POST"
        ) as response:
            scope.get_by_role("button", name=self.names[action], exact=True).click()
        assert response.value.status == 201, f"the ledger answered {response.value.status}"
        self.page.wait_for_function(ACCESS)  # the banner keeps the first record's key
        return self.records()[-1]

    def accept_all(self) -> dict:
        return self._decide(self.consent_modal, "accept")

    def reject_all(self) -> dict:
        return self._decide(self.consent_modal, "reject")

    def open_preferences(self) -> None:
        self.consent_modal.get_by_role("button", name=self.names["preferences"]).click()
        expect(self.page.locator("#cc-preferences [role=dialog]")).to_be_visible()

    def _switch_name(self, key: str) -> str:
        """A category id (``analytics``) or a switch's own name (``Analytics``)."""
        for category in self.config["categories"]:
            if category["id"] == key:
                return category["title"]
        return key

    def save_preferences(self, **switches: bool) -> dict:
        """Set switches, by category id or accessible name (``analytics=True``), then save."""
        dialog = self.page.locator("#cc-preferences")
        for key, on in switches.items():
            dialog.get_by_role("switch", name=self._switch_name(key), exact=True).set_checked(on)
        return self._decide(dialog, "save")

    def consent_cookie(self):
        """The decoded consent cookie on the site, or None."""
        name = self.config["cookie"]["name"]
        for cookie in self.page.context.cookies(self.site.site_url):
            if cookie["name"] == name:
                return json.loads(unquote(cookie["value"]))
        return None

    def cookie_names(self) -> list:
        return [c["name"] for c in self.page.context.cookies(self.site.site_url)]

    def records(self) -> list:
        """The consent server's records of this visitor, opened with the key the banner
        keeps on the device ([] before the first record)."""
        kept = self.page.evaluate(ACCESS)
        if not kept:
            return []
        access = json.loads(kept)
        return self.site.records(access["consentId"], access["accessKey"])
