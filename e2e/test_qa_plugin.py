"""The consent pytest plugin (server/testing) against the demo site: stored choices
without clicks, the recorder's view of cookies, storage and beacons, the ledger."""

from urllib.parse import urlsplit

from playwright.sync_api import expect

from e2e.banner_actions import STARTED, BannerActions
from e2e.lab import lab_page


def tracker_host(servers) -> str:
    return urlsplit(servers.tracker).netloc


def test_a_stored_accept_all_runs_every_tag_without_a_banner(
    page, servers, recorder, consented_page
):
    # The pixel's cookie comes with its response, which may follow the tag's /collect.
    with (
        page.expect_request(servers.tracker + "/collect*"),
        page.expect_response(servers.tracker + "/pixel.gif*"),
    ):
        state = consented_page("all", "/en/")
    assert state["categories"] == ["necessary", "analytics", "marketing"]
    expect(page.locator("#cc-consent")).to_have_count(0)
    expect(page.locator("iframe[data-service=video-embed]")).to_have_attribute(
        "src", servers.tracker + "/embed/video"
    )
    set_by = {c.name: c.set_by for c in recorder.cookies_matching("_g*")}
    assert set(set_by) == {"_ga", "_gid", "_ga_DEMO"}
    assert all(source.startswith(servers.tracker + "/gtag/js") for source in set_by.values())
    pixel = recorder.cookies_matching("_fm_px")
    assert pixel and pixel[0].set_by.startswith(f"Set-Cookie {servers.tracker}/pixel.gif")


def test_a_stored_refusal_reaches_no_tracker_and_sets_only_declared_cookies(
    page, servers, recorder, consented_page, consent_site
):
    state = consented_page("none", "/en/product")
    assert state["categories"] == ["necessary"]
    page.get_by_role("link", name="NL", exact=True).click()
    expect(page).to_have_url(servers.site + "/nl/product")
    page.wait_for_function(STARTED)
    recorder.assert_no_request_to(tracker_host(servers))
    assert recorder.requests_outside(servers.site, servers.consent) == []
    recorder.assert_no_cookie("_ga*")
    recorder.assert_only_declared(list(consent_site.declared_cookies()))
    assert [c.name for c in recorder.cookies_matching("fm_lang")] == ["fm_lang"]


def test_a_stored_choice_of_one_category_runs_that_category_only(
    page, servers, recorder, consented_page
):
    with page.expect_request(servers.tracker + "/collect*"):
        consented_page(["analytics"], "/en/")
    assert page.evaluate("CookieConsent.acceptedCategory('analytics')")
    assert not page.evaluate("CookieConsent.acceptedCategory('marketing')")
    assert recorder.urls(servers.tracker + "/pixel.gif") == []
    recorder.assert_no_cookie("_fm_px")


def test_the_recorder_names_the_script_behind_each_storage_key_and_beacon(page, servers, recorder):
    url = lab_page(
        page,
        servers,
        "beacons",
        f"""<script>
        sessionStorage.setItem('lab_seen', '1');
        navigator.sendBeacon('{servers.tracker}/collect?via=beacon');
        fetch('{servers.tracker}/collect?via=keepalive', {{method: 'POST', keepalive: true}});
        </script>""",
    )
    with page.expect_request(servers.tracker + "/collect?via=keepalive"):
        page.goto(url)
    session = [s for s in recorder.storage if s.area == "sessionStorage"]
    assert [s.key for s in session] == ["lab_seen"]
    assert session[0].set_by.startswith(url + ":")
    assert [(b.via, b.url) for b in recorder.beacons] == [
        ("sendBeacon", servers.tracker + "/collect?via=beacon"),
        ("fetch keepalive", servers.tracker + "/collect?via=keepalive"),
    ]
    assert all(b.sent_by.startswith(url + ":") for b in recorder.beacons)
    assert len(recorder.requests_to(tracker_host(servers))) == 4  # two requests, two beacons


def test_decisions_in_dutch_are_read_back_from_the_ledger(page, servers, recorder):
    banner = BannerActions(page, servers, "nl")
    banner.open("/nl/")
    banner.open_preferences()
    record = banner.save_preferences(analytics=True)
    assert record["categories"] == ["necessary", "analytics"]
    assert [r["action"] for r in banner.records()] == ["custom"]
    stored = {s.key for s in recorder.storage if s.area == "localStorage"}
    assert {"cc_receipt", "cc_replay"} <= stored
