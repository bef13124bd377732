"""The loader paints the consent modal before Brython runs; Python adopts it.

Issue 6's speed work must not cost a single guarantee: a click on the painted
layer before the runtime has run counts once Python runs, and nothing is
activated before that, whatever was clicked.
"""

import re

import pytest
from playwright.sync_api import expect

from e2e.assertions import analytics_cookies, assert_tracker_untouched
from e2e.banner_actions import (
    NO_COOKIE_STORE,
    PYTHON_RUNS,
    SILENT_COOKIE_STORE,
    first_input,
)
from e2e.lab import HeldParser, lab_page

RUNTIME = re.compile(r"/consent\.[0-9a-f]{16}\.js$")

# Remember the first #cc-consent the page ever had, whether Brython existed then,
# and whether <html> had vanilla's show--consent class with it.
WATCH_CONSENT_MODAL = """
new MutationObserver(function (changes, observer) {
  var box = document.getElementById("cc-consent");
  if (box) {
    window.ccFirstBox = box;
    window.ccPaintedBeforeBrython = typeof window.__BRYTHON__ === "undefined";
    window.ccPaintedShowConsent = document.documentElement.classList.contains("show--consent");
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""


def test_python_adopts_the_layer_the_loader_painted(page, banner, recorder):
    page.add_init_script(WATCH_CONSENT_MODAL)
    banner.open()
    assert page.evaluate("window.ccPaintedBeforeBrython") is True
    assert page.evaluate("window.ccPaintedShowConsent") is True
    assert page.evaluate("document.getElementById('cc-consent') === window.ccFirstBox") is True
    assert page.evaluate("document.querySelectorAll('#cc-main, #cc-style').length") == 2
    expect(banner.consent_modal).to_be_focused()
    first_input(page)
    assert page.evaluate("document.getElementById('cc-consent') === window.ccFirstBox") is True
    expect(page.locator("#cc-main .cc-spacer")).to_have_count(1)  # Python's
    expect(banner.consent_modal).to_be_focused()
    links = banner.consent_modal.locator("a")
    assert links.nth(0).get_attribute("href") == banner.servers.consent + "/privacy?lang=en"
    assert recorder.errors == []


@pytest.mark.parametrize(
    ("button", "action"), [("Accept all", "accept_all"), ("Reject all", "reject_all")]
)
def test_a_click_before_the_runtime_runs_counts_and_nothing_runs_before(
    page, servers, recorder, banner, button, action
):
    held = []
    page.route(RUNTIME, lambda route: held.append(route))
    page.goto(servers.site + "/en/")
    banner.consent_modal.get_by_role("button", name=button, exact=True).click()
    assert page.evaluate("CookieConsentBoot.pending") == button.lower().replace(" ", "-")
    # answered at once: the layer shows it is saving, and claims nothing yet
    expect(banner.consent_modal).to_have_attribute("aria-busy", "true")
    expect(banner.consent_modal).to_have_class(re.compile(r"\bcc-working\b"))
    assert page.evaluate("CookieConsentBoot.ready") is False  # Python has not run
    assert page.evaluate("CookieConsent.validConsent()") is False
    assert banner.consent_cookie() is None
    assert_tracker_untouched(servers, recorder)

    with page.expect_response(lambda r: r.url.endswith("/api/consent")) as logged:
        held[0].continue_()
    assert logged.value.status == 201
    expect(banner.consent_modal).to_have_count(0)
    (record,) = servers.records(banner.consent_cookie()["consentId"])  # once
    assert (record["action"], record["method"]) == (action, "banner")
    if action == "reject_all":
        assert_tracker_untouched(servers, recorder)
        assert analytics_cookies(banner.cookie_names()) == []
    else:
        page.wait_for_function("window.demoAnalyticsRuns === 1")
    assert recorder.errors == []


def test_a_press_never_looks_saved_when_the_runtime_cannot_start(page, servers, recorder, banner):
    held = []
    page.route(RUNTIME, lambda route: held.append(route))
    page.goto(servers.site + "/en/")
    banner.consent_modal.get_by_role("button", name="Accept all", exact=True).click()
    expect(banner.consent_modal).to_have_attribute("aria-busy", "true")
    held[0].abort()
    # The layer is back as it was: nothing was saved, so nothing may look saved.
    expect(banner.consent_modal).not_to_have_attribute("aria-busy", "true")
    expect(banner.consent_modal).not_to_have_class(re.compile(r"\bcc-working\b"))
    expect(banner.consent_modal.get_by_role("button", name="Accept all")).to_be_visible()
    assert banner.consent_cookie() is None
    assert page.evaluate("CookieConsent.validConsent()") is False
    assert page.evaluate("sessionStorage.getItem('cc_pending')") is None
    assert recorder.urls(servers.consent + "/api/") == []
    assert_tracker_untouched(servers, recorder)


@pytest.mark.parametrize(
    ("button", "action"), [("Reject all", "reject_all"), ("Accept all", "accept_all")]
)
def test_a_choice_then_a_link_at_once_is_applied_on_the_next_page(
    page, servers, recorder, banner, button, action
):
    held = []  # this page's runtime never arrives; the next page's does
    page.route(RUNTIME, lambda route: route.continue_() if held else held.append(route))
    page.goto(servers.site + "/en/")
    banner.consent_modal.get_by_role("button", name=button, exact=True).click()
    page.add_init_script(WATCH_CONSENT_MODAL)
    with page.expect_response(lambda r: r.url.endswith("/api/consent")) as logged:
        page.goto(servers.site + "/en/product")  # before the runtime arrived
    assert logged.value.status == 201
    expect(page.locator("#cc-settings")).to_be_visible()
    assert page.evaluate("window.ccFirstBox === undefined") is True  # not asked again
    record = servers.records(banner.consent_cookie()["consentId"])[-1]
    assert (record["action"], record["method"]) == (action, "banner")
    assert record["pageUrl"] == servers.site + "/en/product"
    assert page.evaluate("sessionStorage.getItem('cc_pending')") is None
    if action == "reject_all":
        assert_tracker_untouched(servers, recorder)
    else:
        page.wait_for_function("window.demoAnalyticsRuns === 1")


def test_a_returning_visitor_gets_no_painted_layer(page, servers, recorder, banner):
    banner.open()
    banner.reject_all()
    page.add_init_script(WATCH_CONSENT_MODAL)
    banner.open("/en/product")
    assert page.evaluate("window.ccFirstBox === undefined") is True
    assert_tracker_untouched(servers, recorder)


# Focus, without scrolling, the first link the painted layer hides.
FOCUS_A_HIDDEN_LINK = """() => {
  const top = document.getElementById("cc-consent").getBoundingClientRect().top;
  const link = [...document.querySelectorAll("main a")].find(
    (a) => a.getBoundingClientRect().bottom > top && a.getBoundingClientRect().top < innerHeight);
  link.focus({preventScroll: true});
  return link.id;
}"""


def test_focus_moved_under_the_painted_layer_is_brought_clear_once_python_runs(page, servers):
    links = "".join(f'<p><a href="#l{i}" id="l{i}">Link {i}</a></p>' for i in range(60))
    page.set_viewport_size({"width": 800, "height": 600})
    page.goto(lab_page(page, servers, "focus-before-python", links))
    expect(page.locator("#cc-consent")).to_be_visible()
    hidden = page.evaluate(FOCUS_A_HIDDEN_LINK)
    assert page.evaluate("window.__BRYTHON__") is None  # no input yet, so no runtime
    page.keyboard.press("Shift")  # a keyboard visitor's first key starts Python
    page.wait_for_function(PYTHON_RUNS)
    assert page.evaluate("document.activeElement.id") == hidden  # Python leaves focus there
    clear = page.evaluate(
        """() => document.activeElement.getBoundingClientRect().bottom
                 <= document.getElementById('cc-consent').getBoundingClientRect().top"""
    )
    assert clear


def test_an_untouched_first_visit_is_the_loader_alone(page, servers, recorder):
    """Nobody touches the page: the loader paints, announces and answers the API, the
    runtime is never fetched; the first input starts Python, which repeats nothing."""
    tag = f'<script type="text/plain" data-category="analytics" src="{servers.tracker}/gtag/js">'
    head = """<script>
    window.calls = [];
    window.addEventListener('cc:onReady', function () {
      CookieConsent.run({onModalReady: function (p) { calls.push(['ready', p.modalName]); },
                         onModalShow: function (p) { calls.push(['show', p.modalName]); }});
    });</script>"""
    page.goto(lab_page(page, servers, "untouched", tag + "</script>", head=head))
    expect(page.locator("#cc-consent")).to_be_visible()
    page.wait_for_load_state("networkidle")
    announced = ["cc:onReady", "cc:onModalReady", "cc:onModalShow"]
    assert page.evaluate("window.ccEvents") == announced
    assert page.evaluate("window.calls") == [["ready", "consentModal"], ["show", "consentModal"]]
    assert page.evaluate("typeof window.__BRYTHON__") == "undefined"
    assert not [u for u in recorder.urls(servers.consent) if RUNTIME.search(u.split("?")[0])]
    # The read methods answer what Python computed for a visitor without consent.
    assert page.evaluate("CookieConsent.validConsent()") is False
    assert page.evaluate("CookieConsent.acceptedCategory('analytics')") is False
    assert page.evaluate("CookieConsent.getUserPreferences().acceptType") == "necessary"
    assert page.evaluate("Object.keys(CookieConsent.getConfig('categories'))") == [
        "necessary",
        "analytics",
        "marketing",
    ]
    pushed = page.evaluate("window.dataLayer.map((command) => [command[0], command[1]])")
    assert pushed == [["consent", "default"]]
    assert page.context.cookies(servers.site) == []
    assert_tracker_untouched(servers, recorder)

    first_input(page)
    assert page.evaluate("window.ccEvents") == announced  # Python adopted, announced nothing
    assert page.evaluate("window.calls.length") == 2
    assert page.evaluate("window.dataLayer.length") == 1  # nor pushed the default again
    assert_tracker_untouched(servers, recorder)
    assert recorder.errors == []


def test_an_input_before_the_first_frame_starts_python(page, servers, recorder):
    """The loader waits for the page's first frame before it paints, but listens for
    input at once: a pointer moved in between (right as the loader ran) is not lost."""
    head = """<script>
    Object.defineProperty(window, 'CookieConsentBoot', {configurable: true, set: function (boot) {
      Object.defineProperty(window, 'CookieConsentBoot', {value: boot, writable: true});
      queueMicrotask(function () {  // the loader's evaluation is over, its frame to come
        window.paintedBefore = !!document.getElementById('cc-consent');
        window.dispatchEvent(new PointerEvent('pointermove'));
      });
    }});</script>"""
    page.goto(lab_page(page, servers, "input-before-frame", "<p>x</p>", head=head))
    page.wait_for_function(PYTHON_RUNS)
    assert page.evaluate("window.paintedBefore") is False
    expect(page.locator("#cc-consent")).to_be_visible()
    assert page.evaluate("window.ccEvents").count("cc:onReady") == 1
    assert page.context.cookies(servers.site) == []
    assert recorder.errors == []


# Counts reads of document.cookie: all of them, and those of the loader's own
# evaluation (a callback after it has no currentScript).
COUNT_COOKIE_READS = """
(() => {
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, "cookie");
  window.cookieReads = window.loaderCookieReads = 0;
  Object.defineProperty(Document.prototype, "cookie", {configurable: true, set: cookie.set,
    get() {
      const script = document.currentScript;
      if (script && /\\/consent\\.js$/.test(script.src)) { window.loaderCookieReads += 1; }
      window.cookieReads += 1;
      return cookie.get.call(this);
    }});
})();
"""


def test_the_loader_reads_the_cookie_off_the_main_thread(page, servers, recorder):
    """document.cookie is a synchronous call to the network process on the page's way
    to its first paint: the loader asks the Cookie Store API instead."""
    page.add_init_script(COUNT_COOKIE_READS)
    page.goto(servers.site + "/en/")
    expect(page.locator("#cc-consent")).to_be_visible()
    assert page.evaluate("window.loaderCookieReads") == 0
    first_input(page)
    assert recorder.errors == []


def test_a_press_with_nothing_to_erase_reads_no_cookie(page, servers, banner):
    """Each document.cookie read is a synchronous call to the network process: read
    right after the decision wrote the cookie, it was 13 ms of the decision's 61 at 4×
    CPU, the longest task Python runs. A first choice takes nothing back to erase.
    (A lab page: the demo's tags, once accepted, read cookies of their own.)"""
    page.add_init_script(COUNT_COOKIE_READS)
    page.goto(lab_page(page, servers, "press/nothing-to-erase", "<p>x</p>"))
    first_input(page)
    before = page.evaluate("window.cookieReads")
    page.locator("#cc-consent").get_by_role("button", name="Accept all").click()
    expect(page.locator("#cc-consent")).to_be_hidden()
    assert page.evaluate("window.cookieReads") == before
    assert banner.consent_cookie()["categories"] == ["necessary", "analytics", "marketing"]


def test_the_cookie_store_and_document_cookie_name_the_same_copy_first(page, servers):
    """vanilla may have left copies of the cookie under other paths: the Cookie Store
    API answers the copy that loader_rules.js's readCookie takes from document.cookie."""
    url = lab_page(page, servers, "deep/copies", "<p>x</p>")
    page.goto(url)
    for value, path in (("root", "/"), ("deep", "/lab/deep"), ("lab", "/lab")):
        page.evaluate(f"document.cookie = 'cc_cookie={value}; path={path}'")
    page.goto(url)
    found = page.evaluate("""async () => [
        (await cookieStore.get('cc_cookie')).value,
        document.cookie.split('; ').find((part) => part.startsWith('cc_cookie=')).slice(10)]""")
    assert found == ["deep", "deep"]


def test_without_the_cookie_store_api_the_loader_reads_document_cookie(page, servers, recorder):
    page.add_init_script(COUNT_COOKIE_READS)
    page.add_init_script(NO_COOKIE_STORE)
    page.goto(servers.site + "/en/")
    expect(page.locator("#cc-consent")).to_be_visible()
    assert page.evaluate("window.loaderCookieReads") == 1
    pushed = page.evaluate("window.dataLayer.map((command) => [command[0], command[1]])")
    assert pushed == [["consent", "default"]]
    first_input(page)
    expect(page.locator("#cc-consent")).to_be_visible()
    assert page.context.cookies(servers.site) == []
    assert_tracker_untouched(servers, recorder)
    assert recorder.errors == []


def test_a_cookie_store_silent_at_domcontentloaded_still_paints_a_first_visit(
    page, servers, recorder
):
    """The cookie is read from document.cookie once the page is parsed, if the
    Cookie Store API has not answered by then (banner/loader.js)."""
    held = HeldParser(page, servers)
    url = lab_page(page, servers, "first/silent-store", held.markup)
    page.add_init_script(SILENT_COOKIE_STORE)
    page.goto(url, wait_until="commit")
    held.release()
    expect(page.locator("#cc-consent")).to_be_visible()
    assert page.evaluate("window.loaderReadyState") == "loading"
    first_input(page)
    assert page.context.cookies(servers.site) == []
    assert_tracker_untouched(servers, recorder)
    assert recorder.errors == []


def test_a_promise_kept_before_python_runs_settles_with_its_answer(page, servers, recorder):
    page.goto(lab_page(page, servers, "promised", "<p>x</p>"))
    expect(page.locator("#cc-consent")).to_be_visible()
    assert page.evaluate("CookieConsent.run({}) instanceof Promise") is True
    # setLanguage starts Python, whose answer settles the loader's Promise.
    assert page.evaluate("CookieConsent.setLanguage('nl')") is True
    expect(page.get_by_role("button", name="Alles weigeren")).to_be_visible()
    page.wait_for_function(PYTHON_RUNS)
    assert page.evaluate("CookieConsent.setLanguage('xx')") is False
    assert recorder.errors == []


def test_a_promise_kept_before_python_settles_false_when_the_runtime_cannot_start(
    page, servers, recorder
):
    page.route(RUNTIME, lambda route: route.abort())
    page.goto(lab_page(page, servers, "promised-offline", "<p>x</p>"))
    expect(page.locator("#cc-consent")).to_be_visible()
    assert page.evaluate("CookieConsent.setLanguage('nl')") is False
    assert page.evaluate("CookieConsent.loadScript('/lab/none.js')") is False
    expect(page.get_by_role("button", name="Reject all")).to_be_visible()  # still English


def test_a_keyboard_visitor_is_kept_clear_of_the_layer_before_python_runs(page, servers):
    """The first Tabs come before the runtime does: the browser keeps focus out from
    under the painted layer (html's scroll-padding) until Python takes over."""
    links = "".join(f'<p><a href="#l{i}" id="l{i}">Link {i}</a></p>' for i in range(60))
    page.set_viewport_size({"width": 800, "height": 600})
    held = []
    page.route(RUNTIME, lambda route: held.append(route))
    page.goto(lab_page(page, servers, "focus-keyboard", links))
    banner = page.locator("#cc-consent")
    expect(banner).to_be_visible()
    page.locator("#l0").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        assert page.evaluate("window.__BRYTHON__") is None  # the runtime is held back
        focused = page.evaluate("document.activeElement.id")
        clear = page.evaluate(
            """() => document.activeElement.getBoundingClientRect().bottom
                     <= document.getElementById('cc-consent').getBoundingClientRect().top"""
        )
        assert clear, f"#{focused} is hidden under the painted layer"
    held[0].continue_()
    page.wait_for_function(PYTHON_RUNS)
    banner.get_by_role("button", name="Reject all", exact=True).click()
    expect(banner).to_have_count(0)
    # The room goes with the layer.
    assert page.evaluate("document.documentElement.style.scrollPaddingBottom") == ""
