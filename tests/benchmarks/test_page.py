"""The page-speed benchmark's pure parts: statistics, verdicts, tables, pages, file server.

No page is loaded and nothing is timed here; ``make bench-page`` does that.
"""

import gzip
import json

import brotli
import pytest

from banner.config import parse_config
from benchmarks import blocking
from benchmarks.host_pages import (
    ACCEPT_ALL,
    CONSENTED_SCRIPT,
    NONE,
    OURS,
    OURS_SAME_SITE,
    VANILLA,
    VARIANTS,
    page_html,
    vanilla_config,
)
from benchmarks.page_report import TIMES, cell, table, verdict_lines
from benchmarks.page_servers import Origins
from benchmarks.page_targets import Verdict, verdicts
from benchmarks.static_site import StaticFile, create_static_app
from benchmarks.stats import Summary, summarize
from server.settings import DEFAULT_SITE_CONFIG

SITE = parse_config(json.loads(DEFAULT_SITE_CONFIG.read_text(encoding="utf-8")))


def flat(value: float) -> Summary:
    return Summary(value, value, value, value, value, 7)


def results(changes: dict | None = None) -> dict:
    """Results where ours equals vanilla and the page without a banner, at 1× and 4×."""
    base = {
        "visible_cold": flat(500),
        "dcl": flat(100),
        "fcp": flat(200),
        "cls": flat(0),
        "consented": flat(300),
        "bytes_banner_cold": flat(100_000),
        "bytes_banner_warm": flat(300),
        "longest_shown": flat(40),
        "longest_returning": flat(0),
        "tbt_returning": flat(20),
        "press": flat(30),
        "lh_score": flat(99),
        "lh_tbt": flat(10),
    }
    found = {(v, rate): dict(base) for v in VARIANTS for rate in (1, 4)}
    for (variant, rate, metric), value in (changes or {}).items():
        found[(variant, rate)][metric] = value
    return found


def test_summary_has_median_quartiles_and_extremes():
    summary = summarize([9, 1, 5, 3, 7, None, 2, 8])
    assert summary == Summary(median=5, q1=2.5, q3=7.5, low=1, high=9, count=7)


def test_one_value_is_its_own_spread_and_none_is_nothing():
    assert summarize([4.0]) == Summary(4.0, 4.0, 4.0, 4.0, 4.0, 1)
    assert summarize([None, None]) is None


def test_every_target_is_met_when_ours_matches_vanilla_and_the_bare_page():
    found = verdicts(results(), (1, 4))
    assert [v.passed for v in found] == [True] * len(found)
    assert len(found) == 23  # DCL, FCP and the consented script judged for both of ours


@pytest.mark.parametrize(
    ("change", "failing"),
    [
        ({(OURS, 4, "visible_cold"): flat(501)}, "1. time to visible banner"),
        ({(OURS, 1, "dcl"): flat(106)}, "2. host page DCL, cold, 1×"),
        ({(OURS, 4, "fcp"): flat(211)}, "2. host page FCP, cold, 4×"),
        ({(OURS, 4, "cls"): Summary(0, 0, 0, 0, 0.01, 7)}, "2. CLS 0"),
        ({(OURS, 1, "bytes_banner_cold"): flat(120_001)}, "3. first visit"),
        ({(OURS, 1, "bytes_banner_warm"): flat(2_001)}, "3. repeat visit"),
        ({(OURS, 4, "consented"): flat(301)}, "4. returning visitor, 4×"),
        (
            {(OURS_SAME_SITE, 4, "consented"): flat(301)},
            "4. returning visitor, 4× CPU: consented script ≤ 1.0× vanilla (same site)",
        ),
        (
            {(OURS_SAME_SITE, 1, "fcp"): flat(211)},
            "2. host page FCP, cold, 1× CPU ≤ 1.05× no banner (same site)",
        ),
        ({(OURS, 1, "longest_shown"): flat(51)}, "6. first visit, 1×"),
        ({(OURS, 4, "longest_shown"): flat(101)}, "6. first visit, 4×"),
        ({(OURS, 1, "longest_returning"): flat(51)}, "6. returning visitor, 1×"),
        ({(OURS, 4, "tbt_returning"): flat(71)}, "6. returning visitor, 4×"),
        ({(OURS, 4, "press"): flat(101)}, "6. press"),
        ({(OURS, 4, "lh_score"): flat(97)}, "5. Lighthouse mobile score"),
        ({(OURS, 4, "lh_tbt"): flat(51)}, "5. Lighthouse TBT"),
    ],
)
def test_a_target_fails_alone_when_ours_is_past_it(change, failing):
    found = verdicts(results(change), (1, 4))
    (failed,) = [v for v in found if v.passed is not True]
    assert failed.target.startswith(failing)
    assert failed.passed is False


def test_five_percent_later_is_still_within_the_host_page_target():
    found = verdicts(results({(OURS, 1, "dcl"): flat(105)}), (1, 4))
    assert all(v.passed for v in found if v.target.startswith("2. host page DCL"))


