"""The plugin as a site's own suite gets it: found through its entry point, configured by
options or ini settings, and a clear failure when neither names the site."""

import subprocess
import sys

import pytest

TEST = """
def test_site(consent_site):
    print("SITE", consent_site.site_url, consent_site.consent_url)
"""


def run_pytest(where, *args: str, ini: str = "") -> subprocess.CompletedProcess:
    (where / "test_it.py").write_text(TEST, encoding="utf-8")
    if ini:
        (where / "pytest.ini").write_text("[pytest]\n" + ini, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider", *args],
        cwd=where,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("args", "ini"),
    [
        (["--site-url", "http://localhost:8000/", "--consent-server", "http://127.0.0.1:5000"], ""),
        ([], "consent_site_url = http://localhost:8000\nconsent_server = http://127.0.0.1:5000\n"),
    ],
)
def test_options_or_ini_settings_name_the_site(tmp_path, args, ini):
    result = run_pytest(tmp_path, *args, ini=ini)
    assert result.returncode == 0, result.stdout
    assert "SITE http://localhost:8000 http://127.0.0.1:5000" in result.stdout


def test_without_a_site_the_test_fails_saying_what_to_set(tmp_path):
    result = run_pytest(tmp_path)
    assert result.returncode == 1
    assert "set --site-url or the ini setting consent_site_url" in result.stdout
    usage = run_pytest(tmp_path, "--help").stdout
    assert "cookie consent:" in usage and "--consent-server=CONSENT_SERVER" in usage
