"""Consent lasts the configured lifetime, then the banner asks again (issue 5, item 10).

The page clock moves the banner's ``Date.now()``; the browser still expires the
cookie by real time (its Max-Age), so after the jump the cookie is still there
and it is the banner's ``expirationTime`` rule that must re-ask.
"""

from datetime import UTC, datetime, timedelta

from playwright.sync_api import expect

from e2e.banner_actions import BannerActions

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
LIFETIME = timedelta(days=182)  # cookie.expiresAfterDays in the demo site's config


def test_a_refusal_holds_for_the_lifetime_then_the_banner_asks_again(page, servers):
    page.clock.install(time=START)
    banner = BannerActions(page, servers)
    banner.open()
    expect(banner.consent_modal).to_be_visible()
    banner.reject_all()
    stored = banner.consent_cookie()
    expires = datetime.fromtimestamp(stored["expirationTime"] / 1000, UTC)
    assert abs(expires - (START + LIFETIME)) < timedelta(minutes=5)

    for later in (timedelta(days=1), timedelta(days=90), LIFETIME - timedelta(hours=1)):
        page.clock.set_fixed_time(START + later)
        banner.open("/en/contact")
        expect(page.locator("#cc-settings")).to_be_visible()
        expect(banner.consent_modal).to_have_count(0)

    page.clock.set_fixed_time(START + LIFETIME + timedelta(hours=1))
    banner.open()
    expect(banner.consent_modal).to_be_visible()
    assert banner.consent_cookie() == stored  # still stored: the expiry rule re-asked


def test_a_fresh_choice_after_expiry_starts_a_new_lifetime(page, servers):
    page.clock.install(time=START)
    banner = BannerActions(page, servers)
    banner.open()
    banner.reject_all()

    page.clock.set_fixed_time(START + LIFETIME + timedelta(days=1))
    banner.open()
    banner.accept_all()
    renewed = datetime.fromtimestamp(banner.consent_cookie()["expirationTime"] / 1000, UTC)
    assert renewed > START + 2 * LIFETIME

    page.clock.set_fixed_time(START + 2 * LIFETIME)
    banner.open()
    expect(page.locator("#cc-settings")).to_be_visible()
    expect(banner.consent_modal).to_have_count(0)
