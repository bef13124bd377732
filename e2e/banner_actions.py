"""Banner actions for the end-to-end tests (in the spirit of flaskr's AuthActions)."""

import json
from urllib.parse import unquote

from playwright.sync_api import Page, expect

BUTTONS = {
    "en": {
        "accept": "Accept all",
        "reject": "Reject all",
        "preferences": "Preferences",
        "save": "Save preferences",
    },
    "nl": {
        "accept": "Alles accepteren",
        "reject": "Alles weigeren",
        "preferences": "Voorkeuren",
        "save": "Voorkeuren opslaan",
    },
}


# The banner has started: Python runs, or the loader replayed the stored choice
# and answers window.CookieConsent from it (Python then starts only when needed).
STARTED = (
    "() => window.CookieConsentBoot !== undefined"
    " && (CookieConsentBoot.ready || CookieConsentBoot.announced)"
)
# Python itself runs.
PYTHON_RUNS = "() => window.CookieConsentBoot !== undefined && CookieConsentBoot.ready"


class BannerActions:
    def __init__(self, page: Page, servers, lang: str = "en"):
        self.page = page
        self.servers = servers
        self.names = BUTTONS[lang]

    def open(self, path: str = "/en/") -> None:
        """Load a demo page and wait until the banner has started (see ``STARTED``)."""
        self.page.goto(self.servers.site + path)
        self.page.wait_for_function(STARTED)

    @property
    def consent_modal(self):
        return self.page.locator("#cc-consent")

    @property
    def preferences(self):
        return self.page.get_by_role(
            "dialog", name=self.page.locator("#cc-pm-title").text_content()
        )

    def _decide(self, scope, button: str) -> dict:
        """Click a decision button and return the ledger's record of it.

        The record is read back from the server: Playwright does not hand out
        the body of a CORS-preflighted response, only its status.
        """
        with self.page.expect_response(
            lambda r: r.url.endswith("/api/consent") and r.request.method == "POST"
        ) as response:
            scope.get_by_role("button", name=self.names[button], exact=True).click()
        assert response.value.status == 201
        return self.servers.records(self.consent_cookie()["consentId"])[-1]

    def accept_all(self) -> dict:
        return self._decide(self.consent_modal, "accept")

    def reject_all(self) -> dict:
        return self._decide(self.consent_modal, "reject")

    def open_preferences(self) -> None:
        self.consent_modal.get_by_role("button", name=self.names["preferences"]).click()
        expect(self.page.locator("#cc-preferences [role=dialog]")).to_be_visible()

    def save_preferences(self, **switches: bool) -> dict:
        """Set category switches by accessible name, e.g. Analytics=True, then save."""
        dialog = self.page.locator("#cc-preferences")
        for name, on in switches.items():
            dialog.get_by_role("switch", name=name, exact=True).set_checked(on)
        return self._decide(dialog, "save")

    def consent_cookie(self):
        """The decoded cc_cookie of the demo site, or None."""
        for cookie in self.page.context.cookies(self.servers.site):
            if cookie["name"] == "cc_cookie":
                return json.loads(unquote(cookie["value"]))
        return None

    def cookie_names(self) -> list:
        return [c["name"] for c in self.page.context.cookies(self.servers.site)]
