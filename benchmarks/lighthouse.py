"""Lighthouse's mobile performance audit of each host-page variant (issue 13).

Lighthouse 12.2.3 (npm, pinned in ``package-lock.json``) runs from
``node_modules`` with its default mobile preset (simulated slow 4G, 4× CPU)
on Debian's or Playwright's Chromium, headless, against the benchmark's own
servers: what a site owner sees in PageSpeed Insights, on loopback. Each run
is a first visit in a fresh browser profile; the variants take turns.
"""

import json
import os
import subprocess
import tempfile
from pathlib import Path

from server.testing.browser import QUIET_FLAGS

CLI = Path(__file__).resolve().parent.parent / "node_modules" / "lighthouse" / "cli" / "index.js"
VERSION = "12.2.3"
RATE = 4  # the CPU slowdown of Lighthouse's mobile preset
RUN_S = 180  # one audit; Lighthouse stops a page load itself after 45 s


def chrome_flags() -> str:
    flags = ["--headless=new", *QUIET_FLAGS]
    if os.geteuid() == 0:
        flags.append("--no-sandbox")  # Chromium refuses its sandbox as root
    return " ".join(flags)


def audit(url: str, chromium: str) -> dict:
    """Score (0-100), Total Blocking Time and Largest Contentful Paint (ms) of one run."""
    with tempfile.TemporaryDirectory() as out:
        report = Path(out) / "report.json"
        subprocess.run(
            [
                "node",
                str(CLI),
                url,
                "--quiet",
                "--only-categories=performance",
                "--output=json",
                f"--output-path={report}",
                f"--chrome-flags={chrome_flags()}",
            ],
            env={**os.environ, "CHROME_PATH": chromium},
            check=True,
            timeout=RUN_S,
            capture_output=True,
        )
        found = json.loads(report.read_text(encoding="utf-8"))
    if found.get("runtimeError"):
        raise RuntimeError(f"Lighthouse: {found['runtimeError']['message']}")
    audits = found["audits"]
    return {
        "lh_score": found["categories"]["performance"]["score"] * 100,
        "lh_tbt": audits["total-blocking-time"]["numericValue"],
        "lh_lcp": audits["largest-contentful-paint"]["numericValue"],
    }


def audits(urls: dict[str, str], runs: int, chromium: str | None) -> dict[str, dict[str, list]]:
    """``runs`` audits of every variant's URL on ``chromium``, run i of all before run i + 1."""
    if chromium is None or not CLI.exists():
        raise RuntimeError("Lighthouse needs `npm ci` and a Chromium (make chromium)")
    found: dict[str, dict[str, list]] = {variant: {} for variant in urls}
    for _ in range(runs):
        for variant, url in urls.items():
            for metric, value in audit(url, chromium).items():
                found[variant].setdefault(metric, []).append(value)
    return found
