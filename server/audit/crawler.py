"""Visit a site's pages in Chromium in the three consent states and record what each does.

Each state gets a fresh browser context; the plugin's recorder (server/testing)
sees every request, cookie write, storage write and beacon from the first
navigation, and a CDP session names the script or document behind each request.
"""

import base64
import re
from dataclasses import dataclass, field
from importlib import resources
from urllib.parse import urlsplit

from playwright.sync_api import Error, sync_playwright

from server.testing.banner import button_names
from server.testing.browser import launch_args
from server.testing.recorder import Recorder
from server.testing.site import ConsentServerError, ConsentSite

from .states import ACCEPTED, NO_CHOICE, REJECTED

PROBE = resources.files(__package__).joinpath("page_probe.js").read_text("utf-8")
LOADER_PATH = "/consent.js"


class AuditError(Exception):
    """The site could not be audited (unreachable, no banner); the message says why."""


@dataclass(frozen=True)
class Limits:
    max_pages: int = 10  # pages per state, given ones included
    navigation_ms: int = 15_000  # one page load
    settle_ms: int = 1_500  # after load, for tags that fire late


@dataclass
class Visit:
    state: str
    url: str
    requests: list = field(default_factory=list)  # {url, type, initiator, element}
    beacons: list = field(default_factory=list)  # {via, url, sent_by}
    cookies: list = field(default_factory=list)  # {name, domain, set_by}
    storage: list = field(default_factory=list)  # {area, key, set_by}
    noscript: list = field(default_factory=list)  # {url, element}
    markup: list = field(default_factory=list)  # {category, service, element}
    links: list = field(default_factory=list)
    screenshot: str = ""  # base64 PNG, first page of each state


def _initiator(params: dict) -> str:
    """Who sent a request, from CDP's Network.requestWillBeSent."""
    initiator = params.get("initiator", {})
    for frame in initiator.get("stack", {}).get("callFrames", []):
        if frame.get("url"):
            return f"script {frame['url']}:{frame['lineNumber'] + 1}"
    if initiator.get("type") == "parser" and initiator.get("url"):
        return f"markup of {initiator['url']}:{initiator.get('lineNumber', 0) + 1}"
    return initiator.get("type", "")


def same_site_links(links: list, origin: str) -> list:
    found = []
    for link in links:
        parts = urlsplit(link)
        if f"{parts.scheme}://{parts.netloc}" == origin and link not in found:
            found.append(link)
    return found


class StateVisitor:
    """One browser context, one state: visits pages one after another."""

    def __init__(self, browser, state: str, limits: Limits, on_page):
        self.state = state
        self.limits = limits
        self.on_page = on_page
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.page = self.context.new_page()
        self.page.set_default_timeout(limits.navigation_ms)
        self.recorder = Recorder().attach(self.page)
        self.initiators = {}
        cdp = self.context.new_cdp_session(self.page)
        cdp.on("Network.requestWillBeSent", self._on_request_sent)
        cdp.send("Network.enable")
        self.decided = state == NO_CHOICE

    def _on_request_sent(self, params: dict) -> None:
        self.initiators.setdefault(params["request"]["url"], _initiator(params))

    def close(self) -> None:
        self.context.close()

    def visit(self, url: str, site: ConsentSite | None) -> Visit:
        marks = {
            name: len(getattr(self.recorder, name))
            for name in ("requests", "cookies", "storage", "beacons")
        }
        try:
            self.page.goto(url, wait_until="load")
        except Error as error:
            raise AuditError(f"{self.state}: cannot load {url}: {error.message}") from None
        if not self.decided and site is not None:
            self._decide(site)
        try:
            self.page.wait_for_load_state("networkidle", timeout=self.limits.settle_ms * 2)
        except Error:
            pass  # a page that keeps polling still gets its settle time below
        self.page.wait_for_timeout(self.limits.settle_ms)
        visit = self._record(url, marks)
        self.on_page(visit)
        return visit

    def _decide(self, site: ConsentSite) -> None:
        """Click "Reject all" or "Accept all" in whichever language the banner speaks."""
        action = "reject" if self.state == REJECTED else "accept"
        names = {button_names(site.config(lang))[action] for lang in site.languages}
        pattern = re.compile("^(" + "|".join(re.escape(n) for n in sorted(names)) + ")$")
        button = self.page.locator("#cc-consent").get_by_role("button", name=pattern)
        try:
            with self.page.expect_response(lambda r: r.url.endswith("/api/consent")):
                button.click()
        except Error as error:
            raise AuditError(
                f"{self.state}: no {action} button on {self.page.url}: "
                f"{error.message.splitlines()[0]}"
            ) from None
        self.decided = True

    def _record(self, url: str, marks: dict) -> Visit:
        rec = self.recorder
        requests = rec.requests[marks["requests"] :]
        probe = self.page.evaluate(PROBE, [r.url for r in requests])
        visit = Visit(self.state, url)
        set_src = {s.url: s.set_by for s in rec.sources}
        for request in requests:
            initiator = self.initiators.get(request.url, "")
            if not initiator.startswith("script ") and request.url in set_src:
                initiator = f"script {set_src[request.url]}"
            visit.requests.append(
                {
                    "url": request.url,
                    "type": request.resource_type,
                    "initiator": initiator,
                    "element": probe["elements"].get(request.url, ""),
                }
            )
        visit.beacons = [
            {"via": b.via, "url": b.url, "sent_by": b.sent_by}
            for b in rec.beacons[marks["beacons"] :]
        ]
        seen = set()
        for c in rec.cookies[marks["cookies"] :]:
            if not c.removal and (c.name, c.domain) not in seen:
                seen.add((c.name, c.domain))
                visit.cookies.append({"name": c.name, "domain": c.domain, "set_by": c.set_by})
        for cookie in self.context.cookies():  # also those set by ways no hook sees
            key = (cookie["name"], cookie["domain"].lstrip("."))
            if key not in seen:
                seen.add(key)
                visit.cookies.append({"name": key[0], "domain": key[1], "set_by": ""})
        set_by = {(s.area, s.key): s.set_by for s in rec.storage[marks["storage"] :]}
        for area, keys in probe["storage"].items():
            for key in keys:
                visit.storage.append(
                    {"area": area, "key": key, "set_by": set_by.get((area, key), "")}
                )
        visit.noscript = probe["noscript"]
        visit.markup = probe["markup"]
        visit.links = probe["links"]
        return visit

    def screenshot(self) -> str:
        return base64.b64encode(self.page.screenshot(type="png")).decode("ascii")


