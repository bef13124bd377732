"""The plugin's banner actions (server/testing/banner.py) on the demo site's pages."""

import json

from banner.config import localize, parse_config
from server.settings import DEFAULT_SITE_CONFIG
from server.testing.banner import STARTED as STARTED
from server.testing.banner import ConsentBanner, button_names

_CONFIG = parse_config(json.loads(DEFAULT_SITE_CONFIG.read_text("utf-8")))
BUTTONS = {lang: button_names(localize(_CONFIG, lang)) for lang in _CONFIG["languages"]}
# Python itself runs.
PYTHON_RUNS = "() => window.CookieConsentBoot !== undefined && CookieConsentBoot.ready"
# An init script: a browser without the Cookie Store API, where the loader reads
# document.cookie instead.
NO_COOKIE_STORE = "Object.defineProperty(window, 'cookieStore', {value: undefined});"
# An init script: a Cookie Store API that has not answered by DOMContentLoaded (it
# never does), where the loader must read document.cookie.
SILENT_COOKIE_STORE = "CookieStore.prototype.get = function () { return new Promise(() => {}); };"


def first_input(page) -> None:
    """A first visit's first input (the pointer moves), which starts Python; returns
    once Python runs."""
    page.mouse.move(3, 3)
    page.wait_for_function(PYTHON_RUNS)


class BannerActions(ConsentBanner):
    def __init__(self, page, servers, lang: str = "en"):
        super().__init__(page, servers.consent_site, lang)
        self.servers = servers

    def open(self, path: str = "/en/") -> None:
        super().open(path)
