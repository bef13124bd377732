"""Assertions and page probes the browser tests share: one copy each.

What a test module needs from another lives here, so no test module imports
another.
"""

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

AXE = Axe()

# The demo site's own styles fail colour-contrast (its blue buttons, 4.42:1),
# which is not the banner's to fix: axe is scoped to the banner's root.
BANNER_ROOT = "#cc-main"


def axe_violations(page: Page) -> list:
    results = AXE.run(page, context=BANNER_ROOT)
    return [
        (v["id"], [n["target"] for n in v["nodes"]], v["nodes"][0]["failureSummary"])
        for v in results.response["violations"]
    ]


def expand_services(page: Page) -> None:
    """Open every service list so axe also sees the switches and cookie tables."""
    for summary in page.locator("#cc-preferences summary").all():
        summary.click()
    expect(page.locator("#cc-preferences details:not([open])")).to_have_count(0)


OVERFLOW = """() => ({
  page: document.documentElement.scrollWidth,
  banner: Math.max(...[...document.querySelectorAll('#cc-main *')]
    .filter(n => n.getClientRects().length && !n.closest('.cc-table-wrap'))
    .map(n => n.getBoundingClientRect().right)),
})"""

TARGETS = """() => [...document.querySelectorAll('#cc-main button, #cc-main input')]
  .filter(n => n.getClientRects().length)
  .map(n => { const r = n.getBoundingClientRect();
              const name = n.textContent || n.getAttribute('aria-label') || n.outerHTML;
              return [name, r.width, r.height]; })"""


def assert_fits_320(page: Page) -> None:
    widths = page.evaluate(OVERFLOW)
    assert widths["page"] <= 320, widths
    assert widths["banner"] <= 320, widths
    targets = page.evaluate(TARGETS)
    assert targets
    small = [t for t in targets if t[1] < 24 or t[2] < 24]
    assert small == []


def rgb(css: str) -> tuple:
    """The red, green and blue of a computed ``rgb(...)``/``rgba(...)`` colour."""
    return tuple(float(p) for p in re.findall(r"[\d.]+", css)[:3])


def analytics_cookies(names: list) -> list:
    return [n for n in names if n == "_gid" or n.startswith("_ga")]


def assert_tracker_untouched(servers, recorder):
    assert recorder.urls(servers.tracker) == []
    assert servers.tracker_hits() == []


DENIED = {
    "analytics_storage": "denied",
    "ad_storage": "denied",
    "ad_user_data": "denied",
    "ad_personalization": "denied",
}
GRANTED = {signal: "granted" for signal in DENIED}
# dataLayer holds Arguments objects; copy them out as plain arrays.
DATA_LAYER = "() => (window.dataLayer || []).map((entry) => Array.from(entry))"


def commands(page) -> list:
    return [
        entry[:2] if entry[0] == "consent" else entry[:1] for entry in page.evaluate(DATA_LAYER)
    ]


STYLE = """(el) => { const s = getComputedStyle(el); const r = el.getBoundingClientRect();
  return {w: r.width, h: r.height, top: r.top, font: s.fontSize, weight: s.fontWeight,
          color: s.color, bg: s.backgroundColor, border: s.borderColor}; }"""
