"""Which Chromium drives the banner, and how it is launched.

One answer for the end-to-end tests, the site audit, ``consent snapshot``,
the page benchmark and ``make test``'s check (``scripts/ensure_chromium.py``):
Playwright's own Chromium where ``playwright install`` put one, else Debian's.
"""

import os
from pathlib import Path

SYSTEM_CHROMIUM = "/usr/bin/chromium"
# Without these, Chromium keeps dialling Google services that this closed
# network refuses, which slows every test for nothing.
QUIET_FLAGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def playwright_chromium():
    """Playwright's own downloaded Chromium, if one is installed."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        path = playwright.chromium.executable_path
    return path if path and Path(path).exists() else None


def chromium_executable():
    """The executable to use, or None: Playwright's own first, then Debian's."""
    own = playwright_chromium()
    if own:
        return own
    return SYSTEM_CHROMIUM if Path(SYSTEM_CHROMIUM).exists() else None


def launch_args() -> dict:
    """Launch options for pytest-playwright's browser_type_launch_args fixture."""
    args = list(QUIET_FLAGS)
    if os.geteuid() == 0:
        args.append("--no-sandbox")  # Chromium refuses its sandbox as root
    options = {"args": args}
    if not playwright_chromium() and Path(SYSTEM_CHROMIUM).exists():
        options["executable_path"] = SYSTEM_CHROMIUM
    return options
