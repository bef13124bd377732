"""A returning visitor's tools run from the loader, before the Brython runtime starts.

Python leaves its verdict on the stored cookie in ``localStorage`` and the
loader replays it on the next page (``banner/replay.py``, ``banner/loader.js``).
These tests take the runtime away (its request is aborted), so whatever runs
was the loader's doing, and prove it replays only what Python decided for that
very cookie, build and config: never after a refusal, a withdrawal, a changed
cookie, a foreign verdict or the end of the consent's lifetime.
"""

import json
import re
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from e2e.assertions import DATA_LAYER, DENIED, GRANTED, commands
from e2e.banner_actions import NO_COOKIE_STORE, SILENT_COOKIE_STORE
from e2e.lab import HeldParser, lab_page

RUNTIME = re.compile(r"/consent\.[0-9a-f]{16}\.js$")


def visit_without_python(page, servers, recorder, path: str = "/en/product") -> None:
    """Load a page whose runtime request fails: only the loader acts.

    The request log and the tracker's hits start empty for this page.
    """
    fresh_page_log(recorder, servers)
    page.route(RUNTIME, lambda route: route.abort())
    page.goto(servers.site + path)
    page.wait_for_load_state("load")
    assert page.evaluate("CookieConsentBoot.ready") is False  # Python never ran


# What the demo's home page sends the tracker once everything is accepted.
HOME_TAG_REQUESTS = ("/gtag/js", "/collect", "/pixel.gif", "/embed/video")


def accept_everything(page, servers, banner) -> None:
    """Accept all on the home page, and let every tag's request finish there.

    Otherwise a late hit of this page (the pixel names no page URL) would
    land in the next page's log.
    """
    banner.open()
    with ExitStack() as waits:
        for path in HOME_TAG_REQUESTS:
            url = servers.tracker + path
            finished = page.expect_request_finished(lambda r, url=url: r.url.startswith(url))
            waits.enter_context(finished)
        banner.accept_all()


def assert_page_left_the_tracker_alone(servers, recorder, path: str = "/en/product") -> None:
    """Nothing from the replaying page: not in its own requests, not at the tracker.

    The tracker may still receive a late page view sent by the page before
    (its ``dl`` names that page), which is no doing of this one.
    """
    assert recorder.urls(servers.tracker) == []
    from_this_page = [
        hit for hit in servers.tracker_hits() if hit["args"].get("dl", path).endswith(path)
    ]
    assert from_this_page == []


def fresh_page_log(recorder, servers) -> None:
    recorder.requests.clear()
    servers.reset_tracker()


@pytest.mark.parametrize("cookie_store", [True, False], ids=["cookie store", "document.cookie"])
def test_consented_tags_run_without_waiting_for_python(
    page, servers, recorder, banner, cookie_store
):
    accept_everything(page, servers, banner)
    if not cookie_store:  # the loader reads document.cookie where a browser lacks the API
        page.add_init_script(NO_COOKIE_STORE)
    with page.expect_request(servers.tracker + "/collect*"):
        visit_without_python(page, servers, recorder)
    page.wait_for_function("() => window.demoAnalyticsRuns === 1")
    assert page.evaluate("CookieConsentBoot.replayed") is True
    layer = page.evaluate(DATA_LAYER)
    assert layer[:2] == [["consent", "default", DENIED], ["consent", "update", GRANTED]]
    assert commands(page)[2:4] == [["js"], ["config"]]  # the tag ran after the update
    expect(page.locator("iframe[data-service=video-embed]")).to_have_attribute(
        "src", servers.tracker + "/embed/video"
    )
    expect(page.locator("#cc-consent")).to_have_count(0)  # no banner painted for a chooser
    expect(page.locator("#cc-settings")).to_be_visible()  # but withdrawing is one click away
    assert page.evaluate("window.demoAnalyticsWithdrawnRuns") is None  # "!" scripts stay put
    assert recorder.errors == []


