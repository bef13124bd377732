"""Issue 2's acceptance scenarios: nothing runs before consent, choices stick."""

import base64
import json
import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from e2e.assertions import analytics_cookies, assert_tracker_untouched
from e2e.banner_actions import BannerActions, first_input

PAGES = ("/en/", "/en/product", "/en/contact")


def test_first_visit_shows_the_banner_and_blocks_every_tracker(page, servers, recorder, banner):
    banner.open()
    expect(banner.consent_modal).to_be_visible()
    expect(banner.consent_modal.get_by_role("button", name="Accept all")).to_be_visible()
    expect(banner.consent_modal.get_by_role("button", name="Reject all")).to_be_visible()
    assert page.evaluate("CookieConsent.acceptedCategory('analytics')") is False
    assert page.evaluate("CookieConsent.validConsent()") is False
    assert page.evaluate("window.demoAnalyticsRuns") is None
    assert page.evaluate("window.dataLayer.length") == 1  # only Consent Mode's denied default
    assert page.locator("iframe[data-category]").get_attribute("src") is None
    assert analytics_cookies(banner.cookie_names()) == []
    assert banner.consent_cookie() is None
    assert_tracker_untouched(servers, recorder)
    assert recorder.errors == []


def test_a_first_visit_fetches_the_runtime_only_at_the_first_input(
    page, servers, recorder, banner
):
    """The loader alone while nobody touches the page; at the first input the runtime
    under its content hash, and nothing else: no module probes."""
    banner.open()
    expect(banner.consent_modal).to_be_visible()
    page.wait_for_load_state("networkidle")
    from_consent_server = [u.split("?")[0] for u in recorder.urls(servers.consent)]
    assert from_consent_server == [servers.consent + "/consent.js"]
    first_input(page)
    from_consent_server = [u.split("?")[0] for u in recorder.urls(servers.consent)]
    assert len(from_consent_server) == 2
    assert re.fullmatch(
        re.escape(servers.consent) + r"/consent\.[0-9a-f]{16}\.js", from_consent_server[1]
    )


def test_reject_all_is_remembered_and_logged(page, servers, recorder, banner):
    banner.open()
    receipt = banner.reject_all()
    expect(banner.consent_modal).to_have_count(0)
    stored = banner.consent_cookie()
    assert stored["categories"] == ["necessary"]
    assert receipt["consentId"] == stored["consentId"]
    for path in PAGES + ("/en/",):
        banner.open(path)
        expect(page.locator("#cc-settings")).to_be_visible()
        expect(banner.consent_modal).to_have_count(0)
    assert page.evaluate("window.demoAnalyticsRuns") is None
    assert analytics_cookies(banner.cookie_names()) == []
    assert_tracker_untouched(servers, recorder)
    records = servers.records(stored["consentId"])
    assert [r["action"] for r in records] == ["reject_all"]
    assert records[0]["categories"] == ["necessary"]


def test_accept_all_loads_every_tag_now_and_on_later_pages(page, servers, recorder, banner):
    banner.open()
    with page.expect_request(servers.tracker + "/collect*"):
        banner.accept_all()
    expect(page.locator("iframe[data-service=video-embed]")).to_have_attribute(
        "src", servers.tracker + "/embed/video"
    )
    assert page.evaluate("window.demoAnalyticsRuns") == 1
    assert set(analytics_cookies(banner.cookie_names())) == {"_ga", "_gid", "_ga_DEMO"}
    recorder.requests.clear()
    servers.reset_tracker()
    with page.expect_request(servers.tracker + "/collect*"):
        banner.open("/en/product")
    expect(banner.consent_modal).to_have_count(0)
    expect(page.locator("iframe[data-service=video-embed]")).to_have_attribute(
        "src", servers.tracker + "/embed/video"
    )
    paths = {hit["path"] for hit in servers.tracker_hits()}
    assert {"/gtag/js", "/collect", "/pixel.gif", "/embed/video"} <= paths
    assert page.evaluate("window.demoAnalyticsRuns") == 1
    record = servers.records(banner.consent_cookie()["consentId"])[0]
    assert record["action"] == "accept_all"
    assert record["method"] == "banner"


def test_the_visitor_keeps_the_ledger_receipt(page, servers, recorder, banner):
    banner.open()
    record = banner.reject_all()
    page.wait_for_function("() => localStorage.getItem('cc_receipt') !== null")
    kept = json.loads(page.evaluate("localStorage.getItem('cc_receipt')"))
    assert kept["recordId"] == record["recordId"]
    assert kept["consentId"] == record["consentId"]
    header, payload, signature = kept["receipt"].split(".")  # a compact JWS
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert claims["consentId"] == record["consentId"]
    assert signature


