"""vanilla-cookieconsent 3.1.0's API, events and markup, as a page written for vanilla uses them.

One test per gap issue 14 found; each failed before the fix.
"""

import re

from playwright.sync_api import expect

from banner.names import API_METHODS
from e2e.banner_actions import BannerActions, first_input
from e2e.lab import API_READY, lab_page, serve_script


def open_lab(
    page, servers, name: str, body: str = "<p>x</p>", ready=API_READY, moved=True, **options
) -> BannerActions:
    """A lab page whose API answers; ``moved``: the visitor's first input started Python
    (else the loader's API answers alone until something starts it)."""
    page.goto(lab_page(page, servers, name, body, **options))
    page.wait_for_function(ready)
    if moved:
        first_input(page)
    return BannerActions(page, servers)


def test_every_vanilla_method_is_a_function(page, servers, recorder):
    open_lab(page, servers, "surface")
    missing = page.evaluate(
        "names => names.filter(n => typeof CookieConsent[n] !== 'function')", list(API_METHODS)
    )
    assert missing == []


def test_accept_category_without_arguments_accepts_only_what_is_switched_on(
    page, servers, recorder
):
    banner = open_lab(page, servers, "accept-current")
    page.evaluate("CookieConsent.acceptCategory()")
    assert banner.consent_cookie()["categories"] == ["necessary"]
    page.evaluate("CookieConsent.showPreferences()")
    page.locator('input[data-cc-category="analytics"]').check()
    page.evaluate("CookieConsent.acceptCategory()")
    assert banner.consent_cookie()["categories"] == ["necessary", "analytics"]
    assert page.evaluate("CookieConsent.getUserPreferences().acceptType") == "custom"


def test_accept_service_set_cookie_data_get_config_valid_cookie(page, servers, recorder):
    banner = open_lab(page, servers, "services")
    assert page.evaluate("CookieConsent.setCookieData({value: {a: 1}})") is False  # no consent
    page.evaluate("CookieConsent.acceptService('video-embed', 'marketing')")
    assert banner.consent_cookie()["services"]["marketing"] == ["video-embed"]
    page.evaluate("CookieConsent.acceptService([], 'marketing')")
    assert banner.consent_cookie()["categories"] == ["necessary"]
    assert page.evaluate("CookieConsent.setCookieData({value: {a: 1}})") is True
    assert page.evaluate("CookieConsent.setCookieData({value: {b: 2}, mode: 'update'})") is True
    assert page.evaluate("CookieConsent.setCookieData({value: {b: 2}, mode: 'update'})") is False
    assert page.evaluate("CookieConsent.getCookie('data')") == {"a": 1, "b": 2}
    assert banner.consent_cookie()["data"] == {"a": 1, "b": 2}
    assert page.evaluate("Object.keys(CookieConsent.getConfig('categories'))") == [
        "necessary",
        "analytics",
        "marketing",
    ]
    assert page.evaluate("CookieConsent.getConfig().cookie.name") == "cc_cookie"
    assert page.evaluate("CookieConsent.validCookie('cc_cookie')") is True
    assert page.evaluate("CookieConsent.validCookie('nothing_here')") is False
    assert recorder.errors == []


def test_load_script_is_a_promise_of_whether_it_loaded_and_carries_the_nonce(
    page, servers, recorder
):
    script = serve_script(page, servers, "late.js", "window.lateRan = true;")
    policy = "script-src 'nonce-n0nce' 'unsafe-eval'; default-src *"
    open_lab(
        page,
        servers,
        "load-script",
        script_attrs='nonce="n0nce"',
        ready="() => window.CookieConsentBoot && CookieConsentBoot.announced",  # no ccEvents
        headers={"Content-Security-Policy": policy},
    )
    loaded = f"CookieConsent.loadScript({script!r}, {{'data-x': 'y'}})"
    assert page.evaluate(loaded) is True
    assert page.evaluate("window.lateRan") is True
    assert page.evaluate(f"document.querySelector('script[src=\"{script}\"]').dataset.x") == "y"
    assert page.evaluate(loaded) is True  # already on the page
    assert page.evaluate(f"CookieConsent.loadScript({servers.site + '/lab/none.js'!r})") is False


def test_get_cookie_before_consent_set_language_and_show_true(page, servers, recorder):
    banner = open_lab(page, servers, "reading")
    assert page.evaluate("CookieConsent.getCookie()") == {}
    assert page.evaluate("CookieConsent.getCookie().categories") is None  # undefined, no throw
    assert page.evaluate("CookieConsent.setLanguage('nl') instanceof Promise") is True
    expect(page.get_by_role("button", name="Alles weigeren")).to_be_visible()
    assert page.evaluate("CookieConsent.setLanguage('xx')") is False
    assert page.evaluate("CookieConsent.setLanguage('en')") is True
    banner.reject_all()
    page.evaluate("CookieConsent.show(true)")
    expect(banner.consent_modal).to_be_visible()


