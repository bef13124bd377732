"""One page load in Chromium, measured from inside the page and over CDP.

An init script stamps ``performance.now()`` when "Accept all" is first
visible (MutationObserver for insertions, requestAnimationFrame for style
changes), sums layout shifts and keeps every long task; DOMContentLoaded and
first contentful paint come from Performance entries; bytes from CDP
``Network.loadingFinished``. ``press_answer`` presses "Accept all" with a
real mouse event the moment it is visible, times the banner's answer and the
saving of the choice, and keeps the long tasks that follow the press.
"""

import json
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext

PROBE = """(() => {
  const selector = %s;
  const probe = window.__bench = {visible: null, cls: 0, tasks: []};
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probe.tasks.push([entry.startTime, entry.duration]);
  }).observe({type: 'longtask', buffered: true});
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) probe.cls += entry.value;
  }).observe({type: 'layout-shift', buffered: true});
  if (!selector) return;
  const shown = () => {
    const button = document.querySelector(selector);
    if (!button) return false;
    const box = button.getBoundingClientRect();
    return box.width > 0 && box.height > 0
      && button.checkVisibility({opacityProperty: true, visibilityProperty: true});
  };
  const check = () => {
    if (probe.visible === null && shown()) probe.visible = performance.now();
    return probe.visible !== null;
  };
  probe.shown = shown;
  const frame = () => { if (!check()) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  new MutationObserver(check).observe(document, {childList: true, subtree: true});
})();"""

FCP = "performance.getEntriesByName('first-contentful-paint').length > 0"
# What a load waits for before it is read: the banner's button, or the consented script.
READY = {
    "painted": FCP,
    "visible": f"window.__bench.visible !== null && {FCP}",
    "ran": f"window.__ccRan !== undefined && {FCP}",
}

