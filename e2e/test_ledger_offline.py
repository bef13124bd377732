"""A decision made while the consent server is down is applied at once and stored once later."""

import json
import urllib.request

from demo_site import start_server
from e2e.banner_actions import first_input
from e2e.lab import lab_page
from server import create_app as create_consent_app

ANALYTICS = (
    '<script type="text/plain" data-category="analytics">window.analyticsRan = true</script>'
)


def stop(server) -> None:
    server.shutdown()
    server.server_close()


def records(consent_url: str, consent_id: str, access_key: str) -> list:
    request = urllib.request.Request(
        f"{consent_url}/api/consent/{consent_id}",
        headers={"Authorization": f"Bearer {access_key}"},
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.load(response)["records"]


def test_a_decision_made_while_the_ledger_is_down_is_kept_and_stored_once(
    page, servers, recorder, tmp_path
):
    app = create_consent_app(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'offline.sqlite'}",
            "ALLOWED_ORIGINS": [servers.site],
            "SECRET_KEY": "offline",
            "RATELIMIT_ENABLED": False,
        }
    )
    server, consent_url = start_server(app)
    port = server.server_port
    try:
        page.goto(lab_page(page, servers, "offline", ANALYTICS, consent=consent_url))
        first_input(page)  # the visitor moves: the runtime arrives and Python runs
        stop(server)  # the ledger goes away after the banner has loaded

        def posted(request) -> bool:
            return request.url == consent_url + "/api/consent"

        with page.expect_event("requestfailed", predicate=posted):
            page.get_by_role("button", name="Accept all").first.click()
        # The choice counts on the device straight away, whatever the ledger does.
        assert page.evaluate("window.analyticsRan") is True
        assert page.evaluate("CookieConsent.acceptedCategory('analytics')") is True
        (unsent,) = json.loads(page.evaluate("localStorage.getItem('cc_unsent')"))
        assert unsent["action"] == "accept_all"
        consent_id = page.evaluate("CookieConsent.getCookie('consentId')")
        assert unsent["consentId"] == consent_id

        server, _ = start_server(app, port=port)  # back, on the same address
        with page.expect_response(posted) as answered:
            page.goto(lab_page(page, servers, "offline-later", "<p>later</p>", consent=consent_url))
        assert answered.value.status == 201
        page.wait_for_function("() => localStorage.getItem('cc_unsent') === null")
        page.wait_for_function("() => localStorage.getItem('cc_access') !== null")
        access = json.loads(page.evaluate("localStorage.getItem('cc_access')"))
        assert access["consentId"] == consent_id
        stored = records(consent_url, consent_id, access["accessKey"])
        assert [r["action"] for r in stored] == ["accept_all"]
        assert stored[0]["pageUrl"] == f"{servers.site}/lab/offline"  # where the choice was made
        assert len([r for r in recorder.requests if posted(r)]) == 2  # the failed post, the retry
        assert not recorder.errors
    finally:
        stop(server)
