"""Theming from the site config: colours and position change, the fair choice does not.

Each test starts a consent server whose site config carries a ``theme`` and
checks what a visitor (and a regulator) would see: the configured colours and
place, "Accept all" and "Reject all" still alike, axe still clean, nothing
loaded before a choice.
"""

import re
import urllib.request

import pytest
from playwright.sync_api import Page, expect

from e2e.assertions import STYLE, assert_fits_320, axe_violations, expand_services, rgb
from e2e.banner_actions import first_input
from e2e.lab import lab_page, serve_script

BRAND = {
    "light": {
        "bg": "#fffbf0",
        "primaryColor": "#202020",
        "secondaryColor": "#454545",
        "separatorBorderColor": "#c8c0a8",
        "btnPrimaryBg": "#1a7f37",
        "btnPrimaryColor": "#ffffff",
        "btnSecondaryBg": "#f0e8d0",
        "btnSecondaryColor": "#202020",
        "toggleOnBg": "#1a7f37",
        "toggleOffBg": "#6e6e6e",
    },
    "dark": {
        "bg": "#0f1a12",
        "primaryColor": "#f2f2f2",
        "secondaryColor": "#cfcfcf",
        "separatorBorderColor": "#3a4a3f",
        "btnPrimaryBg": "#7ee2a8",
        "btnPrimaryColor": "#0a0a0a",
        "btnSecondaryBg": "#24352a",
        "btnSecondaryColor": "#f2f2f2",
        "toggleOnBg": "#7ee2a8",
        "toggleOffBg": "#9aa3b5",
    },
}
TOP_BAR = {"layout": "bar", "position": "top"}
BLOCKED = (
    '<script type="text/plain" data-category="analytics" data-src="{tracker}/gtag/js?id=G-LAB">'
    "</script>"
    '<img data-category="marketing" data-src="{tracker}/pixel.gif?page=lab" alt="" width="1">'
)


def with_theme(modal: dict, colors: dict | None = None):
    """A change for ``consent_server_with`` that sets the site config's theme."""

    def change(config: dict) -> None:
        config["theme"] = {"consentModal": modal, "colors": colors or {}}

    return change


def open_themed(page: Page, servers, consent_server_with, name: str, theme, body="<p>x</p>"):
    consent = consent_server_with(theme)
    page.goto(lab_page(page, servers, name, body, consent=consent))
    expect(page.locator("#cc-consent")).to_be_visible()
    return consent


def hex_rgb(colour: str) -> tuple:
    return tuple(float(int(colour[i : i + 2], 16)) for i in (1, 3, 5))


def assert_equal_pair(scope) -> dict:
    """Accept and Reject measure alike (size within 2 px); returns their shared style."""
    accept = scope.get_by_role("button", name="Accept all").evaluate(STYLE)
    reject = scope.get_by_role("button", name="Reject all").evaluate(STYLE)
    assert abs(accept.pop("w") - reject.pop("w")) <= 2
    assert abs(accept.pop("h") - reject.pop("h")) <= 2
    assert accept == reject  # same row, font, weight, colours
    return accept


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_configured_colours_are_drawn_and_the_choice_stays_equal(
    page, servers, recorder, consent_server_with, scheme
):
    page.emulate_media(color_scheme=scheme)
    open_themed(page, servers, consent_server_with, f"colours-{scheme}", with_theme(TOP_BAR, BRAND))
    palette = BRAND[scheme]
    first = page.locator("#cc-consent")
    assert rgb(first.evaluate("el => getComputedStyle(el).backgroundColor")) == hex_rgb(
        palette["bg"]
    )
    pair = assert_equal_pair(first)
    assert rgb(pair["bg"]) == hex_rgb(palette["btnPrimaryBg"])
    assert rgb(pair["color"]) == hex_rgb(palette["btnPrimaryColor"])
    first.get_by_role("button", name="Preferences").click()
    dialog = page.locator("#cc-preferences [role=dialog]")
    assert rgb(assert_equal_pair(dialog)["bg"]) == hex_rgb(palette["btnPrimaryBg"])
    assert recorder.urls(servers.tracker) == []


GAPS = """el => { const r = el.getBoundingClientRect(), d = document.documentElement;
  return {top: r.top, left: r.left, right: d.clientWidth - r.right,
          bottom: d.clientHeight - r.bottom,
          centred: Math.abs(r.left - (d.clientWidth - r.right))}; }"""


