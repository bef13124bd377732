"""Global Privacy Control: honoured for marketing, visibly, with an explicit way in."""

import pytest
from playwright.sync_api import expect

from e2e.banner_actions import BannerActions

GPC_ON = "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true})"


@pytest.fixture(params=["navigator-and-header", "header-only"])
def gpc_banner(request, page, servers, recorder):
    """A browser with GPC switched on: the JS property and the Sec-GPC header, or
    only the header, as some browsers and extensions send it. The banner cannot
    read headers; the server tells it through the script it serves."""
    if request.param == "navigator-and-header":
        page.add_init_script(GPC_ON)
    page.context.set_extra_http_headers({"Sec-GPC": "1"})
    return BannerActions(page, servers)


def test_accept_all_under_gpc_keeps_marketing_off(page, servers, recorder, gpc_banner):
    gpc_banner.open("/en/product")
    script = next(r for r in recorder.requests if r.url.endswith("/consent.js"))
    assert script.all_headers().get("sec-gpc") == "1"
    expect(page.locator("#cc-gpc-note")).to_contain_text("Global Privacy Control")
    with page.expect_request(servers.tracker + "/collect*"):
        record = gpc_banner.accept_all()
    assert record["method"] == "gpc"
    assert record["categories"] == ["necessary", "analytics"]
    assert record["gpc"] is True
    assert page.evaluate("CookieConsent.acceptedCategory('marketing')") is False
    paths = {hit["path"] for hit in servers.tracker_hits()}
    assert "/pixel.gif" not in paths and "/embed/video" not in paths
    assert page.locator("iframe[data-category]").get_attribute("src") is None


def test_gpc_visitor_can_still_opt_in_explicitly(page, servers, recorder, gpc_banner):
    gpc_banner.open("/en/product")
    gpc_banner.open_preferences()
    dialog = page.locator("#cc-preferences")
    expect(dialog.locator("#cc-gpc-note")).to_be_visible()
    expect(dialog.get_by_role("switch", name="Marketing", exact=True)).not_to_be_checked()
    record = gpc_banner.save_preferences(Marketing=True)
    assert record["method"] == "preferences"
    assert "marketing" in record["categories"]
    expect(page.locator("iframe[data-service=video-embed]")).to_have_attribute(
        "src", servers.tracker + "/embed/video"
    )


def test_the_header_alone_is_enough(page, servers, recorder):
    page.context.set_extra_http_headers({"Sec-GPC": "1"})
    BannerActions(page, servers).open()
    assert page.evaluate("navigator.globalPrivacyControl === true") is False
    expect(page.locator("#cc-gpc-note")).to_be_visible()


def test_no_gpc_means_no_note_and_a_plain_accept_all(page, servers, recorder):
    banner = BannerActions(page, servers)
    banner.open()
    expect(page.locator("#cc-gpc-note")).to_have_count(0)
    assert banner.accept_all()["method"] == "banner"