@pytest.mark.parametrize("accepted", [True, False], ids=["accepted", "refused"])
def test_a_cookie_store_silent_at_domcontentloaded_holds_no_verdict_back(
    page, servers, recorder, banner, accepted
):
    """Asked while the page is parsed, the Cookie Store API answered 40 ms after
    DOMContentLoaded at 4× CPU, when vanilla runs a returning visitor's tags: the
    loader reads document.cookie there instead of waiting on, and replays exactly
    what it replays otherwise."""
    if accepted:
        accept_everything(page, servers, banner)
    else:
        banner.open()
        banner.reject_all()
    tag = '<script type="text/plain" data-category="analytics">window.tagRan = true</script>'
    held = HeldParser(page, servers)
    url = lab_page(page, servers, "replay/silent-store", held.markup + tag)
    fresh_page_log(recorder, servers)
    page.add_init_script(SILENT_COOKIE_STORE)
    page.route(RUNTIME, lambda route: route.abort())  # what runs is the loader's doing
    page.goto(url, wait_until="commit")
    held.release()
    page.wait_for_function("() => CookieConsentBoot.replayed && window.lateScriptRan")
    assert page.evaluate("window.loaderReadyState") == "loading"  # it ran before the parse ended
    assert page.evaluate(DATA_LAYER) == [
        ["consent", "default", DENIED],
        ["consent", "update", GRANTED if accepted else DENIED],
    ]
    assert page.evaluate("window.tagRan === true") is accepted
    assert_page_left_the_tracker_alone(servers, recorder, "/lab/replay/silent-store")
    assert recorder.errors == []


# Every cc: event of a page, in order, with its detail.
RECORD_EVENTS = """
window.ccEvents = [];
["cc:onReady", "cc:onConsent", "cc:onFirstConsent", "cc:onChange"].forEach(function (name) {
  window.addEventListener(name, function (event) { window.ccEvents.push([name, event.detail]); });
});
"""


def test_a_replayed_page_never_starts_python_and_answers_from_the_verdict(
    page, servers, recorder, banner
):
    accept_everything(page, servers, banner)
    stored = banner.consent_cookie()
    fresh_page_log(recorder, servers)
    page.add_init_script(RECORD_EVENTS)
    banner.open("/en/product")
    page.wait_for_function("() => window.demoAnalyticsRuns === 1")
    assert page.evaluate("CookieConsentBoot.ready") is False
    assert [u.split("?")[0] for u in recorder.urls(servers.consent)] == [
        servers.consent + "/consent.js"
    ]  # the runtime is not even fetched
    assert page.evaluate("CookieConsent.validConsent()") is True
    assert page.evaluate("CookieConsent.acceptedCategory('analytics')") is True
    assert page.evaluate("CookieConsent.acceptedService('google-analytics', 'analytics')")
    assert page.evaluate("CookieConsent.acceptedService('other', 'analytics')") is False
    assert page.evaluate("CookieConsent.getUserPreferences().acceptType") == "all"
    assert page.evaluate("CookieConsent.getCookie('consentId')") == stored["consentId"]
    assert page.evaluate("CookieConsent.getCookie()") == stored
    events = page.evaluate("window.ccEvents")
    assert [name for name, _ in events] == ["cc:onReady", "cc:onConsent"]
    assert events[1][1]["cookie"] == stored
    assert [c for c in commands(page) if c[0] == "consent"] == [
        ["consent", "default"],
        ["consent", "update"],
    ]
    assert recorder.errors == []


def test_the_settings_button_starts_python_and_nothing_runs_twice(page, servers, recorder, banner):
    accept_everything(page, servers, banner)
    fresh_page_log(recorder, servers)
    page.add_init_script(RECORD_EVENTS)
    banner.open("/en/product")
    page.wait_for_function("() => window.demoAnalyticsRuns === 1")
    with page.expect_request(RUNTIME):
        page.locator("#cc-settings").click()
    dialog = page.locator("#cc-preferences")
    expect(dialog.get_by_role("switch", name="Analytics", exact=True)).to_be_checked()
    assert page.evaluate("CookieConsentBoot.ready") is True
    assert page.evaluate("window.demoAnalyticsRuns") == 1
    assert [c for c in commands(page) if c[0] == "consent"] == [
        ["consent", "default"],
        ["consent", "update"],
    ]
    assert [name for name, _ in page.evaluate("window.ccEvents")] == ["cc:onReady", "cc:onConsent"]
    expect(page.locator("#cc-settings")).to_have_count(1)
    paths = [hit["path"] for hit in servers.tracker_hits()]
    assert paths.count("/gtag/js") == 1
    assert paths.count("/embed/video") == 1
    assert recorder.errors == []


