import json

import pytest

from server import build
from server.bundle.asset import GPC_PLACEHOLDER


def test_bundle_holds_runtime_package_and_one_slot_each_for_config_and_gpc():
    text = build.bundle_text()
    assert text.count(build.CONFIG_PLACEHOLDER) == 1
    assert text.count(GPC_PLACEHOLDER) == 1
    assert "__BRYTHON__.loadBrythonPackage(" in text
    assert text.rstrip().endswith("{id: 'cookieconsent'});")


def test_package_lists_every_banner_module_with_resolved_imports():
    modules = build.banner_modules()
    assert {"banner", "banner.app", "banner.config", "banner.consent", "banner.ui"} <= set(modules)
    package = build.package_script(modules)
    vfs = json.loads(package[len("__BRYTHON__.loadBrythonPackage(") : -len(");\n")])
    assert vfs["banner"][3] == 1
    assert "banner.consent" in vfs["banner.app"][2]
    assert "browser" not in vfs["banner.app"][2]  # provided by brython.js, never fetched


def test_docstrings_are_stripped_but_code_survives():
    source = build.banner_modules()["banner.cookie"][0]
    assert "vanilla-cookieconsent v3 writes" not in source
    assert "def encode_value" in source


def test_an_import_brython_would_fetch_fails_the_build(tmp_path, monkeypatch):
    (tmp_path / "__init__.py").write_text("")
    (tmp_path / "clock.py").write_text("import datetime\n")
    monkeypatch.setattr(build, "BANNER", tmp_path)
    with pytest.raises(build.BuildError, match="banner.clock imports datetime"):
        build.banner_modules()


def test_bundle_over_budget_fails_the_build(monkeypatch):
    monkeypatch.setattr(build, "BANNER_BUDGET", 1000)
    with pytest.raises(build.BuildError, match="budget 1000"):
        build.bundle_text()


def test_build_writes_the_file(tmp_path):
    output = build.build(tmp_path / "out" / "consent.js")
    assert output.read_text(encoding="utf-8") == build.bundle_text()