def test_erase_cookies_takes_regexps_and_a_domain(page, servers, recorder):
    banner = open_lab(page, servers, "erase")
    page.evaluate("document.cookie = '_hjSession_1=a; path=/'; document.cookie = '_hjId=b; path=/'")
    page.evaluate("document.cookie = 'keep=c; path=/'")
    page.evaluate("CookieConsent.eraseCookies(/^_hj/)")
    assert {"_hjSession_1", "_hjId"} & set(banner.cookie_names()) == set()
    page.evaluate("document.cookie = 'one=1; path=/'")
    page.evaluate("CookieConsent.eraseCookies(['one', /^nothing/], '/', location.hostname)")
    assert "one" not in banner.cookie_names() and "keep" in banner.cookie_names()


def test_run_never_throws_honours_callbacks_and_says_what_differs_once(page, servers, recorder):
    warnings = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    head = """<script>
    window.calls = [];
    function note(name) { return function (p) { calls.push([name, (p && p.modalName) || null]); }; }
    window.addEventListener('cc:onReady', function () {
      CookieConsent.run(undefined); CookieConsent.run(42);
      window.ran = CookieConsent.run({
        categories: {necessary: {readOnly: true}, ads: {}, analytics: {services: {
          'google-analytics': {onAccept: note('ga on'), onReject: note('ga off')}}}},
        language: {default: 'en', translations: {en: {}}},
        onFirstConsent: note('first'), onConsent: note('consent'), onChange: note('change'),
        onModalReady: note('ready'), onModalShow: note('show'), onModalHide: note('hide')});
      CookieConsent.run({categories: {ads: {}}});
    });</script>"""
    banner = open_lab(page, servers, "run", head=head, moved=False)  # the loader's run()
    assert page.evaluate("window.ran instanceof Promise") is True
    expect(banner.consent_modal).to_be_visible()
    banner.accept_all()
    page.evaluate("CookieConsent.acceptCategory([])")
    assert page.evaluate("window.calls") == [
        ["ready", "consentModal"],
        ["show", "consentModal"],
        ["hide", "consentModal"],
        ["first", None],
        ["consent", None],
        ["ga on", None],
        ["change", None],
        ["ga off", None],
    ]
    said = [w for w in warnings if "run() follows the site config" in w]
    assert len(said) == 1 and "category 'ads' is not in the site config" in said[0]
    assert recorder.errors == []
    page.reload()  # a returning visitor: onConsent on this page load, once
    page.wait_for_function("() => window.calls && window.calls.length === 1")
    assert page.evaluate("window.calls") == [["consent", None]]  # refused: no service call


def test_accept_custom_trigger_accepts_what_is_switched_on(page, servers, recorder):
    body = '<button type="button" data-cc="accept-custom">save my choice</button>'
    banner = open_lab(page, servers, "accept-custom", body)
    page.get_by_role("button", name="save my choice").click()
    page.wait_for_function("() => CookieConsent.validConsent()")
    assert banner.consent_cookie()["categories"] == ["necessary"]


def test_a_withdrawn_service_runs_when_its_whole_category_is_withdrawn(page, servers, recorder):
    body = """<script type="text/plain" data-category="analytics"
      data-service="!google-analytics">window.gaWithdrawn = true;</script>"""
    banner = open_lab(page, servers, "service-withdrawn", body)
    banner.accept_all()
    page.evaluate("CookieConsent.acceptCategory([])")
    page.wait_for_function("() => window.gaWithdrawn === true")


def test_vanillas_classes_roles_and_css_variables(page, servers, recorder):
    head = "<style>#cc-main{--cc-bg:rgb(1, 2, 3)}</style>"
    banner = open_lab(page, servers, "classes", head=head)
    expect(page.locator("html")).to_have_class("show--consent")
    box = page.locator("#cc-main .cm-wrapper.cm")
    expect(box).to_be_visible()
    expect(box).to_have_css("background-color", "rgb(1, 2, 3)")
    expect(page.locator(".cm__btn[data-role=all]")).to_have_text("Accept all")
    expect(page.locator(".cm__btn[data-role=necessary]")).to_have_text("Reject all")
    page.locator(".cm__btn[data-role=show]").click()
    expect(page.locator("html")).to_have_class("show--consent show--preferences")
    expect(page.locator("#cc-main .pm")).to_be_visible()
    expect(page.locator(".pm__btn[data-role=necessary]")).to_have_text("Reject all")
    page.locator(".pm__btn[data-role=save]").click()
    expect(page.locator("html")).not_to_have_class(re.compile("show--"))
    assert banner.consent_cookie()["categories"] == ["necessary"]
