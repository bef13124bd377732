"""Page speed of the host page with no banner, vanilla-cookieconsent 3.1.0 and ours (issue 6).

Ours twice: from another site, and from the page's own (``host_pages.OURS_SAME_SITE``).

``make bench-page`` (or ``python -m benchmarks.page [--runs N]``) starts the
host site, the consent server and a server for vanilla's files on loopback,
then loads the page in headless Chromium: per run, every variant at every
CPU slowdown, in a rotating order (run i of all before run i+1), the timed
first visits a visit of each variant at a time. Each visit
is a first visit in a fresh context (cold cache), a repeat visit in the same
context (warm cache), and for the banners a returning visitor whose
``cc_cookie`` accepts analytics (an earlier visit, then one with an empty
HTTP cache). Medians go to stdout and to the ``page``
section of ``benchmarks/results.md``. Every wait has a time-out, the whole run
a deadline; the servers and the browser stop when it ends.
"""

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import time
import urllib.request
import uuid
from collections import defaultdict
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import Browser, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from banner.config import parse_config
from banner.consent import new_state
from banner.cookie import encode_value
from server.settings import DEFAULT_SITE_CONFIG as SITE_CONFIG
from server.testing.browser import chromium_executable, launch_args

from . import blocking, lighthouse, vanilla
from .host_pages import ACCEPT_ALL, NONE, VARIANTS
from .page_report import section
from .page_servers import Origins, running_servers
from .page_targets import verdicts
from .probe import Load, Press, load_page, press_answer
from .report import write_section
from .stats import summarize

RATES = (1, 4)
DEFAULT_RUNS = 7
# Loads per run and variant of a timed first visit, and of a returning visitor:
# on this 2-core machine a host page's DOMContentLoaded moves by 100 ms from
# one load to the next at 4×, so one load per run left medians to chance.
TIMED_FIRST_VISITS = 3
TIMED_RETURNING = 2
WAIT_MS = 60_000  # one page load; a 4× slowdown of the full Brython runtime fits easily


def returning_visitor_cookie(site_config: dict, host: str) -> dict:
    """A valid v3 ``cc_cookie`` accepting analytics, written by our banner's own code."""
    now_ms = int(time.time() * 1000)
    state = new_state(site_config, {"analytics": None}, None, str(uuid.uuid4()), now_ms, "en")
    value = encode_value(state, json.dumps, lambda text: quote(text, safe=""))
    return {
        "name": "cc_cookie",
        "value": value,
        "url": host,
        "expires": state["expirationTime"] / 1000,
        "sameSite": "Lax",
    }


def _ready(variant: str) -> str:
    """What a first visit waits for: the banner's Accept all, or the bare page's paint."""
    return "painted" if variant == NONE else "visible"