def test_deciding_calls_start_python_and_are_applied_in_order(page, servers, recorder, banner):
    accept_everything(page, servers, banner)
    consent_id = banner.consent_cookie()["consentId"]
    banner.open("/en/product")
    held = page.evaluate("window.CookieConsent")  # page code may keep the object

    def the_later_call(response) -> bool:  # both are posted; this one comes second
        return response.url.endswith("/api/consent") and '"custom"' in response.request.post_data

    with page.expect_response(the_later_call) as logged:
        page.evaluate(
            """() => { const api = CookieConsent;
                       api.acceptCategory([]); api.acceptCategory(['analytics']);
                       api.showPreferences(); }"""
        )
    assert logged.value.status == 201
    dialog = page.locator("#cc-preferences")
    expect(dialog.get_by_role("switch", name="Analytics", exact=True)).to_be_checked()
    expect(dialog.get_by_role("switch", name="Marketing", exact=True)).not_to_be_checked()
    actions = [(r["action"], r["method"]) for r in servers.records(consent_id)]
    assert actions == [("accept_all", "banner"), ("withdraw", "api"), ("custom", "api")]
    assert set(held) == set(page.evaluate("window.CookieConsent"))
    assert page.evaluate("CookieConsent.acceptedCategory('marketing')") is False
    assert recorder.errors == []


def test_a_refusal_replays_only_the_denials(page, servers, recorder, banner):
    banner.open()
    banner.reject_all()
    visit_without_python(page, servers, recorder)
    assert page.evaluate("CookieConsentBoot.replayed") is True
    assert page.evaluate(DATA_LAYER) == [
        ["consent", "default", DENIED],
        ["consent", "update", DENIED],
    ]
    assert_page_left_the_tracker_alone(servers, recorder)
    assert page.locator("iframe[data-category]").get_attribute("src") is None


def test_a_withdrawal_is_what_the_next_page_replays(page, servers, recorder, banner):
    accept_everything(page, servers, banner)
    page.locator("#cc-settings").click()
    banner.save_preferences(Analytics=False, Marketing=False)
    visit_without_python(page, servers, recorder)
    assert page.evaluate("CookieConsentBoot.replayed") is True
    assert page.evaluate("window.demoAnalyticsRuns") is None
    assert page.evaluate("window.demoAnalyticsWithdrawnRuns") is None
    assert_page_left_the_tracker_alone(servers, recorder)


def _tamper_cookie(page, servers, banner) -> None:
    stored = banner.consent_cookie()
    stored["consentId"] = "00000000-0000-4000-8000-000000000000"
    value = quote(json.dumps(stored), safe="")
    page.context.add_cookies([{"name": "cc_cookie", "value": value, "url": servers.site}])


def _foreign_verdict(page, servers, banner) -> None:
    page.evaluate(
        """() => {
          const verdict = JSON.parse(localStorage.getItem('cc_replay'));
          verdict.key = '0000000000000000';
          localStorage.setItem('cc_replay', JSON.stringify(verdict));
        }"""
    )


def _garbled_verdict(page, servers, banner) -> None:
    page.evaluate("() => localStorage.setItem('cc_replay', '{\"key\":')")


def _no_cookie(page, servers, banner) -> None:
    page.context.clear_cookies()


@pytest.mark.parametrize(
    "change",
    [_tamper_cookie, _foreign_verdict, _garbled_verdict, _no_cookie],
    ids=["changed-cookie", "other-build-or-config", "garbled-verdict", "cookie-gone"],
)
def test_nothing_is_replayed_unless_python_judged_this_cookie(
    page, servers, recorder, banner, change
):
    accept_everything(page, servers, banner)
    change(page, servers, banner)
    visit_without_python(page, servers, recorder)
    assert page.evaluate("CookieConsentBoot.replayed") is False
    assert page.evaluate("window.demoAnalyticsRuns") is None
    # Only Consent Mode's default, which the loader pushes on every page it does not replay.
    pushed = page.evaluate("window.dataLayer.map((command) => [command[1], command[2]])")
    assert [command for command, _ in pushed] == ["default"]
    assert set(pushed[0][1].values()) == {"denied"}
    assert_page_left_the_tracker_alone(servers, recorder)
    assert recorder.errors == []


def test_a_verdict_ends_with_the_consent_lifetime(page, servers, recorder, banner):
    start = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    page.clock.install(time=start)
    accept_everything(page, servers, banner)
    page.clock.set_fixed_time(start + timedelta(days=182, hours=1))
    visit_without_python(page, servers, recorder)
    assert page.evaluate("CookieConsentBoot.replayed") is False
    assert_page_left_the_tracker_alone(servers, recorder)
