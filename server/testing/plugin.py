"""The ``consent`` pytest plugin (entry point ``pytest11``), on top of pytest-playwright.

``pytest --consent-server URL --site-url URL`` (or the ini settings
``consent_server`` and ``consent_site_url``) and a test gets:

- ``consent_site``: the site and its consent server (config per language, ledger records);
- ``consent_recorder``: every request, cookie, storage key and beacon of ``page``;
- ``consent_banner``: the banner's clicks on ``page``, recorded from the first navigation;
- ``consented_page``: ``consented_page("all" | "none" | ["analytics"] | {...}, path)``
  opens ``page`` with that choice already stored, as the banner stores it.
"""

import time

import pytest

from .banner import STARTED, ConsentBanner
from .recorder import Recorder
from .site import ConsentSite
from .state import stored_consent_cookie


def pytest_addoption(parser) -> None:
    group = parser.getgroup("consent", "cookie consent")
    group.addoption("--consent-server", help="URL of the consent server that serves the banner")
    group.addoption("--site-url", help="URL of the site under test")
    parser.addini("consent_server", "URL of the consent server that serves the banner")
    parser.addini("consent_site_url", "URL of the site under test")


def _setting(config, option: str, ini: str) -> str:
    value = config.getoption(option) or config.getini(ini)
    if not value:
        pytest.fail(f"set --{option.replace('_', '-')} or the ini setting {ini}", pytrace=False)
    return value


@pytest.fixture(scope="session")
def consent_site(pytestconfig) -> ConsentSite:
    return ConsentSite(
        _setting(pytestconfig, "site_url", "consent_site_url"),
        _setting(pytestconfig, "consent_server", "consent_server"),
    )


@pytest.fixture
def consent_recorder(page) -> Recorder:
    return Recorder().attach(page)


@pytest.fixture
def consent_banner(page, consent_site, consent_recorder) -> ConsentBanner:
    return ConsentBanner(page, consent_site)


@pytest.fixture
def consented_page(page, consent_site, consent_recorder):
    """Open ``page`` at ``path`` with a choice stored; returns the stored state."""

    def open_with(wanted, path: str = "/", lang: str | None = None) -> dict:
        config = consent_site.config(lang)
        stored = stored_consent_cookie(
            config, consent_site.site_url, wanted, int(time.time() * 1000), config["language"]
        )
        page.context.add_cookies([stored["cookie"]])
        page.goto(consent_site.site_url + path)
        page.wait_for_function(STARTED)
        return stored["state"]

    return open_with
