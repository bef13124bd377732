"""The environment is exactly requirements.lock, and the lock satisfies pyproject.toml.

``make`` installs the lock with hashes and ``--no-deps``; this test (run by
``make test``, so by CI) fails when anything else got in, a version differs,
or pyproject.toml asks for something the lock no longer gives (then run
``make lock``).
"""

import re
import tomllib
from importlib.metadata import distributions
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parent.parent
LOCK = REPO / "requirements.lock"
PROJECT = "cookie-consent"
# The virtual environment's own tools: not the project's dependencies, never imported by it.
ENVIRONMENT_TOOLS = {"pip", "setuptools", "wheel"}
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)", re.MULTILINE)


def locked() -> dict[str, str]:
    return {canonicalize_name(n): v for n, v in _PIN.findall(LOCK.read_text(encoding="utf-8"))}


def test_every_locked_package_carries_hashes():
    text = LOCK.read_text(encoding="utf-8")
    entries = re.split(r"\n(?=\S)", text)  # a pin and its indented hash lines
    pins = [e for e in entries if _PIN.match(e)]
    assert pins and all("--hash=sha256:" in e for e in pins)
    assert "file://" not in text and "--extra-index-url" not in text  # nothing of this machine


def test_the_environment_is_exactly_the_lock():
    pins = locked()
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in distributions()}
    installed = {n: v for n, v in installed.items() if n not in ENVIRONMENT_TOOLS | {PROJECT}}
    wrong = {n: (v, installed.get(n)) for n, v in pins.items() if installed.get(n) != v}
    extra = sorted(set(installed) - set(pins))
    assert not wrong, f"installed versions differ from requirements.lock: {wrong}"
    assert not extra, f"installed but not in requirements.lock (installed by hand?): {extra}"


def test_the_lock_satisfies_every_requirement_of_pyproject():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        requirements += extra
    pins = locked()
    unmet = []
    for text in requirements:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        if name == PROJECT:
            continue
        if name not in pins or not requirement.specifier.contains(pins[name], prereleases=True):
            unmet.append(text)
    assert not unmet, f"requirements.lock does not satisfy {unmet}: run `make lock`"
