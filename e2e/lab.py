"""Test pages served on the demo site's own origin (see conftest.LabPages).

Each test writes exactly the markup it is about, while the banner still comes
from the real consent server and the cookie still lands on the real site.
"""

import json

from playwright.sync_api import Page, Route

from banner.names import API_EVENTS

EVENTS = ["cc:onReady", *API_EVENTS]

# window.CookieConsent answers (cc:onReady, from the loader or from Python), on a lab page.
API_READY = "() => (window.ccEvents || []).indexOf('cc:onReady') >= 0"

RECORD_EVENTS = f"""<script>
window.ccEvents = [];
{json.dumps(EVENTS)}.forEach(function (name) {{
  window.addEventListener(name, function (event) {{ window.ccEvents.push(name); }});
}});
</script>"""


def lab_page(
    page: Page,
    servers,
    path: str,
    body: str,
    *,
    head: str = "",
    lang: str = "en",
    script_attrs: str = "",
    headers: dict | None = None,
    consent: str | None = None,
) -> str:
    """Serve one HTML page at ``site/lab/<path>`` and return its URL.

    ``consent`` embeds the banner from another consent server than the default.
    """
    url = f"{servers.site}/lab/{path}"
    lang_attr = f' lang="{lang}"' if lang else ""
    html = (
        f"<!doctype html><html{lang_attr}><head><meta charset=utf-8><title>lab</title>"
        f"{RECORD_EVENTS}{head}"
        f'<script src="{consent or servers.consent}/consent.js" async {script_attrs}></script>'
        f"</head><body><main><h1>Lab</h1>{body}</main></body></html>"
    )

    servers.lab.pages[f"/lab/{path}"] = ("text/html; charset=utf-8", html, headers or {})
    return url


def serve_script(page: Page, servers, name: str, source: str) -> str:
    servers.lab.pages[f"/lab/{name}"] = ("text/javascript", source, {})
    return f"{servers.site}/lab/{name}"


# An init script: window.loaderReadyState, the document's readyState when the loader ran.
LOADER_READY_STATE = """
Object.defineProperty(window, "CookieConsentBoot", {configurable: true, set(boot) {
  Object.defineProperty(window, "CookieConsentBoot", {value: boot, writable: true});
  window.loaderReadyState = document.readyState;
}});
"""


class HeldParser:
    """A parser-blocking script (``markup``) held back until the loader has run, so the
    async loader runs while the page is still loading, before DOMContentLoaded. Open
    the page with ``wait_until="commit"``, then ``release()``."""

    def __init__(self, page: Page, servers) -> None:
        self.page, self.held, self.released = page, [], False
        url = serve_script(page, servers, "late.js", "window.lateScriptRan = true;")
        self.markup = f'<script src="{url}"></script>'
        page.add_init_script(LOADER_READY_STATE)
        page.route(url, self._hold)

    def _hold(self, route: Route) -> None:
        if self.released:
            route.continue_()
        else:
            self.held.append(route)

    def release(self) -> None:
        """Once the loader has run, let the held script (and the parse) go on."""
        self.page.wait_for_function("() => window.loaderReadyState !== undefined")
        self.released = True
        for route in self.held:
            route.continue_()
