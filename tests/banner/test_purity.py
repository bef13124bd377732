"""The pure half of the banner must stay importable and testable under CPython."""

import ast
from pathlib import Path

import pytest

from tests.support import REPO

BANNER = REPO / "banner"
DOM_LAYER = {"ui", "host_page", "consent_store", "ledger_client", "app", "api"}
BROWSER_ONLY = {"browser", "javascript"}
# STYLE.md's import budget: each of these drags megabytes of Brython stdlib along.
HEAVY = {"json", "re", "datetime", "typing", "enum", "dataclasses", "functools", "random", "time"}


def _imported_roots(path: Path) -> set:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            roots.add(node.module.split(".")[0])
    return roots


MODULES = sorted(BANNER.glob("*.py"))


@pytest.mark.parametrize(
    "path", [p for p in MODULES if p.stem not in DOM_LAYER], ids=lambda p: p.stem
)
def test_pure_modules_never_touch_the_browser(path):
    assert not _imported_roots(path) & BROWSER_ONLY


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
def test_no_heavy_standard_library_in_the_bundle(path):
    assert not _imported_roots(path) & HEAVY


def test_dom_layer_is_the_only_browser_code():
    touching = {p.stem for p in MODULES if _imported_roots(p) & BROWSER_ONLY}
    assert touching == DOM_LAYER
