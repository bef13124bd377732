"""The site audit (``flask consent audit``) against the live demo site: the correct pages
pass, each deliberately broken page (demo_site/broken.py) is caught with the element or
script responsible named, and ``--draft-config`` proposes what the cookie tables lack."""

import json
import os
import socket
import subprocess
import sys

from e2e.lab import lab_page

# A bound on one audit run (a few pages in three states); it stops by itself well before.
AUDIT_TIMEOUT_SECONDS = 300
DRAFT_HEADING = "Draft site-config fragment"


def run_audit(tmp_path, *args: str):
    """Run the real command in its own process; its exit status, output and JSON report."""
    report = tmp_path / "audit.json"
    env = {**os.environ, "CONSENT_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite'}"}
    command = [sys.executable, "-m", "flask", "--app", "server", "consent", "audit"]
    result = subprocess.run(
        [*command, *args, "--settle-ms", "600", "--json", str(report)],
        capture_output=True,
        text=True,
        timeout=AUDIT_TIMEOUT_SECONDS,
        env=env,
        check=False,
    )
    assert report.exists(), result.stderr
    return result, json.loads(report.read_text(encoding="utf-8"))


def test_a_site_it_cannot_audit_exits_2_saying_why(servers, tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/"
    env = {**os.environ, "CONSENT_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite'}"}
    for url, reason in [
        (closed, f"no choice: cannot load {closed}"),
        (servers.tracker + "/hits", "does not load the banner (/consent.js)"),
    ]:
        result = subprocess.run(
            [sys.executable, "-m", "flask", "--app", "server", "consent", "audit", url],
            capture_output=True,
            text=True,
            timeout=AUDIT_TIMEOUT_SECONDS,
            env=env,
            check=False,
        )
        assert result.returncode == 2, result.stderr
        assert reason in result.stderr


def names(items: list) -> set:
    return {item["name"] for item in items}


def test_the_correct_demo_pages_pass_and_each_state_lists_what_it_saw(servers, tmp_path):
    result, report = run_audit(tmp_path, servers.site + "/en/", "--max-pages", "3")
    assert result.returncode == 0, result.stdout
    assert [f for f in report["findings"] if f["kind"] != "unseen"] == []
    states = report["states"]
    assert len(states["no choice"]["pages"]) == 3
    for state in ("no choice", "reject all"):
        assert [r["url"] for r in states[state]["requests"] if r["third_party"]] == []
        assert not names(states[state]["cookies"]) & {"_ga", "_gid", "_ga_DEMO", "_fm_px"}
    accepted = states["accept all"]
    assert {"_ga", "_gid", "_ga_DEMO", "cc_cookie"} <= names(accepted["cookies"])
    assert {c["category"] for c in accepted["cookies"] if c["name"] == "_ga"} == {"analytics"}
    assert any(r["url"].startswith(servers.tracker + "/collect") for r in accepted["requests"])
    assert {"cc_receipt", "cc_replay", "cc_access"} <= names(states["reject all"]["storage"])
    assert {s["category"] for s in states["reject all"]["storage"]} == {"necessary"}
    assert "_ga [analytics]" in result.stdout  # the terminal table, per state


BROKEN = {
    "unblocked-tag": ("escape", "/gtag/js?id=G-LEAK", '<script async="" src='),
    "noscript-pixel": ("escape", "/pixel.gif?page=noscript", "<noscript><img"),
    "late-tracker": ("escape", "/pixel.gif?page=late", "added by the script "),
    "undeclared-cookie": ("undeclared", "fm_ab_variant", "/broken/ab-test.js:1"),
    "unknown-category": ("dead-markup", "statistics", 'data-category="statistics"'),
}


def test_each_broken_page_is_caught_naming_what_is_responsible(servers, tmp_path):
    pages = [f"{servers.site}/broken/{name}" for name in BROKEN]
    result, report = run_audit(tmp_path, *pages, "--max-pages", str(len(pages)))
    assert result.returncode == 1
    found = {}
    for finding in report["findings"]:
        if finding["state"] == "no choice":
            found.setdefault(finding["page"].rsplit("/", 1)[-1], []).append(finding)
    for name, (kind, subject, element) in BROKEN.items():
        assert any(
            f["kind"] == kind and f["subject"].endswith(subject) and element in f["element"]
            for f in found.get(name, [])
        ), (name, found.get(name))
    late = next(f for f in found["late-tracker"] if f["subject"].endswith("page=late"))
    assert late["element"].endswith(f"script {servers.site}/broken/widget.js:5)")
    rejected = {(f["page"], f["subject"]) for f in report["findings"] if f["state"] == "reject all"}
    assert (pages[0], servers.tracker + "/gtag/js?id=G-LEAK") in rejected
    assert "escape" in result.stdout and "G-LEAK" in result.stdout


def without_analytics_cookies(config: dict) -> None:
    analytics = next(c for c in config["categories"] if c["id"] == "analytics")
    analytics["services"][0]["cookies"] = []


def test_draft_config_proposes_ga_and_gid_under_analytics_from_google(
    page, servers, consent_server_with, tmp_path
):
    consent = consent_server_with(without_analytics_cookies)
    url = lab_page(
        page,
        servers,
        "draft",
        f"""
        <script type="text/plain" data-category="analytics" data-service="google-analytics"
          data-src="{servers.tracker}/gtag/js?id=G-DRAFT"></script>
        <script type="text/plain" data-category="analytics" data-service="google-analytics">
          window.dataLayer = window.dataLayer || [];
          function gtag(){{dataLayer.push(arguments);}}
          gtag('js', new Date()); gtag('config', 'G-DRAFT');
        </script>""",
        consent=consent,
    )
    result, report = run_audit(tmp_path, url, "--max-pages", "1", "--draft-config")
    assert result.returncode == 1  # undeclared cookies fail the default --fail-on
    undeclared = {f["subject"] for f in report["findings"] if f["kind"] == "undeclared"}
    assert {"_ga", "_gid", "_ga_DRAFT"} <= undeclared
    draft = json.loads(result.stdout.split(DRAFT_HEADING, 1)[1].split("\n", 1)[1])
    analytics = next(c for c in draft["categories"] if c["id"] == "analytics")
    cookies = {c["name"]: c for s in analytics["services"] for c in s["cookies"]}
    assert {"_ga", "_gid", "_ga_*"} <= set(cookies)
    assert {cookies[n]["provider"] for n in ("_ga", "_gid")} == {"Google"}
    assert cookies["_gid"]["lifetime"] == {"nl": "[check] 24 hours", "en": "[check] 24 hours"}
