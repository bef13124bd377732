"""The audit command's own errors, before any browser starts (the runs are in e2e)."""

import subprocess
import sys

import pytest


def test_fail_on_names_the_kinds_it_accepts(runner):
    result = runner.invoke(args=["consent", "audit", "http://localhost/", "--fail-on", "typo"])
    assert result.exit_code == 2
    assert "unknown typo; use some of escape, undeclared, unseen, dead-markup" in result.output


def test_a_missing_cookie_database_stops_with_how_to_get_it(runner, tmp_path):
    missing = tmp_path / "none.json"
    result = runner.invoke(
        args=["consent", "audit", "http://localhost/", "--cookie-database", str(missing)]
    )
    assert result.exit_code == 2
    assert f"cannot read the Open Cookie Database at {missing}" in result.output


@pytest.mark.parametrize(
    ("urls", "message"),
    [
        (["ftp://example.com/"], "'ftp://example.com/' is not an http(s) URL"),
        (["localhost:8000"], "'localhost:8000' is not an http(s) URL"),
        (["http://a.test/", "http://b.test/x"], "pages of one site only, not http://a.test, http"),
    ],
)
def test_urls_are_pages_of_one_site(runner, urls, message):
    result = runner.invoke(args=["consent", "audit", *urls])
    assert result.exit_code == 2
    assert message in " ".join(result.output.split())


def test_the_server_runs_without_the_qa_extra():
    """The command is in the server's CLI; Playwright loads only when an audit runs."""
    check = (
        "import sys, server, server.consent.cli;"
        "sys.exit(any(m.startswith('playwright') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", check], timeout=60, check=False).returncode == 0
