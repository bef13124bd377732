"""The site config drives the banner: revisions re-ask, config text is only text."""

import json
from urllib.parse import quote

from playwright.sync_api import expect

from e2e.banner_actions import STARTED, BannerActions
from e2e.lab import lab_page

NOTE = {
    "nl": "Nieuw: we meten nu ook video-statistieken.",
    "en": "New: we now also measure video statistics.",
}


def _stored(revision: int) -> dict:
    state = {
        "categories": ["necessary", "analytics"],
        "services": {
            "necessary": ["consent", "language"],
            "analytics": ["google-analytics"],
            "marketing": [],
        },
        "revision": revision,
        "data": None,
        "consentId": "3f1c2a4e-9b7d-4c21-8e5f-0a1b2c3d4e5f",
        "consentTimestamp": "2026-01-01T00:00:00.000Z",
        "lastConsentTimestamp": "2026-01-01T00:00:00.000Z",
        "languageCode": "en",
        "expirationTime": 4102444800000,
    }
    return {"name": "cc_cookie", "value": quote(json.dumps(state), safe="")}


def _revision_two(config: dict) -> None:
    config["revision"] = 2
    config["revisionNote"] = NOTE


def test_raised_revision_asks_again_and_says_what_changed(
    page, servers, recorder, consent_server_with
):
    consent = consent_server_with(_revision_two)
    page.context.add_cookies([{**_stored(1), "url": servers.site}])
    page.goto(lab_page(page, servers, "revision", "<p>x</p>", consent=consent))
    banner = BannerActions(page, servers)
    expect(banner.consent_modal).to_be_visible()
    expect(banner.consent_modal.locator("#cc-note")).to_have_text(NOTE["en"])
    assert page.evaluate("CookieConsent.validConsent()") is False


def test_same_revision_never_asks_again(page, servers, recorder, consent_server_with):
    consent = consent_server_with(_revision_two)
    page.context.add_cookies([{**_stored(2), "url": servers.site}])
    page.goto(lab_page(page, servers, "same-revision", "<p>x</p>", consent=consent))
    page.wait_for_function(STARTED)
    assert page.evaluate("CookieConsent.validConsent()") is True
    expect(page.locator("#cc-consent")).to_have_count(0)
    expect(page.locator("#cc-settings")).to_be_visible()


def test_a_first_visit_under_a_new_revision_gets_no_change_note(
    page, servers, recorder, consent_server_with
):
    consent = consent_server_with(_revision_two)
    page.goto(lab_page(page, servers, "fresh", "<p>x</p>", consent=consent))
    page.wait_for_function(STARTED)
    expect(page.locator("#cc-consent")).to_be_visible()
    expect(page.locator("#cc-note")).to_have_count(0)


def _hostile(config: dict) -> None:
    payload = '<img src="x" onerror="window.injected = 1"><script>window.injected = 2</script>'
    config["texts"]["en"]["consentTitle"] = "Cookies? " + payload
    config["categories"][1]["title"]["en"] = "Analytics " + payload
    config["categories"][1]["services"][0]["cookies"][0]["purpose"]["en"] = payload


def test_config_text_with_markup_is_shown_as_text(page, servers, recorder, consent_server_with):
    consent = consent_server_with(_hostile)
    page.goto(lab_page(page, servers, "hostile", "<p>x</p>", consent=consent))
    banner = BannerActions(page, servers)
    expect(banner.consent_modal).to_contain_text('<img src="x" onerror=')
    banner.open_preferences()
    page.locator("#cc-preferences details").nth(1).click()
    expect(page.locator("#cc-preferences")).to_contain_text("<script>window.injected = 2</script>")
    assert page.locator("#cc-main img, #cc-main script").count() == 0
    assert page.evaluate("window.injected") is None
    assert recorder.errors == []


def _reload_on_withdraw(config: dict) -> None:
    config["reloadOnWithdraw"] = True


def test_withdrawal_reloads_the_page_when_configured(page, servers, recorder, consent_server_with):
    consent = consent_server_with(_reload_on_withdraw)
    url = lab_page(
        page,
        servers,
        "reload",
        '<script type="text/plain" data-category="analytics">window.tracking = true;</script>',
        consent=consent,
    )
    page.goto(url)
    page.wait_for_function(STARTED)
    page.evaluate("CookieConsent.acceptCategory('all')")
    page.wait_for_function("() => window.tracking === true")
    with page.expect_navigation():
        page.evaluate("CookieConsent.acceptCategory([])")
    page.wait_for_function(STARTED)
    assert page.evaluate("window.tracking") is None
    assert page.evaluate("CookieConsent.acceptedCategory('analytics')") is False


def test_withdrawal_without_a_script_that_ran_does_not_reload(
    page, servers, recorder, consent_server_with
):
    consent = consent_server_with(_reload_on_withdraw)
    page.goto(lab_page(page, servers, "no-reload", "<p>x</p>", consent=consent))
    page.wait_for_function(STARTED)
    page.evaluate("CookieConsent.acceptCategory('all'); window.marker = 1")
    page.evaluate("CookieConsent.acceptCategory([])")
    page.locator("#cc-settings").wait_for()
    assert page.evaluate("window.marker") == 1