class Session:
    """One benchmark run's browser, servers and collected samples."""

    def __init__(self, browser: Browser, origins: Origins, cookie: dict) -> None:
        self.browser, self.origins, self.cookie = browser, origins, cookie
        self.samples = defaultdict(lambda: defaultdict(list))
        self.problems: list[str] = []
        self.encodings: dict[str, str] = {}
        self.returning_ok = 0
        self.busiest = os.getloadavg()[0]  # the machine's load, other users' included

    def run(self, runs: int, deadline: float) -> int:
        """Run i of every variant at every rate before run i + 1; the runs completed.

        The timed first visits go round the variants a visit at a time: the host
        page's DCL and FCP are judged to within 5%, and the machine's load drifts
        by more than that in the minutes one variant's visits take.
        """
        done, where = 0, ""
        try:
            while done < runs and time.monotonic() < deadline:
                order = VARIANTS[done % len(VARIANTS) :] + VARIANTS[: done % len(VARIANTS)]
                for rate in RATES:
                    for visit in range(1, TIMED_FIRST_VISITS + 1):
                        for variant in order:
                            where = f" in {variant}'s first visit {visit} at {rate:g}×"
                            self.first_visit(variant, rate)
                    for variant in order:
                        where = f" in {variant} at {rate:g}×"
                        self.visit(variant, rate)
                done += 1
                self.busiest = max(self.busiest, os.getloadavg()[0])
                print(f"run {done}/{runs} done", file=sys.stderr)
        except PlaywrightError as error:
            self.problems.append(f"run {done + 1} stopped{where}: {error.message.splitlines()[0]}")
        return done

    def load(self, context, variant: str, rate: float, ready: str, **options) -> Load:
        found = load_page(
            context,
            self.origins.page(variant),
            selector=ACCEPT_ALL.get(variant),
            banner_origin=self.origins.banner(variant),
            rate=rate,
            ready=ready,
            timeout_ms=WAIT_MS,
            **options,
        )
        self.encodings.update(found.encodings)
        return found

    def visit(self, variant: str, rate: float) -> None:
        """After the timed first visits: a first and a repeat visit, counting bytes, in
        one context; then returning visitors and a press."""
        add = self.samples[(variant, rate)]
        ready = _ready(variant)
        context = self.browser.new_context()
        try:
            counted = self.load(context, variant, rate, ready, count_bytes=True)
            repeat = self.load(context, variant, rate, ready, count_bytes=True)
        finally:
            context.close()
        add["visible_warm"].append(repeat.visible)
        for load, when in ((counted, "cold"), (repeat, "warm")):
            add[f"bytes_total_{when}"].append(load.bytes_total)
            add[f"bytes_banner_{when}"].append(load.bytes_banner if variant != NONE else None)
            self.check_nothing_ran(load, variant, rate)
        if variant != NONE:
            for _ in range(TIMED_RETURNING):
                returning = self.returning(variant, rate)
                add["consented"].append(returning.ran)
                add["longest_returning"].append(blocking.longest(returning.tasks))
                add["tbt_returning"].append(blocking.blocking_time(returning.tasks))
            press = self.press(variant, rate)
            add["press"].append(press.answer)
            add["press_saved"].append(press.saved)
            add["longest_press"].append(blocking.longest(press.tasks))
            add["tbt_press"].append(blocking.blocking_time(press.tasks))

    def first_visit(self, variant: str, rate: float) -> None:
        """A first visit in a fresh context: the host page's times and long tasks."""
        add = self.samples[(variant, rate)]
        context = self.browser.new_context()
        try:
            first = self.load(context, variant, rate, _ready(variant))
        finally:
            context.close()
        self.check_nothing_ran(first, variant, rate)
        add["visible_cold"].append(first.visible)
        for metric in ("dcl", "fcp", "cls"):
            add[metric].append(getattr(first, metric))
        # After the first layer is visible (the no-banner page: after its first paint).
        shown = blocking.after(first.tasks, first.visible or first.fcp or 0)
        add["longest_shown"].append(blocking.longest(shown))
        add["tbt_shown"].append(blocking.blocking_time(shown))
        add["tbt_load"].append(blocking.blocking_time(first.tasks))

    def check_nothing_ran(self, load: Load, variant: str, rate: float) -> None:
        if load.ran is not None:
            self.problems.append(f"{variant} {rate:g}×: consented script ran without consent")

    def press(self, variant: str, rate: float) -> Press:
        """A first visit whose "Accept all" is pressed the moment it is visible."""
        context = self.browser.new_context()
        try:
            return press_answer(
                context,
                self.origins.page(variant),
                selector=ACCEPT_ALL[variant],
                rate=rate,
                timeout_ms=WAIT_MS,
            )
        finally:
            context.close()

    def returning(self, variant: str, rate: float) -> Load:
        """A visitor who chose on an earlier visit, measured with an empty HTTP cache.

        The earlier visit (unmeasured) leaves what each banner keeps besides
        the cookie; ours, the verdict its loader replays (banner/replay.py).
        """
        context = self.browser.new_context()
        try:
            context.add_cookies([self.cookie])
            self.load(context, variant, 1, "ran")
            load = self.load(context, variant, rate, "ran", empty_cache=True)
        finally:
            context.close()
        if load.visible is not None or load.shown_at_end:
            self.problems.append(f"{variant} {rate:g}×: banner shown despite stored consent")
        else:
            self.returning_ok += 1
        return load


def _runtime_path(consent_origin: str) -> str:
    """The content-hashed runtime the loader links to."""
    with urllib.request.urlopen(f"{consent_origin}/consent.js", timeout=120) as response:
        loader = response.read().decode("utf-8")
    return "/" + re.search(r"consent\.[0-9a-f]{16}\.js", loader).group(0)