READ = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  const probe = window.__bench;
  return {
    dcl: nav.domContentLoadedEventStart,
    fcp: fcp ? fcp.startTime : null,
    visible: probe.visible,
    cls: probe.cls,
    ran: window.__ccRan === undefined ? null : window.__ccRan,
    shownAtEnd: probe.shown ? probe.shown() : false,
    tasks: probe.tasks,
  };
}"""

# From the press (the input event's own time stamp, so time the event waited
# for a busy main thread counts) to the first frame after the banner changed
# anything of its own: a class, an attribute, a node under #cc-main or on <html>
# (vanilla marks its state there). Saved: the first frame whose document.cookie
# holds cc_cookie (both banners write it once the choice is stored).
PRESS = """(selector) => {
  const probe = window.__bench;
  const button = document.querySelector(selector);
  addEventListener('pointerdown', (event) => {
    probe.pressed = event.timeStamp;
    const changed = new MutationObserver(() => {
      changed.disconnect();
      requestAnimationFrame(() => { probe.answered = performance.now(); });
    });
    const everything = {attributes: true, childList: true, subtree: true};
    changed.observe(document.getElementById('cc-main'), everything);
    changed.observe(document.documentElement, {attributes: true});
    const saved = () => {
      if (/(^|; )cc_cookie=/.test(document.cookie)) probe.saved = performance.now();
      else requestAnimationFrame(saved);
    };
    saved();
  }, {capture: true, once: true});
  const box = button.getBoundingClientRect();
  return [box.x + box.width / 2, box.y + box.height / 2];
}"""
ANSWERED = "window.__bench.answered !== undefined && window.__bench.saved !== undefined"
PRESSED = """() => {
  const probe = window.__bench;
  return {answer: probe.answered - probe.pressed, saved: probe.saved - probe.pressed,
          tasks: probe.tasks.filter(([start, duration]) => start + duration > probe.pressed)};
}"""


@dataclass
class Press:
    """A press on "Accept all": ms to the visible answer and to the stored choice,
    and the long tasks running at the press or after it."""

    answer: float
    saved: float
    tasks: list


@dataclass
class Transfers:
    """Bytes on the wire per request (headers included, so a 304 costs its headers)."""

    banner_origin: str | None
    urls: dict[str, str] = field(default_factory=dict)
    encodings: dict[str, str] = field(default_factory=dict)
    total: int = 0
    banner: int = 0

    def is_banner(self, url: str) -> bool:
        return self.banner_origin is not None and url.startswith(self.banner_origin + "/")

    def on_request(self, event: dict) -> None:
        self.urls[event["requestId"]] = event["request"]["url"]

    def on_response(self, event: dict) -> None:
        response = event["response"]
        headers = {k.lower(): v for k, v in response["headers"].items()}
        if self.is_banner(response["url"]) and response["status"] == 200:
            path = urlsplit(response["url"]).path
            self.encodings[path] = headers.get("content-encoding", "identity")

    def on_finished(self, event: dict) -> None:
        size = int(event["encodedDataLength"])
        self.total += size
        if self.is_banner(self.urls.get(event["requestId"], "")):
            self.banner += size


@dataclass
class Load:
    """What one page load measured; times in ms since navigation start."""

    dcl: float
    fcp: float | None
    visible: float | None
    cls: float
    ran: float | None
    shown_at_end: bool
    bytes_total: int
    bytes_banner: int
    encodings: dict[str, str]
    tasks: list  # [start, duration] of each long task


def load_page(
    context: BrowserContext,
    url: str,
    *,
    selector: str | None,
    banner_origin: str | None,
    rate: float,
    ready: str,
    timeout_ms: float,
    empty_cache: bool = False,
    count_bytes: bool = False,
) -> Load:
    """Open ``url`` in a new tab of ``context`` at CPU slowdown ``rate`` and measure it.

    ``empty_cache`` drops the HTTP cache first but keeps cookies and storage.
    ``count_bytes`` turns on DevTools' network events, which also slow the
    page's scripts (our DOMContentLoaded 1.15× the no-banner page's with them,
    0.91× without, over 12 loads each): times come from loads without them.
    """
    page = context.new_page()
    try:
        cdp = context.new_cdp_session(page)
        transfers = Transfers(banner_origin)
        if count_bytes:
            cdp.on("Network.requestWillBeSent", transfers.on_request)
            cdp.on("Network.responseReceived", transfers.on_response)
            cdp.on("Network.loadingFinished", transfers.on_finished)
            cdp.send("Network.enable")
        if empty_cache:
            cdp.send("Network.clearBrowserCache")
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
        page.add_init_script(PROBE % json.dumps(selector))
        page.goto(url, wait_until="load", timeout=timeout_ms)
        page.wait_for_function(READY[ready], timeout=timeout_ms)
        # Let late requests (a banner's lazy parts) finish so their bytes count.
        page.wait_for_load_state("networkidle", timeout=timeout_ms)
        seen = page.evaluate(READ)
        cdp.detach()
    finally:
        page.close()
    return Load(
        dcl=seen["dcl"],
        fcp=seen["fcp"],
        visible=seen["visible"],
        cls=seen["cls"],
        ran=seen["ran"],
        shown_at_end=seen["shownAtEnd"],
        bytes_total=transfers.total,
        bytes_banner=transfers.banner,
        encodings=transfers.encodings,
        tasks=seen["tasks"],
    )


def press_answer(
    context: BrowserContext, url: str, *, selector: str, rate: float, timeout_ms: float
) -> Press:
    """A mouse press on "Accept all", made as soon as it is visible: the banner's
    answer, the choice saved, and the long tasks until the page is quiet again."""
    page = context.new_page()
    try:
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
        page.add_init_script(PROBE % json.dumps(selector))
        page.goto(url, wait_until="commit", timeout=timeout_ms)
        page.wait_for_function(READY["visible"], polling="raf", timeout=timeout_ms)
        x, y = page.evaluate(PRESS, selector)
        page.mouse.click(x, y)
        page.wait_for_function(ANSWERED, timeout=timeout_ms)
        page.wait_for_load_state("networkidle", timeout=timeout_ms)
        seen = page.evaluate(PRESSED)
        cdp.detach()
    finally:
        page.close()
    return Press(answer=seen["answer"], saved=seen["saved"], tasks=seen["tasks"])
