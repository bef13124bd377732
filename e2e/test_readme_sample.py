"""Acceptance of issue 15: the README's sample test, copied into a fresh project whose
fresh virtual environment installs this package from the repository, passes against the
live demo site and consent server (the ``servers`` fixture, on loopback)."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from server.testing.browser import playwright_chromium

pytestmark = pytest.mark.fresh_venv

REPO = Path(__file__).resolve().parent.parent

# Bounds on each step; a step that hangs fails the test instead of the run.
INSTALL_TIMEOUT_SECONDS = 600
RUN_TIMEOUT_SECONDS = 300
SAMPLE = re.compile(
    r"<!-- qa-sample:(?P<name>[\w.]+) -->\n```python\n(?P<code>.*?)```\n<!-- /qa-sample -->",
    re.S,
)


def readme_samples() -> dict:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return {m["name"]: m["code"] for m in SAMPLE.finditer(text)}


def fresh_venv_with_the_package(where) -> str:
    """A new venv with ``<repo>[qa]``, pinned to the versions this run uses."""
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True, timeout=120)
    frozen = subprocess.run(
        [sys.executable, "-m", "pip", "freeze", "--exclude-editable"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    constraints = where.parent / "constraints.txt"
    constraints.write_text(frozen, encoding="utf-8")
    python = str(where / "bin" / "python")
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "-c", str(constraints), f"{REPO}[qa]"],
        check=True,
        timeout=INSTALL_TIMEOUT_SECONDS,
    )
    return python


def test_the_readme_sample_passes_in_a_fresh_project(servers, tmp_path):
    samples = readme_samples()
    assert set(samples) == {"test_consent.py", "conftest.py"}
    project = tmp_path / "project"
    project.mkdir()
    (project / "test_consent.py").write_text(samples["test_consent.py"], encoding="utf-8")
    if not playwright_chromium():  # the README's conftest is for exactly this case
        (project / "conftest.py").write_text(samples["conftest.py"], encoding="utf-8")
    python = fresh_venv_with_the_package(tmp_path / "venv")
    result = subprocess.run(
        [
            python,
            "-m",
            "pytest",
            "-q",
            "--site-url",
            servers.site,
            "--consent-server",
            servers.consent,
        ],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_SECONDS,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^4 passed", result.stdout.splitlines()[-1]), result.stdout
    # The package came from the venv, not from this checkout.
    where = subprocess.run(
        [python, "-c", "import server.testing; print(server.testing.__file__)"],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    assert str(tmp_path / "venv") in where
