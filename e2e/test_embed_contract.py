"""The public embed contract: markup, window.CookieConsent, events, language, nonce."""

from playwright.sync_api import expect

from e2e.banner_actions import STARTED, BannerActions
from e2e.lab import lab_page, serve_script


def wait_ready(page) -> None:
    page.wait_for_function(STARTED)


def test_scripts_run_in_document_order_once_each(page, servers, recorder):
    first = serve_script(
        page, servers, "one.js", "window.order = (window.order || []).concat('1');"
    )
    third = serve_script(page, servers, "three.js", "window.order = window.order.concat('3');")
    url = lab_page(
        page,
        servers,
        "order",
        f"""
        <script type="text/plain" data-category="analytics" data-src="{first}"></script>
        <script type="text/plain" data-category="analytics">
          window.order = window.order.concat('2');</script>
        <script type="text/plain" data-category="analytics" src="{third}"></script>
        <script type="text/plain" data-category="analytics">
          window.order = window.order.concat('4');</script>
        <script type="text/plain" data-category="marketing">
          window.order = window.order.concat('no');</script>
    """,
    )
    page.goto(url)
    wait_ready(page)
    page.evaluate("CookieConsent.acceptCategory('analytics')")
    page.wait_for_function("() => window.order && window.order.length === 4")
    page.evaluate("CookieConsent.acceptCategory('all')")  # a second decision runs nothing twice
    page.wait_for_function("() => window.order.length === 5")
    assert page.evaluate("window.order") == ["1", "2", "3", "4", "no"]
    assert recorder.errors == []


def test_data_type_module_and_live_attributes_are_kept(page, servers, recorder):
    url = lab_page(
        page,
        servers,
        "module",
        """
        <script type="text/plain" data-category="analytics" data-type="module" id="mod"
                data-extra="kept">window.moduleRan = import.meta !== undefined;</script>
    """,
    )
    page.goto(url)
    wait_ready(page)
    page.evaluate("CookieConsent.acceptCategory(['analytics'])")
    page.wait_for_function("() => window.moduleRan === true")
    script = page.locator("#mod")
    expect(script).to_have_attribute("type", "module")
    expect(script).to_have_attribute("data-extra", "kept")


def test_nonce_of_the_embed_tag_is_copied_to_activated_scripts(page, servers, recorder):
    policy = "script-src 'nonce-r4nd0m'; img-src *; default-src *"
    url = lab_page(
        page,
        servers,
        "csp",
        """
        <script type="text/plain" data-category="analytics">window.nonceRan = true;</script>
    """,
        script_attrs='nonce="r4nd0m"',
        head='<script nonce="r4nd0m">window.labHead = 1;</script>',
        headers={"Content-Security-Policy": policy},
    )
    page.goto(url)
    wait_ready(page)
    page.evaluate("CookieConsent.acceptCategory('analytics')")
    page.wait_for_function("() => window.nonceRan === true")


def test_api_methods_follow_vanilla_cookieconsent(page, servers, recorder):
    banner = BannerActions(page, servers)
    url = lab_page(page, servers, "api", "<p>api</p>")
    page.goto(url)
    wait_ready(page)
    assert page.evaluate("CookieConsent.validConsent()") is False
    assert page.evaluate("CookieConsent.getCookie()") == {}
    assert page.evaluate("CookieConsent.getUserPreferences().acceptType") == "necessary"
    with page.expect_response(lambda r: r.url.endswith("/api/consent")) as response:
        page.evaluate("CookieConsent.acceptCategory(['analytics', 'marketing'], ['marketing'])")
    assert response.value.status == 201
    consent_id = banner.consent_cookie()["consentId"]
    assert [r["action"] for r in servers.records(consent_id)] == ["custom"]
    expect(banner.consent_modal).to_have_count(0)
    assert page.evaluate("CookieConsent.validConsent()") is True
    assert page.evaluate("CookieConsent.acceptedCategory('analytics')") is True
    assert page.evaluate("CookieConsent.acceptedCategory('marketing')") is False
    assert page.evaluate("CookieConsent.acceptedService('google-analytics', 'analytics')") is True
    assert (
        page.evaluate("CookieConsent.getCookie('consentId')")
        == banner.consent_cookie()["consentId"]
    )
    assert page.evaluate("CookieConsent.getUserPreferences().rejectedCategories") == ["marketing"]
    page.evaluate("CookieConsent.showPreferences()")
    expect(page.locator("#cc-preferences")).to_be_visible()
    page.evaluate("CookieConsent.hidePreferences()")
    expect(page.locator("#cc-preferences")).to_have_count(0)
    page.evaluate("CookieConsent.show()")
    expect(banner.consent_modal).to_be_visible()
    page.evaluate("CookieConsent.hide()")
    expect(banner.consent_modal).to_have_count(0)
    page.evaluate("document.cookie = '_ga_TEST=1; path=/'")
    page.evaluate("CookieConsent.eraseCookies(['_ga_*'])")
    assert "_ga_TEST" not in banner.cookie_names()
    page.evaluate("CookieConsent.reset(true)")
    assert banner.consent_cookie() is None
    assert page.evaluate("CookieConsent.validConsent()") is False