def served_sizes(origins: Origins) -> dict[str, dict[str, int]]:
    """Body bytes per content-coding, as each server sends them; also warms their caches."""
    runtime = _runtime_path(origins.consent)
    files = {
        "this banner: /consent.js (loader)": f"{origins.consent}/consent.js",
        f"this banner: {runtime} (runtime)": f"{origins.consent}{runtime}",
        "vanilla: cookieconsent.umd.js": f"{origins.vendor}/cookieconsent.umd.js",
        "vanilla: cookieconsent.css": f"{origins.vendor}/cookieconsent.css",
    }
    sizes = {}
    for name, url in files.items():
        sizes[name] = {}
        for coding in ("identity", "gzip", "br"):
            request = urllib.request.Request(url, headers={"Accept-Encoding": coding})
            with urllib.request.urlopen(request, timeout=120) as response:
                sizes[name][coding] = len(response.read())
    return sizes


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def about(chromium: str, runs: int, planned: int, load_before: float, session: Session) -> list:
    codings = ", ".join(f"`{path}` {coding}" for path, coding in sorted(session.encodings.items()))
    return [
        f"Written by `make bench` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"Machine: {cpu_model()}, {os.cpu_count()} cores; load average "
        f"{load_before:.2f} before, up to {session.busiest:.2f} during the run",
        f"Chromium {chromium} headless; Brython {version('brython')}; "
        f"vanilla-cookieconsent {vanilla.VERSION}; Python {platform.python_version()}; "
        f"Lighthouse {lighthouse.VERSION}, mobile preset (simulated slow 4G, 4× CPU), "
        f"{runs} runs per variant",
        f"{runs} interleaved runs (of {planned} planned"
        + (
            f"; fewer than {DEFAULT_RUNS}: a quick look, not a result"
            if runs < DEFAULT_RUNS
            else ""
        )
        + "), each variant at "
        + " and ".join(f"{r:g}×" for r in RATES)
        + " CPU (`Emulation.setCPUThrottlingRate`), order rotated per run",
        f"Per run and variant: {TIMED_FIRST_VISITS} first visits, one of each variant in "
        "turn, each in a fresh context (cold cache), timed without DevTools' network events, "
        "which slow a page's scripts; "
        "one more first visit counting bytes and a repeat visit in its context (warm cache); "
        f"{TIMED_RETURNING} returning visitors with a stored `cc_cookie` accepting analytics "
        "(banners only): after an unmeasured earlier visit, which leaves what a banner keeps "
        "besides its cookie, the HTTP cache is emptied; and (banners only) a first visit "
        'whose "Accept all" gets a real mouse press the moment it is visible',
        "Long tasks (`PerformanceObserver('longtask')`, over 50 ms): the longest and the total "
        'blocking time (each task\'s part past 50 ms) after "Accept all" is visible (no '
        "banner: after first paint) until the network is idle, over a returning visitor's "
        "whole page load, and from a press until the network is idle again; press to "
        "answer: from the press event's time stamp to the first frame after the banner "
        "changed its markup; to stored: to the first frame whose `document.cookie` holds "
        "`cc_cookie`",
        "Servers: real HTTP/1.1 on loopback (werkzeug, threaded), each in its own process; "
        "vanilla's files on their own origin with the same compression, ETag and "
        "`max-age=300` as `/consent.js`; "
        f"content-coding Chromium got: {codings or 'none recorded'}",
        "Embedding: ours `<script async>` in `<head>`, from the consent server on "
        "`127.0.0.1` (another site than the page's `localhost`) and, same site, on "
        "`localhost`; vanilla as documented, stylesheet in "
        "`<head>`, UMD script `defer`, `CookieConsent.run()` on DOMContentLoaded with our site "
        "config's categories, services, cookie tables, texts and revision, `hideFromBots: false`",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS, help="interleaved runs (≥ 7)")
    parser.add_argument("--max-minutes", type=float, default=40, help="stop starting new runs")
    args = parser.parse_args(argv)
    site_config = parse_config(json.loads(SITE_CONFIG.read_text(encoding="utf-8")))
    files = vanilla.vanilla_files()
    deadline = time.monotonic() + args.max_minutes * 60
    load_before = os.getloadavg()[0]
    launch = launch_args()  # before sync_playwright: it starts a Playwright of its own
    chromium_path = chromium_executable()
    with running_servers(site_config, files) as origins, sync_playwright() as playwright:
        sizes = served_sizes(origins)
        browser = playwright.chromium.launch(headless=True, **launch)
        session = Session(browser, origins, returning_visitor_cookie(site_config, origins.host))
        try:
            runs = session.run(args.runs, deadline)
        finally:
            chromium = browser.version
            browser.close()
        try:
            urls = {v: origins.page(v) for v in VARIANTS}
            audited = lighthouse.audits(urls, args.runs, chromium_path)
        except (RuntimeError, OSError, subprocess.SubprocessError) as error:
            session.problems.append(f"Lighthouse did not run: {error}")
            audited = {}
    # Every (variant, rate) gets a row, also when a stopped run left it without samples.
    results = {
        (variant, rate): {m: summarize(v) for m, v in session.samples[(variant, rate)].items()}
        for variant in VARIANTS
        for rate in RATES
    }
    for variant, metrics in audited.items():  # Lighthouse's mobile preset is 4× CPU
        results[(variant, lighthouse.RATE)].update({m: summarize(v) for m, v in metrics.items()})
    checks = list(session.problems) or ["no consented script ran without consent"]
    checks.append(
        f"returning visitors: {session.returning_ok} loads ran the consented script "
        "with no banner shown"
    )
    text = section(
        about(chromium, runs, args.runs, load_before, session),
        sizes,
        results,
        RATES,
        verdicts(results, RATES),
        checks,
    )
    print(text)
    write_section("page", text)
    return 1 if session.problems else 0


if __name__ == "__main__":
    sys.exit(main())