def test_a_missing_number_is_not_measured_rather_than_met():
    found = verdicts(results({(VANILLA, 4, "consented"): None}), (1, 4))
    missing = [v for v in found if v.passed is None]
    assert [v.target.endswith("(same site)") for v in missing] == [False, True]
    assert all(v.target.startswith("4. returning visitor, 4×") for v in missing)
    assert "not measured" in verdict_lines(missing)


def test_verdict_lines_mark_failures_in_bold():
    lines = verdict_lines([Verdict("1. x", "2.00×", False), Verdict("2. y", "0 KB", True)])
    assert lines == "- 1. x: 2.00× — **not met**\n- 2. y: 0 KB — met"


def test_cells_show_median_and_iqr_and_a_dash_for_nothing():
    assert cell(Summary(1234.4, 1200, 1300.2, 1100, 1400, 7), 1, 0) == "1,234 (1,200–1,300)"
    assert cell(flat(0), 1, 3) == "0.000"
    assert cell(None, 1, 0) == "–"


def test_table_has_a_row_per_variant_and_rate():
    rows = table(results(), (1, 4), TIMES[:2]).splitlines()
    assert rows[0] == (
        "| page | CPU | Accept all visible, first visit (ms) | … repeat visit (ms) |"
    )
    assert len(rows) == 2 + 8
    assert rows[2].startswith("| no banner | 1× | 500 |")
    assert rows[-1].startswith("| this banner, same site | 4× |")


def test_every_variant_carries_the_same_consented_script_and_only_its_banner():
    pages = {v: page_html(v, "http://c", "http://v", {"revision": 1}) for v in VARIANTS}
    assert all(CONSENTED_SCRIPT in html for html in pages.values())
    assert '<script src="http://c/consent.js" async>' in pages[OURS]
    assert "http://v/" not in pages[OURS]
    assert "http://v/cookieconsent.umd.js" in pages[VANILLA]
    assert "http://c/" not in pages[VANILLA]
    assert "http://" not in pages[NONE]
    assert pages[OURS_SAME_SITE] == pages[OURS]  # the same page; its consent URL differs
    assert set(ACCEPT_ALL) == {OURS, OURS_SAME_SITE, VANILLA}


def test_our_second_variant_is_the_same_server_named_by_the_host_pages_site():
    origins = Origins(
        host="http://localhost:5001",
        consent="http://127.0.0.1:5002",
        vendor="http://127.0.0.1:5003",
    )
    assert origins.banner(OURS) == "http://127.0.0.1:5002"
    assert origins.banner(OURS_SAME_SITE) == "http://localhost:5002"
    assert origins.banner(VANILLA) == "http://127.0.0.1:5003"
    assert origins.banner(NONE) is None


def test_vanilla_gets_our_categories_texts_and_revision():
    options = vanilla_config(SITE, "en", "http://c")
    texts = SITE["texts"]["en"]
    assert options["revision"] == SITE["revision"]
    assert options["hideFromBots"] is False
    assert list(options["categories"]) == ["necessary", "analytics", "marketing"]
    assert options["categories"]["necessary"] == {
        "enabled": True,
        "readOnly": True,
        "services": {
            "consent": {"label": "Cookie choice"},
            "language": {"label": "Language preference"},
        },
    }
    modal = options["language"]["translations"]["en"]["consentModal"]
    assert modal["acceptAllBtn"] == texts["acceptAll"]
    assert modal["acceptNecessaryBtn"] == texts["rejectAll"]
    sections = options["language"]["translations"]["en"]["preferencesModal"]["sections"]
    assert [s.get("linkedCategory") for s in sections] == [
        None,
        "necessary",
        "analytics",
        "marketing",
    ]
    assert {"name": "_ga_*"}.items() <= sections[2]["cookieTable"]["body"][1].items()


def test_vanilla_is_served_like_consent_js():
    body = b"/* vanilla */ " * 500
    client = create_static_app(
        "vendor", {"/cc.js": StaticFile(body, "text/javascript")}
    ).test_client()
    first = client.get("/cc.js", headers={"Accept-Encoding": "gzip, br"})
    assert first.headers["Content-Encoding"] == "br"
    assert brotli.decompress(first.data) == body
    assert first.headers["Cache-Control"] == "public, max-age=300"
    assert first.headers["Vary"] == "Accept-Encoding"
    zipped = client.get("/cc.js", headers={"Accept-Encoding": "gzip"})
    assert gzip.decompress(zipped.data) == body
    again = client.get(
        "/cc.js", headers={"Accept-Encoding": "br", "If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304 and again.data == b""
    assert client.get("/other.js").status_code == 404


def test_host_pages_are_revalidated_on_every_visit():
    page = StaticFile(b"<!doctype html>", "text/html", revalidate=True)
    response = create_static_app("host", {"/": page}).test_client().get("/")
    assert response.headers["Cache-Control"] == "no-cache"


def test_blocking_time_counts_only_what_long_tasks_run_past_50_ms():
    tasks = [(0, 60), (100, 230), (500, 40)]
    assert blocking.blocking_time(tasks) == 10 + 180
    assert blocking.longest(tasks) == 230
    assert blocking.after(tasks, 200) == [(100, 230), (500, 40)]  # still running at 200
    assert blocking.longest(blocking.after(tasks, 400)) == 40
    assert blocking.longest([]) == 0
