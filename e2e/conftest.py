"""Live servers and browser settings for the end-to-end tests.

Three real servers on free ports for the whole session, as in production: the
consent server (real Flask, real SQLite file), the demo site announced as
``localhost`` (a different site from the other two) and the fake tracker. Each
test gets a fresh browser context from pytest-playwright, so no cookie leaks.
"""

import json
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Page

from bundler.build import BUILD_DIR, LOADER_FILE
from demo_site import create_app as create_demo_app
from demo_site import create_tracker_app, start_server
from e2e.banner_actions import BannerActions
from server import create_app as create_consent_app
from server.consent.visitor_key import derive_visitor_key
from server.settings import DEFAULT_SITE_CONFIG as SITE_CONFIG
from server.testing import ConsentSite, Recorder
from server.testing.browser import launch_args

CONSENT_SECRET_KEY = "e2e"
# A real host name for loopback: cookies on localhost or an IP cannot carry a
# Domain attribute, and vanilla-cookieconsent writes one.
NAMED_HOST = "www.shop.test"


class Deferred:
    """A WSGI app set after its server is bound: the consent server must know the
    demo site's origin (CORS) and the demo site the consent server's URL."""

    app = None
    name = "deferred"

    def __call__(self, environ, start_response):
        return self.app(environ, start_response)


class LabPages:
    """Pages a test registers under ``/lab/`` on the demo site's own origin.

    Served over real HTTP (not Playwright routing): Chromium's local-network
    checks treat routed responses as public pages and block their loopback
    requests to the consent server.
    """

    name = "lab"

    def __init__(self, site_app):
        self.site_app = site_app
        self.pages = {}

    def __call__(self, environ, start_response):
        found = self.pages.get(environ.get("PATH_INFO", ""))
        if found is None:
            return self.site_app(environ, start_response)
        content_type, body, headers = found
        start_response(
            "200 OK",
            [("Content-Type", content_type), ("Cache-Control", "no-store"), *headers.items()],
        )
        return [body.encode("utf-8")]


@dataclass
class Servers:
    site: str
    consent: str
    tracker: str
    lab: LabPages = field(repr=False)
    consent_site: ConsentSite = field(init=False, repr=False)

    def __post_init__(self):
        self.consent_site = ConsentSite(self.site, self.consent)

    @property
    def named_site(self) -> str:
        """The demo site under a real host name (``NAMED_HOST``), where cookies
        can carry a ``Domain`` as vanilla-cookieconsent writes them."""
        return self.site.replace("localhost", NAMED_HOST)

    def tracker_hits(self) -> list:
        with urllib.request.urlopen(self.tracker + "/hits", timeout=5) as response:
            return json.load(response)

    def reset_tracker(self) -> None:
        request = urllib.request.Request(self.tracker + "/hits/reset", method="POST")
        urllib.request.urlopen(request, timeout=5).close()

    def records(self, consent_id: str) -> list:
        """The consent ledger's records for one visitor, read over HTTP with their access key."""
        key = derive_visitor_key(CONSENT_SECRET_KEY, consent_id)
        return self.consent_site.records(consent_id, key)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    options = {**browser_type_launch_args, **launch_args()}
    options["args"] = options["args"] + ["--host-resolver-rules=MAP " + NAMED_HOST + " 127.0.0.1"]
    return options


@pytest.fixture(scope="session")
def servers(tmp_path_factory):
    if not (BUILD_DIR / LOADER_FILE).exists():
        pytest.fail("build/consent.js is missing: run `make build` (make test does)")
    data = tmp_path_factory.mktemp("consent-db")
    tracker, tracker_url = start_server(create_tracker_app())
    deferred = Deferred()
    consent, consent_url = start_server(deferred)
    site_app = Deferred()
    lab = LabPages(site_app)
    site, site_url = start_server(lab, url_host="localhost")
    deferred.app = create_consent_app(
        {
            "DATABASE_URL": f"sqlite:///{Path(data) / 'consent.sqlite'}",
            "ALLOWED_ORIGINS": [site_url, site_url.replace("localhost", NAMED_HOST)],
            "SECRET_KEY": CONSENT_SECRET_KEY,
            "ADMIN_TOKEN": "e2e-admin-token-of-32-characters-at-least",
            "RATELIMIT_ENABLED": False,  # every test posts from 127.0.0.1
        }
    )
    site_app.app = create_demo_app(consent_url=consent_url, tracker_url=tracker_url)
    yield Servers(site_url, consent_url, tracker_url, lab)
    for server in (site, consent, tracker):
        server.shutdown()
        server.server_close()


@pytest.fixture
def consent_server_with(servers, tmp_path):
    """Start another consent server whose site config is the shipped one, changed.

    ``consent_server_with(lambda config: ...)`` edits the parsed JSON in place
    and returns the new server's URL; it stops when the test ends.
    """
    started = []

    def start(change) -> str:
        config = json.loads(SITE_CONFIG.read_text(encoding="utf-8"))
        change(config)
        path = tmp_path / f"site-{len(started)}.json"
        path.write_text(json.dumps(config), encoding="utf-8")
        app = create_consent_app(
            {
                "DATABASE_URL": f"sqlite:///{tmp_path / f'consent-{len(started)}.sqlite'}",
                "SITE_CONFIG": str(path),
                "ALLOWED_ORIGINS": [servers.site, servers.named_site],
                "SECRET_KEY": "e2e",
                "RATELIMIT_ENABLED": False,
            }
        )
        server, url = start_server(app)
        started.append(server)
        return url

    yield start
    for server in started:
        server.shutdown()
        server.server_close()


# The consent plugin's fixtures (server/testing) run against these servers, so
# the suite proves the plugin on every run.
@pytest.fixture(scope="session")
def consent_site(servers) -> ConsentSite:
    return servers.consent_site


@pytest.fixture
def recorder(page: Page, servers) -> Recorder:
    """Every request, cookie, storage key and beacon of ``page``, from its first navigation."""
    servers.reset_tracker()
    return Recorder().attach(page)


@pytest.fixture
def consent_recorder(recorder) -> Recorder:
    return recorder


@pytest.fixture
def banner(page: Page, servers, recorder) -> BannerActions:
    """The banner's actions on a page whose every request is recorded."""
    return BannerActions(page, servers)
