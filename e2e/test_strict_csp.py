"""The banner under the strictest CSP a site may have: no 'unsafe-eval', no inline scripts.

The demo site here sends ``script-src 'self' <consent server> 'nonce-…';
style-src 'self' 'nonce-…'; object-src 'none'; base-uri 'none'``
(demo_site/csp.py, the policy docs/embed.md gives) and a fresh nonce on
the banner's tag, and the page records every ``securitypolicyviolation``
from its first script on. Each visit must end with none: a violation is
either a broken banner or a report the site owner would receive on every
page view.
"""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from demo_site import create_app as create_demo_app
from demo_site import start_server
from e2e.assertions import analytics_cookies, assert_tracker_untouched
from e2e.banner_actions import BannerActions
from e2e.conftest import Deferred, LabPages, Servers
from server import create_app as create_consent_app

RECORD_VIOLATIONS = """
window.ccViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.ccViolations.push([event.violatedDirective, event.blockedURI,
                           event.sourceFile + ":" + event.lineNumber].join(" "));
});
"""


@pytest.fixture(scope="module")
def strict(servers, tmp_path_factory):
    """A demo site under the strict CSP, with a consent server that accepts its decisions."""
    site_app = Deferred()
    site, site_url = start_server(site_app, url_host="localhost")
    app = create_consent_app(
        {
            "DATABASE_URL": f"sqlite:///{Path(tmp_path_factory.mktemp('csp')) / 'c.sqlite'}",
            "ALLOWED_ORIGINS": [site_url],
            "SECRET_KEY": "e2e",
            "RATELIMIT_ENABLED": False,
        }
    )
    consent, consent_url = start_server(app)
    site_app.app = create_demo_app(consent_url, servers.tracker, strict_csp=True)
    yield Servers(site_url, consent_url, servers.tracker, LabPages(site_app))
    for server in (site, consent):
        server.shutdown()
        server.server_close()


@pytest.fixture
def banner(page, strict, recorder):
    page.add_init_script(RECORD_VIOLATIONS)

    def on_console(message) -> None:
        if "Security Policy" in message.text:
            recorder.errors.append(message.text)

    page.on("console", on_console)
    return BannerActions(page, strict)


def assert_no_violations(page, recorder) -> None:
    assert page.evaluate("window.ccViolations") == []
    assert recorder.errors == []


def test_the_policy_is_strict(page, strict, banner):
    response = page.goto(strict.site + "/en/")
    policy = response.headers["content-security-policy"]
    assert "unsafe-eval" not in policy and "unsafe-inline" not in policy
    assert f"script-src 'self' {strict.consent} 'nonce-" in policy
    assert "style-src 'self' 'nonce-" in policy


def test_accept_then_a_returning_visitor(page, strict, recorder, banner):
    banner.open()
    expect(banner.consent_modal).to_be_visible()
    assert_tracker_untouched(strict, recorder)
    assert_no_violations(page, recorder)
    with page.expect_request(strict.tracker + "/collect*"):
        record = banner.accept_all()
    assert record["action"] == "accept_all"
    assert page.evaluate("window.demoAnalyticsRuns") == 1  # activated with the page's nonce
    assert_no_violations(page, recorder)
    with page.expect_request(strict.tracker + "/collect*"):
        page.goto(strict.site + "/en/product")
    expect(page.locator("#cc-settings")).to_be_visible()
    expect(banner.consent_modal).to_have_count(0)
    page.wait_for_function("() => window.demoAnalyticsRuns === 1")
    assert_no_violations(page, recorder)


def test_reject_runs_nothing(page, strict, recorder, banner):
    banner.open()
    assert banner.reject_all()["action"] == "reject_all"
    page.goto(strict.site + "/en/product")
    expect(page.locator("#cc-settings")).to_be_visible()
    assert page.evaluate("window.demoAnalyticsRuns") is None
    assert_tracker_untouched(strict, recorder)
    assert_no_violations(page, recorder)


def test_preferences_then_withdrawal(page, strict, recorder, banner):
    banner.open()
    banner.open_preferences()
    with page.expect_request(strict.tracker + "/collect*"):
        assert banner.save_preferences(Analytics=True)["action"] == "custom"
    assert_no_violations(page, recorder)
    page.goto(strict.site + "/en/contact")
    page.wait_for_function("() => window.demoAnalyticsRuns === 1")
    page.locator("#cc-settings").click()
    dialog = page.locator("#cc-preferences")
    expect(dialog.get_by_role("switch", name="Analytics", exact=True)).to_be_checked()
    assert banner.save_preferences(Analytics=False)["action"] == "withdraw"
    assert analytics_cookies(banner.cookie_names()) == []
    assert page.evaluate("window.demoAnalyticsWithdrawnRuns") == 1
    assert_no_violations(page, recorder)
