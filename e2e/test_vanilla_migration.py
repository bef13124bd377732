"""Switching a live site from vanilla-cookieconsent 3.1.0 to our tag, proven with vanilla itself.

Real vanilla (pinned in package-lock.json, ``benchmarks/vanilla.py``) and our
banner run on the same origin under a real host name, where vanilla writes
``cc_cookie`` with ``Domain=<host>``. The site config declares vanilla's
default revision (0), as ``import-vanilla`` writes it.
"""

import json
from urllib.parse import quote, unquote

import pytest
from playwright.sync_api import expect

from benchmarks.vanilla import vanilla_files
from e2e.lab import API_READY, lab_page

# The page's own run() call, as vanilla's documentation writes it (hideFromBots
# off: vanilla stays hidden from a browser driven by Playwright otherwise).
VANILLA_RUN = """{
  hideFromBots: false,
  categories: {necessary: {enabled: true, readOnly: true}, analytics: {}, marketing: {}},
  language: {default: 'en', translations: {en: {
    consentModal: {title: 'Old banner', acceptAllBtn: 'Vanilla accept',
                   acceptNecessaryBtn: 'Vanilla reject', showPreferencesBtn: 'Vanilla manage'},
    preferencesModal: {title: 'Old preferences', sections: []}}}}
}"""


def tracker_tag(servers) -> str:
    return (
        '<script type="text/plain" data-category="analytics" '
        f'data-src="{servers.tracker}/gtag/js?id=G-DEMO"></script>'
    )


def vanilla_page(servers) -> str:
    for name, body in vanilla_files().items():
        kind = "text/css" if name.endswith(".css") else "text/javascript"
        servers.lab.pages[f"/lab/vanilla/{name}"] = (kind, body.decode("utf-8"), {})
    html = (
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>vanilla</title>"
        '<link rel="stylesheet" href="/lab/vanilla/cookieconsent.css"></head><body>'
        f"<main><h1>Shop</h1></main>{tracker_tag(servers)}"
        '<script src="/lab/vanilla/cookieconsent.umd.js"></script>'
        f"<script>window.ccRun = CookieConsent.run({VANILLA_RUN});</script></body></html>"
    )
    servers.lab.pages["/lab/vanilla.html"] = ("text/html; charset=utf-8", html, {})
    return servers.named_site + "/lab/vanilla.html"


@pytest.fixture
def ours(page, servers, consent_server_with):
    """Our tag on the same site, its consent server declaring vanilla's revision 0."""
    consent = consent_server_with(lambda config: config.update(vanillaRevision=0))
    url = lab_page(page, servers, "ours", tracker_tag(servers), consent=consent)
    return url.replace(servers.site, servers.named_site)


def consent_cookies(page, servers) -> list:
    found = [c for c in page.context.cookies(servers.named_site) if c["name"] == "cc_cookie"]
    return [dict(c, value=json.loads(unquote(c["value"]))) for c in found]


def tracker_requests(recorder, servers, since: int = 0) -> list:
    return [r.url for r in recorder.requests[since:] if r.url.startswith(servers.tracker)]


def open_ours(page, url) -> None:
    page.goto(url)
    page.wait_for_function(API_READY)


@pytest.mark.parametrize(
    ("button", "analytics"), [("Vanilla accept", True), ("Vanilla reject", False)]
)
def test_a_choice_made_under_vanilla_is_honoured_without_asking(
    page, servers, recorder, ours, button, analytics
):
    page.goto(vanilla_page(servers))
    page.get_by_role("button", name=button).click()
    (stored,) = consent_cookies(page, servers)
    assert stored["domain"] == "." + servers.named_site.split("//")[1].split(":")[0]
    assert stored["value"]["revision"] == 0
    mark = len(recorder.requests)
    open_ours(page, ours)
    expect(page.locator("#cc-consent")).to_have_count(0)
    assert page.evaluate("CookieConsent.acceptedCategory('analytics')") is analytics
    if analytics:
        page.wait_for_function("() => CookieConsent.getUserPreferences().acceptType === 'all'")
        expect(page.locator("script[src*='/gtag/js']")).to_have_count(1)
    else:
        assert tracker_requests(recorder, servers, mark) == []
    assert recorder.errors == []


def test_a_later_choice_in_ours_wins_everywhere_and_vanilla_reads_it_back(
    page, servers, recorder, ours
):
    vanilla = vanilla_page(servers)
    page.goto(vanilla)
    page.get_by_role("button", name="Vanilla accept").click()
    open_ours(page, ours)
    expect(page.locator("script[src*='/gtag/js']")).to_have_count(1)
    page.evaluate("CookieConsent.showPreferences()")
    with page.expect_response(lambda r: r.url.endswith("/api/consent")):
        page.locator("#cc-preferences").get_by_role("button", name="Reject all").click()
    (stored,) = consent_cookies(page, servers)  # vanilla's Domain copy is gone
    assert stored["value"]["categories"] == ["necessary"]
    mark = len(recorder.requests)
    open_ours(page, ours)
    expect(page.locator("#cc-consent")).to_have_count(0)
    page.goto(vanilla)
    page.wait_for_function("() => window.ccRun !== undefined")
    expect(page.get_by_role("button", name="Vanilla accept")).to_have_count(0)
    assert page.evaluate("CookieConsent.validConsent()") is True  # vanilla's own API
    assert page.evaluate("CookieConsent.acceptedCategory('analytics')") is False
    assert tracker_requests(recorder, servers, mark) == []
    assert len(consent_cookies(page, servers)) == 1


def test_of_two_copies_left_by_an_earlier_banner_the_later_choice_holds(
    page, servers, recorder, ours
):
    """A visitor whose browser holds vanilla's Domain copy (accept, older) beside a
    host-only one (refusal, later), as today's main wrote them: the refusal holds."""
    host = servers.named_site.split("//")[1].split(":")[0]

    def value(categories: list, last: str) -> str:
        cookie = {
            "categories": categories,
            "revision": 0,
            "data": None,
            "consentId": "3f1c2a4e-9b7d-4c21-8e5f-0a1b2c3d4e5f",
            "consentTimestamp": "2026-01-01T00:00:00.000Z",
            "lastConsentTimestamp": last,
            "services": {},
            "languageCode": "en",
            "expirationTime": 4102444800000,
        }
        return quote(json.dumps(cookie))

    accept = value(["necessary", "analytics", "marketing"], "2026-01-01T00:00:00.000Z")
    refuse = value(["necessary"], "2026-02-01T00:00:00.000Z")
    page.context.add_cookies(
        [
            {"name": "cc_cookie", "value": accept, "domain": "." + host, "path": "/"},
            {"name": "cc_cookie", "value": refuse, "url": servers.named_site},
        ]
    )
    open_ours(page, ours)
    expect(page.locator("#cc-consent")).to_have_count(0)
    assert page.evaluate("CookieConsent.acceptedCategory('analytics')") is False
    assert tracker_requests(recorder, servers) == []
