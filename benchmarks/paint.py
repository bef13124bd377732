"""The host page's DOMContentLoaded and first paint, with loads enough to judge 5% (issue 13).

``make bench-paint`` (or ``python -m benchmarks.paint [--loads N]``) starts the
same servers as ``make bench-page`` and makes first visits only: each a fresh
context (cold cache), timed without DevTools' network events, one visit of
each variant in turn, the order rotated every round. Besides no banner,
vanilla and both of ours, it loads two controls: the page with an empty async
script from another site and from its own, which show what any async script
costs the page from where each of ours comes.
``make bench-page`` makes 21 such visits per variant and rate; this makes
``--loads`` (80). Each ratio to the no-banner page gets a 95% bootstrap
interval (paired by round), and a target is judged met or not met only where
the interval allows it. Writes the ``paint`` section of ``benchmarks/results.md``.
"""

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from banner.config import parse_config
from server.settings import DEFAULT_SITE_CONFIG as SITE_CONFIG
from server.testing.browser import launch_args

from . import vanilla
from .host_pages import ACCEPT_ALL, CONTROLS, NONE
from .page import RATES, WAIT_MS, cpu_model
from .page_servers import running_servers
from .paint_report import PAINT_VARIANTS, Samples, section
from .probe import load_page
from .report import write_section

DEFAULT_LOADS = 80
ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "build" / "bench-paint-samples.json"


def measure(browser, origins, loads: int, deadline: float) -> tuple[Samples, int, list[str]]:
    """``loads`` rounds per rate, each a first visit of every variant; the samples, the
    rounds completed at the last rate, and what went wrong."""
    samples: Samples = defaultdict(lambda: defaultdict(list))
    problems, done = [], 0
    for rate in RATES:
        done = 0
        while done < loads and time.monotonic() < deadline:
            turn = done % len(PAINT_VARIANTS)
            for variant in PAINT_VARIANTS[turn:] + PAINT_VARIANTS[:turn]:
                context = browser.new_context()
                try:
                    load = load_page(
                        context,
                        origins.page(variant),
                        selector=ACCEPT_ALL.get(variant),
                        banner_origin=origins.banner(variant),
                        rate=rate,
                        ready="painted" if variant in (NONE, *CONTROLS.values()) else "visible",
                        timeout_ms=WAIT_MS,
                    )
                except PlaywrightError as error:
                    problems.append(f"{variant} at {rate:g}×: {error.message.splitlines()[0]}")
                    load = None  # the round keeps its place, so the others stay paired
                finally:
                    context.close()
                if load is not None and load.ran is not None:
                    problems.append(f"{variant} at {rate:g}×: consented script ran without consent")
                measured = samples[(variant, rate)]
                for metric in ("dcl", "fcp"):
                    measured[metric].append(None if load is None else getattr(load, metric))
            done += 1
            if done % 10 == 0:
                print(f"{rate:g}×: {done} of {loads} rounds", file=sys.stderr)
    return samples, done, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=DEFAULT_LOADS, help="per variant and rate")
    parser.add_argument("--max-minutes", type=float, default=60, help="stop starting new rounds")
    args = parser.parse_args(argv)
    site_config = parse_config(json.loads(SITE_CONFIG.read_text(encoding="utf-8")))
    deadline = time.monotonic() + args.max_minutes * 60
    load_before = os.getloadavg()[0]
    launch = launch_args()  # before sync_playwright: it starts a Playwright of its own
    with (
        running_servers(site_config, vanilla.vanilla_files()) as origins,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(headless=True, **launch)
        try:
            samples, done, problems = measure(browser, origins, args.loads, deadline)
        finally:
            chromium = browser.version
            browser.close()
    about = [
        f"Written by `make bench-paint` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"Machine: {cpu_model()}, {os.cpu_count()} cores; load average {load_before:.2f} "
        f"before, {os.getloadavg()[0]:.2f} after",
        f"Chromium {chromium} headless; first visits only, fresh context (cold cache), "
        "timed without DevTools' network events; at "
        + " and ".join(f"{r:g}×" for r in RATES)
        + " CPU (`Emulation.setCPUThrottlingRate`)",
        f"{args.loads} rounds planned per rate, {done} completed at the last; a round is one "
        "first visit of each variant, the order rotated every round",
        "Embedding as in `make bench-page`; the controls are the no-banner page with "
        '`<script src="…/empty.js" async>` (a comment), from vanilla\'s origin and from '
        "the page's own",
        "A first paint lands on a frame (16.7 ms at 60 Hz): medians move in such steps",
    ]
    SAMPLES.parent.mkdir(exist_ok=True)
    SAMPLES.write_text(
        json.dumps({f"{v} {r:g}": metrics for (v, r), metrics in samples.items()}), "utf-8"
    )
    about.append(f"Every load's times, by round: `{SAMPLES.relative_to(ROOT)}` (not kept in git)")
    text = section(about, samples, RATES)
    if problems:
        text += "\nProblems:\n\n" + "\n".join(f"- {line}" for line in problems) + "\n"
    print(text)
    write_section("paint", text)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