def consent_origin(visit: Visit) -> str | None:
    """The consent server's origin: where the page loaded the banner's loader from."""
    for request in visit.requests:
        parts = urlsplit(request["url"])
        if parts.path == LOADER_PATH:
            return f"{parts.scheme}://{parts.netloc}"
    return None


def _discover(browser, urls: list, origin: str, limits: Limits, on_page) -> list:
    """The no-choice visits: the given pages, then same-site links, up to the limit."""
    visitor = StateVisitor(browser, NO_CHOICE, limits, on_page)
    queue, visits = list(urls), []
    try:
        while queue and len(visits) < limits.max_pages:
            url = queue.pop(0)
            if any(v.url == url for v in visits):
                continue
            visit = visitor.visit(url, None)
            if not visits:
                visit.screenshot = visitor.screenshot()
            visits.append(visit)
            queue += same_site_links(visit.links, origin)
    finally:
        visitor.close()
    return visits


def _revisit(browser, state: str, pages: list, site: ConsentSite, limits, on_page) -> list:
    visitor = StateVisitor(browser, state, limits, on_page)
    try:
        visits = [visitor.visit(url, site) for url in pages[:1]]
        visits[0].screenshot = visitor.screenshot()  # the page just after the click
        return visits + [visitor.visit(url, site) for url in pages[1:]]
    finally:
        visitor.close()


def crawl(urls: list, limits: Limits, on_page=lambda visit: None) -> dict:
    """Visit ``urls`` (and same-site links, up to the limit) in each state.

    Returns ``{"site", "consent", "config", "visits"}``: the two origins, the site
    config the consent server serves, and every ``Visit``. The pages are found in
    the no-choice state and visited again in the others.
    """
    first = urlsplit(urls[0])
    origin = f"{first.scheme}://{first.netloc}"
    options = launch_args()  # asks Playwright itself, so not inside the session below
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**options)
        try:
            visits = _discover(browser, urls, origin, limits, on_page)
            consent = consent_origin(visits[0])
            if consent is None:
                raise AuditError(f"{urls[0]} does not load the banner ({LOADER_PATH})")
            site = ConsentSite(origin, consent)
            try:
                config = site.config()
            except ConsentServerError as error:
                raise AuditError(f"cannot read the site config: {error}") from None
            pages = [visit.url for visit in visits]
            for state in (REJECTED, ACCEPTED):
                visits += _revisit(browser, state, pages, site, limits, on_page)
        finally:
            browser.close()
    return {"site": origin, "consent": consent, "config": config, "visits": visits}
