"""Dated screenshots of what visitors are shown, archived with their hashes in the ledger.

``flask --app server consent snapshot`` serves this app and a blank host
page on loopback, opens the page in Chromium once per language (fresh
context, reduced motion, the banner's own bundle and texts), and captures
the first layer and the preferences dialog. The PNGs are archived
(``publications.py``) and one ``published`` event names them, the edition
they show and the time they were taken: the CNIL's "dated screenshot per
version". Chromium is found as the end-to-end tests find it (Playwright's
own, else Debian's ``/usr/bin/chromium``); Playwright is the ``snapshot``
extra.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask
from werkzeug.serving import WSGIRequestHandler, make_server

from ..site_config import current_site
from ..testing.browser import chromium_executable, launch_args
from . import publications
from .records import Row, iso_utc, utc_now

VIEWPORT = {"width": 1280, "height": 800}
READY = "addEventListener('cc:onReady', () => { window.__ccReady = true })"
TIMEOUT_MS = 30_000


class SnapshotError(RuntimeError):
    """No browser to take the screenshots with, or the banner did not show."""


class _Quiet(WSGIRequestHandler):
    def log_request(self, *args: Any) -> None:
        """The command prints what it archived; a line per request would bury it."""


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """``app`` on a free loopback port for the duration; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


def host_page(consent_origin: str) -> Any:
    """A blank page that embeds the banner as a site does; ``?lang=`` picks the language."""

    def page(environ: dict, start_response: Any) -> list[bytes]:
        lang = environ.get("QUERY_STRING", "").removeprefix("lang=")[:8]
        tag = f'<script src="{consent_origin}/consent.js" data-lang="{lang}" async></script>'
        body = f'<!doctype html><html lang="{lang}"><title>snapshot</title>{tag}</html>'
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        return [body.encode()]

    return page


def capture(host: str, languages: list[str]) -> dict[str, bytes]:
    """PNG per layer and language: ``first-layer-nl.png``, ``preferences-nl.png`` …"""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as error:
        raise SnapshotError(
            "consent snapshot needs Playwright: pip install '.[snapshot]'"
        ) from error
    if chromium_executable() is None:
        raise SnapshotError("no Chromium: run `playwright install chromium` or install chromium")
    shots = {}
    options = launch_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**options)
        try:
            for lang in languages:
                context = browser.new_context(viewport=VIEWPORT, reduced_motion="reduce")
                page = context.new_page()
                page.set_default_timeout(TIMEOUT_MS)
                page.add_init_script(READY)
                try:
                    page.goto(f"{host}/?lang={lang}")
                    page.wait_for_function("() => window.__ccReady === true")
                    page.locator("#cc-consent").wait_for(state="visible")
                    shots[f"first-layer-{lang}.png"] = page.screenshot()
                    page.evaluate("() => window.CookieConsent.showPreferences()")
                    page.locator("#cc-preferences [role=dialog]").wait_for(state="visible")
                    shots[f"preferences-{lang}.png"] = page.screenshot()
                except Error as error:
                    raise SnapshotError(f"the banner did not show in {lang}: {error}") from error
                finally:
                    context.close()
        finally:
            browser.close()
    return shots


def in_own_thread(function, *args):
    """``function(*args)`` on a thread of its own: Playwright's sync API refuses a thread
    that already runs an asyncio loop (a caller's own, or another Playwright session)."""
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["value"] = function(*args)
        except BaseException as error:  # handed to the caller, whatever it was
            outcome["error"] = error

    worker = threading.Thread(target=work, name="consent-snapshot")
    worker.start()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def snapshot(app: Flask) -> Row:
    """Capture every language and publish the screenshots; returns the ``published`` event."""
    edition = publications.publish_current()
    taken = utc_now()
    with serving(app) as consent, serving(host_page(consent)) as host:
        shots = in_own_thread(capture, host, current_site().languages)
    items = [publications.Item("screenshot", name, "image/png", png) for name, png in shots.items()]
    details = {
        "edition": edition,
        "takenAt": iso_utc(taken),
        "screenshots": {item.name: item.digest for item in items},
    }
    items.append(
        publications.json_item("screenshots", f"screenshots-{iso_utc(taken)}.json", details)
    )
    event = publications.publish(items, details)
    assert event is not None  # a new time makes a new set
    return event
