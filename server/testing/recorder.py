"""Everything a page does that consent law cares about, from its first navigation.

Requests and page errors come from Playwright's events; cookie writes (with the
response or script that made them), storage writes, ``sendBeacon``, keepalive
``fetch`` and WebSocket calls from ``hooks.js``, which runs before any page
script and reports through a binding.
"""

from dataclasses import dataclass, field
from importlib import resources
from urllib.parse import urlsplit

from playwright.sync_api import Error, Page, Response

from banner.cookie import matches

from .cookie_text import parse_cookie_text

HOOKS = resources.files(__package__).joinpath("hooks.js").read_text("utf-8")
BINDING = "__consentQaReport"
NETWORK_SCHEMES = ("http", "https", "ws", "wss")


@dataclass(frozen=True)
class CookieWrite:
    name: str
    domain: str  # the host it was set for
    set_by: str  # "Set-Cookie <url>" or the script's "url:line"
    page: str
    removal: bool = False


@dataclass(frozen=True)
class StorageWrite:
    area: str  # localStorage or sessionStorage
    key: str
    set_by: str
    page: str


@dataclass(frozen=True)
class SourceSet:
    """A script set the ``src`` of an image, script or frame: what made it load."""

    url: str
    set_by: str
    page: str


@dataclass(frozen=True)
class Beacon:
    via: str  # sendBeacon, fetch keepalive, WebSocket
    url: str
    sent_by: str
    page: str


def host_of(url: str) -> str:
    return urlsplit(url).hostname or ""


@dataclass
class Recorder:
    """What one page (and its frames and popups' cookies and storage: the hooks are the
    context's) did, each entry with the page it happened on; ``attach`` before ``goto``."""

    requests: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    cookies: list = field(default_factory=list)
    storage: list = field(default_factory=list)
    beacons: list = field(default_factory=list)
    sources: list = field(default_factory=list)

    def attach(self, page: Page) -> "Recorder":
        context = page.context
        context.expose_binding(BINDING, self._on_report)
        context.add_init_script(HOOKS)
        # Playwright tags each handler, so a bound method of a list will not do.
        page.on("request", lambda request: self.requests.append(request))
        page.on("response", self._on_response)
        page.on("pageerror", lambda error: self.errors.append(error))
        return self

    def _on_response(self, response: Response) -> None:
        try:
            headers = response.header_values("set-cookie")
            page = response.frame.url
        except Error:
            return  # the page went away before its headers could be read
        for header in headers:
            for line in header.split("\n"):
                parsed = parse_cookie_text(line)
                if parsed["name"]:
                    domain = parsed["domain"] or host_of(response.url)
                    self.cookies.append(
                        CookieWrite(
                            parsed["name"],
                            domain,
                            f"Set-Cookie {response.url}",
                            page,
                            parsed["removal"],
                        )
                    )

    def _on_report(self, source: dict, entry: dict) -> None:
        page = source["frame"].url
        origin = entry.get("source") or page
        if entry["kind"] == "cookie":
            parsed = parse_cookie_text(entry["text"])
            if parsed["name"]:
                domain = parsed["domain"] or host_of(page)
                self.cookies.append(
                    CookieWrite(parsed["name"], domain, origin, page, parsed["removal"])
                )
        elif entry["kind"] == "storage":
            self.storage.append(StorageWrite(entry["area"], entry["key"], origin, page))
        elif entry["kind"] == "beacon":
            self.beacons.append(Beacon(entry["via"], entry["url"], origin, page))
        elif entry["kind"] == "src" and entry.get("source"):
            self.sources.append(SourceSet(entry["url"], entry["source"], page))

    # What a test asks of the record.

    def urls(self, prefix: str) -> list:
        return [r.url for r in self.requests if r.url.startswith(prefix)]

    def _sent(self, keep) -> list:
        """URLs of requests and beacons for which ``keep(url)`` holds."""
        return [r.url for r in self.requests if keep(r.url)] + [
            b.url for b in self.beacons if keep(b.url)
        ]

    def requests_to(self, *hosts: str) -> list:
        """Requests and beacons to any of ``hosts`` (a host name, or ``host:port``)."""
        return self._sent(
            lambda url: bool({urlsplit(url).hostname, urlsplit(url).netloc} & set(hosts))
        )

    def requests_outside(self, *origins: str) -> list:
        """Requests and beacons to any origin but ``origins`` (the site's, the consent
        server's): what the visitor's browser told third parties."""
        own = {urlsplit(origin).netloc for origin in origins}

        def outside(url: str) -> bool:
            parts = urlsplit(url)
            return parts.scheme in NETWORK_SCHEMES and parts.netloc not in own

        return self._sent(outside)

    def cookies_matching(self, pattern: str) -> list:
        """Cookies written (not removed) whose name matches ``pattern`` (``*`` globs)."""
        return [c for c in self.cookies if not c.removal and matches(c.name, pattern)]

    def undeclared(self, declared: list) -> list:
        """Cookies and storage keys written that no declared name or pattern covers."""

        def covered(name: str) -> bool:
            return any(matches(name, pattern) for pattern in declared)

        return [c for c in self.cookies if not c.removal and not covered(c.name)] + [
            s for s in self.storage if not covered(s.key)
        ]

    def assert_no_request_to(self, *hosts: str) -> None:
        found = self.requests_to(*hosts)
        assert not found, f"requests to {', '.join(hosts)}: {found}"

    def assert_no_cookie(self, pattern: str) -> None:
        found = self.cookies_matching(pattern)
        assert not found, f"cookies matching {pattern!r}: {found}"

    def assert_only_declared(self, declared: list) -> None:
        found = self.undeclared(declared)
        assert not found, f"not in the cookie tables: {found}"
