"""Fair-choice checks regulators apply to banners (EDPB 2023 report; Dutch AP)."""

from playwright.sync_api import expect

from e2e.assertions import STYLE
from e2e.banner_actions import STARTED, BannerActions


def test_reject_is_as_easy_to_see_as_accept(page, servers, recorder):
    banner = BannerActions(page, servers)
    banner.open()
    accept = banner.consent_modal.get_by_role("button", name="Accept all").evaluate(STYLE)
    reject = banner.consent_modal.get_by_role("button", name="Reject all").evaluate(STYLE)
    assert abs(accept.pop("w") - reject.pop("w")) <= 2
    assert abs(accept.pop("h") - reject.pop("h")) <= 2
    assert accept == reject  # same row, font, weight, colours
    focused = page.evaluate("document.activeElement.textContent")
    assert focused != "Accept all"


def test_saving_untouched_preferences_is_a_refusal(page, servers, recorder):
    banner = BannerActions(page, servers)
    banner.open()
    banner.open_preferences()
    for switch in page.locator("#cc-preferences input[role=switch]:not([disabled])").all():
        expect(switch).not_to_be_checked()
    record = banner.save_preferences()
    assert record["action"] == "reject_all"
    assert record["categories"] == ["necessary"]
    assert recorder.urls(servers.tracker) == []


def test_escape_scrolling_and_clicking_elsewhere_are_not_consent(page, servers, recorder):
    banner = BannerActions(page, servers)
    banner.open()
    page.keyboard.press("Escape")
    page.mouse.wheel(0, 1500)
    page.locator("h1").first.click()
    banner.open_preferences()
    page.keyboard.press("Escape")
    expect(page.locator("#cc-preferences")).to_have_count(0)
    page.get_by_role("link", name="Product").first.click()
    page.wait_for_function(STARTED)
    expect(banner.consent_modal).to_be_visible()
    assert banner.consent_cookie() is None
    assert not [r for r in recorder.requests if r.url.endswith("/api/consent")]
    assert recorder.urls(servers.tracker) == []


def test_the_settings_button_reopens_the_stored_choice(page, servers, recorder):
    banner = BannerActions(page, servers)
    banner.open()
    banner.open_preferences()
    banner.save_preferences(Analytics=True)
    banner.open("/en/contact")
    page.locator("#cc-settings").click()
    dialog = page.locator("#cc-preferences")
    expect(dialog.get_by_role("switch", name="Analytics", exact=True)).to_be_checked()
    expect(dialog.get_by_role("switch", name="Marketing", exact=True)).not_to_be_checked()
    page.keyboard.press("Escape")
    expect(page.locator("#cc-settings")).to_be_focused()


def test_no_cookie_wall_after_reject_all(page, servers, recorder):
    banner = BannerActions(page, servers)
    banner.open("/en/contact")
    banner.reject_all()
    page.get_by_label("Name").fill("Ada Visser")
    page.get_by_label("Work email").fill("ada@example.nl")
    page.get_by_label("Message").fill("Please call me about transactional e-mail.")
    page.get_by_role("button", name="Send message").click()
    expect(page.get_by_role("heading", name="Thank you for your message")).to_be_visible()
    for path in ("/en/", "/en/product", "/nl/", "/nl/contact"):
        response = page.goto(servers.site + path)
        assert response.status == 200
        expect(page.locator("#cc-consent")).to_have_count(0)
        expect(page.locator("main")).to_be_visible()
    assert recorder.urls(servers.tracker) == []


def test_withdrawing_everything_takes_two_interactions(page, servers, recorder):
    banner = BannerActions(page, servers)
    banner.open()
    banner.accept_all()
    banner.open("/en/product")
    page.locator("#cc-settings").click()  # 1
    with page.expect_response(lambda r: r.url.endswith("/api/consent")):
        page.locator("#cc-preferences").get_by_role("button", name="Reject all").click()  # 2
    assert banner.consent_cookie()["categories"] == ["necessary"]
    records = servers.records(banner.consent_cookie()["consentId"])
    assert [r["action"] for r in records] == ["accept_all", "withdraw"]