def test_analytics_only_loads_the_tag_but_no_pixel_or_video(page, servers, recorder, banner):
    banner.open("/en/product")
    banner.open_preferences()
    dialog = page.locator("#cc-preferences")
    for name in ("Analytics", "Marketing"):
        expect(dialog.get_by_role("switch", name=name, exact=True)).not_to_be_checked()
    with page.expect_request(servers.tracker + "/collect*"):
        receipt = banner.save_preferences(Analytics=True)
    assert receipt["action"] == "custom"
    assert receipt["method"] == "preferences"
    assert page.evaluate("CookieConsent.acceptedCategory('analytics')") is True
    assert page.evaluate("CookieConsent.acceptedCategory('marketing')") is False
    banner.open("/en/")
    page.wait_for_function("() => window.demoAnalyticsRuns === 1")
    paths = {hit["path"] for hit in servers.tracker_hits()}
    assert "/gtag/js" in paths
    assert "/pixel.gif" not in paths and "/embed/video" not in paths
    assert page.locator("iframe[data-category]").get_attribute("src") is None


def test_withdrawing_analytics_erases_cookies_and_stops_the_tag(page, servers, recorder, banner):
    banner.open()
    with page.expect_request(servers.tracker + "/collect*"):
        banner.accept_all()
    banner.open("/en/contact")
    page.wait_for_function("() => window.demoAnalyticsRuns === 1")
    assert analytics_cookies(banner.cookie_names())
    page.locator("footer [data-cc=show-preferencesModal]").click()
    dialog = page.locator("#cc-preferences")
    expect(dialog.get_by_role("switch", name="Analytics", exact=True)).to_be_checked()
    receipt = banner.save_preferences(Analytics=False)
    assert receipt["action"] == "withdraw"
    assert analytics_cookies(banner.cookie_names()) == []
    assert page.evaluate("window.demoAnalyticsWithdrawnRuns") == 1
    servers.reset_tracker()
    recorder.requests.clear()
    banner.open("/en/product")
    expect(page.locator("iframe[data-service=video-embed]")).to_have_attribute(
        "src", servers.tracker + "/embed/video"
    )
    assert page.evaluate("window.demoAnalyticsRuns") is None
    assert page.evaluate("window.demoAnalyticsWithdrawnRuns") is None
    assert not [u for u in recorder.urls(servers.tracker) if "/gtag/" in u or "/collect" in u]
    assert analytics_cookies(banner.cookie_names()) == []
    actions = [r["action"] for r in servers.records(receipt["consentId"])]
    assert actions == ["accept_all", "withdraw"]


def _cc_cookie(servers, value: str) -> dict:
    return {"name": "cc_cookie", "value": value, "url": servers.site}


def _outdated(revision=0, expiration=4102444800000):
    state = {
        "categories": ["necessary", "analytics", "marketing"],
        "services": {"analytics": ["google-analytics"]},
        "revision": revision,
        "consentId": "3f1c2a4e-9b7d-4c21-8e5f-0a1b2c3d4e5f",
        "consentTimestamp": "2026-01-01T00:00:00.000Z",
        "lastConsentTimestamp": "2026-01-01T00:00:00.000Z",
        "languageCode": "en",
        "expirationTime": expiration,
    }
    return quote(json.dumps(state), safe="")


@pytest.mark.parametrize(
    "value",
    [
        "garbage",
        "%7B%22categories%22%3A",
        "%E0%A4%A",
        quote('["analytics"]', safe=""),
        _outdated(revision=0),
        _outdated(revision=1, expiration=1000),
    ],
    ids=["garbage", "truncated-json", "bad-escape", "foreign-json", "older-revision", "expired"],
)
def test_bad_consent_cookie_means_no_consent(page, servers, recorder, banner, value):
    page.context.add_cookies([_cc_cookie(servers, value)])
    banner.open()
    expect(banner.consent_modal).to_be_visible()
    assert page.evaluate("CookieConsent.validConsent()") is False
    assert_tracker_untouched(servers, recorder)
    assert recorder.errors == []


def test_dutch_page_speaks_dutch(page, servers, recorder):
    banner = BannerActions(page, servers, lang="nl")
    banner.open("/nl/")
    expect(banner.consent_modal.get_by_role("button", name="Alles accepteren")).to_be_visible()
    expect(banner.consent_modal.get_by_role("button", name="Alles weigeren")).to_be_visible()
    expect(banner.consent_modal.get_by_role("button", name="Voorkeuren")).to_be_visible()
    expect(banner.consent_modal).to_contain_text("Flowmailer B.V.")
    banner.open_preferences()
    expect(page.locator("#cc-preferences")).to_contain_text("Analytisch")
    banner.save_preferences()
    assert banner.consent_cookie()["languageCode"] == "nl"