@pytest.mark.parametrize(
    ("modal", "gaps"),
    [
        (TOP_BAR, {"top": 0, "left": 0, "right": 0}),
        ({"layout": "bar", "position": "bottom"}, {"bottom": 0, "left": 0, "right": 0}),
        ({"layout": "box"}, {"bottom": 16, "centred": 0}),
        ({"layout": "corner", "position": "bottom right"}, {"bottom": 16, "right": 16}),
        ({"layout": "corner", "position": "top left"}, {"top": 16, "left": 16}),
        ({"layout": "corner", "position": "top right"}, {"top": 16, "right": 16}),
    ],
    ids=["bar-top", "bar-bottom", "box", "corner-right", "corner-top-left", "corner-top-right"],
)
def test_the_consent_modal_sits_where_the_theme_says(
    page, servers, recorder, consent_server_with, modal, gaps
):
    page.set_viewport_size({"width": 1000, "height": 700})
    name = "place-" + "-".join(modal.values()).replace(" ", "-")
    open_themed(page, servers, consent_server_with, name, with_theme(modal))
    first = page.locator("#cc-consent")
    measured = first.evaluate(GAPS)
    assert {k: round(measured[k]) for k in gaps} == gaps, measured
    assert_equal_pair(first)
    page.set_viewport_size({"width": 320, "height": 640})
    assert_fits_320(page)
    assert_equal_pair(first)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_a_themed_banner(page, servers, consent_server_with, scheme):
    page.emulate_media(color_scheme=scheme)
    theme = with_theme({"layout": "corner", "position": "bottom right"}, BRAND)
    open_themed(page, servers, consent_server_with, f"axe-{scheme}", theme)
    assert axe_violations(page) == []
    page.locator("#cc-consent").get_by_role("button", name="Preferences").click()
    expand_services(page)
    assert axe_violations(page) == []


def test_nothing_loads_before_a_choice_on_a_themed_banner(
    page, servers, recorder, consent_server_with
):
    body = BLOCKED.format(tracker=servers.tracker)
    consent = open_themed(
        page, servers, consent_server_with, "themed-blocking", with_theme(TOP_BAR, BRAND), body
    )
    assert recorder.urls(servers.tracker) == []
    assert page.context.cookies(servers.site) == []
    with page.expect_response(lambda r: r.url == consent + "/api/consent"):
        page.locator("#cc-consent").get_by_role("button", name="Reject all").click()
    assert recorder.urls(servers.tracker) == []
    with page.expect_request(servers.tracker + "/pixel.gif*"):  # the markup was live all along
        page.evaluate("CookieConsent.acceptCategory('all')")


def test_a_bar_along_the_top_never_covers_the_focused_element(
    page, servers, recorder, consent_server_with
):
    links = "".join(f'<p><a href="#l{i}" id="l{i}">Link {i}</a></p>' for i in range(60))
    page.set_viewport_size({"width": 800, "height": 600})
    open_themed(page, servers, consent_server_with, "focus-top-bar", with_theme(TOP_BAR), links)
    first_input(page)  # keeping focus clear is Python's (the loader only paints)
    page.locator("#l59").focus()
    for _ in range(60):
        page.keyboard.press("Shift+Tab")  # upwards: the browser scrolls each link to the top
        focused = page.evaluate("document.activeElement.id")
        if not focused.startswith("l"):
            break
        clear = page.evaluate(
            """() => document.activeElement.getBoundingClientRect().top
                     >= document.querySelector('#cc-consent').getBoundingClientRect().bottom"""
        )
        assert clear, f"#{focused} is hidden under the bar"
    assert focused == "l0" or not focused.startswith("l")


def test_a_theme_the_banner_refuses_leaves_no_consent(page, servers, recorder):
    """The server refuses a bad theme at start-up; should one reach a browser all the
    same (a stale or tampered bundle), the banner asks nothing and activates nothing."""
    with urllib.request.urlopen(servers.consent + "/consent.js", timeout=10) as response:
        script = response.read().decode("utf-8")
    good = '"consentModal":{"layout":"corner"'
    assert script.count(good) == 1
    tampered = script.replace(good, good[:-7] + 'cloud"')
    # The loader links to the runtime relative to itself: keep it on the consent server.
    runtime = re.search(r'"(consent\.[0-9a-f]{16}\.js)"', tampered).group(1)
    tampered = tampered.replace(f'"{runtime}"', f'"{servers.consent}/{runtime}"')
    serve_script(page, servers, "bad-theme/consent.js", tampered)
    body = BLOCKED.format(tracker=servers.tracker)
    url = lab_page(page, servers, "bad-theme", body, consent=f"{servers.site}/lab/bad-theme")
    page.goto(url)
    with page.expect_console_message(lambda m: "invalid site config" in m.text) as message:
        page.mouse.move(3, 3)  # the first input starts Python, which checks the config
    assert "theme.consentModal.layout" in message.value.text
    assert page.evaluate("CookieConsentBoot.ready") is False  # Python refused to start
    assert page.evaluate("CookieConsent.validConsent()") is False
    expect(page.locator("#cc-main")).to_have_count(0)
    assert page.context.cookies(servers.site) == []
    assert recorder.urls(servers.tracker) == []
