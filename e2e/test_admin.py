"""The data-protection officer's dashboard, opened in Chromium (issue 3, item 7)."""

from playwright.sync_api import expect

from e2e.banner_actions import BannerActions


def test_admin_needs_the_token(page, servers):
    # Chromium turns a Basic challenge without credentials into a navigation
    # error, so the refusal is read through the same context's request API.
    response = page.request.get(servers.consent + "/admin")
    assert response.status == 401
    assert "svg" not in response.text()
    wrong = page.request.get(servers.consent + "/admin", headers={"Authorization": "Bearer nope"})
    assert wrong.status == 401


def test_admin_shows_charts_and_the_decision_just_made(page, servers, recorder, browser):
    banner = BannerActions(page, servers)
    banner.open()
    record = banner.reject_all()
    context = browser.new_context(
        extra_http_headers={"Authorization": "Bearer e2e-admin-token-of-32-characters-at-least"}
    )
    try:
        admin = context.new_page()
        response = admin.goto(servers.consent + "/admin")
        assert response.status == 200
        expect(admin.get_by_role("status")).to_contain_text("Ledger verified up to record")
        expect(admin.locator("figure[aria-label='Decisions per day'] svg")).to_be_visible()
        expect(
            admin.locator("figure[aria-label='Acceptance rate per category'] svg")
        ).to_be_visible()
        row = admin.get_by_role("row").filter(has_text=record["consentId"])
        expect(row).to_contain_text("reject_all")
    finally:
        context.close()