def test_events_and_the_ready_queue(page, servers, recorder):
    url = lab_page(
        page,
        servers,
        "events",
        "<p>events</p>",
        head="""<script>
        (window.CookieConsentQueue = window.CookieConsentQueue || []).push(function (api) {
          window.queued = typeof api.acceptedCategory;
        });</script>""",
    )
    page.goto(url)
    wait_ready(page)
    assert page.evaluate("window.queued") == "function"
    assert page.evaluate("window.ccEvents") == ["cc:onReady", "cc:onModalReady", "cc:onModalShow"]
    page.evaluate("CookieConsent.acceptCategory('analytics')")
    page.evaluate("CookieConsent.acceptCategory(['analytics'])")  # the same again: no change
    page.evaluate("CookieConsent.acceptCategory([])")
    # Kept by the loader, applied in order once Python runs (the calls start it).
    page.wait_for_function("window.ccEvents.length >= 7")
    # As vanilla: onConsent on the first decision only, onChange only on a real change.
    assert page.evaluate("window.ccEvents")[3:] == [
        "cc:onModalHide",
        "cc:onFirstConsent",
        "cc:onConsent",
        "cc:onChange",
    ]
    page.evaluate(
        "window.CookieConsentQueue.push(function (api) { window.late = api.validConsent(); })"
    )
    assert page.evaluate("window.late") is True


def test_trigger_attributes(page, servers, recorder):
    banner = BannerActions(page, servers)
    url = lab_page(
        page,
        servers,
        "triggers",
        """
        <button type="button" data-cc="show-preferencesModal">prefs</button>
        <a href="#" data-cc="accept-necessary">necessary only</a>
        <button type="button" data-cc="accept-all"><span>all</span></button>
        <button type="button" data-cc="show-consentModal">ask again</button>
    """,
    )
    page.goto(url)
    wait_ready(page)
    page.get_by_role("button", name="prefs").click()
    expect(page.locator("#cc-preferences")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#cc-preferences")).to_have_count(0)
    page.get_by_role("link", name="necessary only").click()
    assert banner.consent_cookie()["categories"] == ["necessary"]
    page.get_by_text("all", exact=True).click()
    page.wait_for_function("() => CookieConsent.acceptedCategory('marketing')")
    page.get_by_role("button", name="ask again").click()
    expect(banner.consent_modal).to_be_visible()


def test_language_from_script_attribute_then_page_then_browser(page, servers, recorder, browser):
    url = lab_page(page, servers, "data-lang", "<p>x</p>", script_attrs='data-lang="nl"')
    page.goto(url)
    expect(page.get_by_role("button", name="Alles weigeren")).to_be_visible()
    wait_ready(page)  # the loader paints before the API exists
    page.evaluate("CookieConsent.setLanguage('en')")
    expect(page.get_by_role("button", name="Reject all")).to_be_visible()
    context = browser.new_context(locale="nl-NL")
    try:
        other = context.new_page()
        url = lab_page(other, servers, "no-lang", "<p>x</p>", lang="")
        other.goto(url)
        expect(other.get_by_role("button", name="Alles accepteren")).to_be_visible()
    finally:
        context.close()
