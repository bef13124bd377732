import gzip
import json

import brotli
import pytest

from server import build
from server.bundle.asset import GPC_PLACEHOLDER
from server.minify import Minifier
from server.precompile import Compiler
from server.prune import Pruner


@pytest.fixture(scope="module")
def compiler():
    return Compiler(build.runtime_source())


@pytest.fixture(scope="module")
def bundle():
    """One build's runtime script: minifying brython.js takes seconds."""
    return build.bundle_text()


def test_loader_holds_each_slot_once_and_stays_tiny():
    text = build.loader_text()
    assert GPC_PLACEHOLDER in build.PLACEHOLDERS
    for slot in build.PLACEHOLDERS:
        assert text.count(slot) == 1
    assert len(text.encode()) <= build.LOADER_BUDGET
    assert "/*" not in text and "function storedVerdict" not in text  # minified


def test_a_loader_missing_a_slot_fails_the_build(tmp_path, monkeypatch):
    loader = tmp_path / "loader.js"
    loader.write_text('var c = "__CC_SITE_CONFIG__", r = "__CC_RUNTIME__";', encoding="utf-8")
    monkeypatch.setattr(build, "LOADER", loader)
    with pytest.raises(build.BuildError, match="__CC_FIRST_LAYER__"):
        build.loader_text()


def test_runtime_holds_brython_the_package_and_the_start(bundle):
    text = bundle
    assert "__CC_" not in text  # the site's data goes in the loader only
    assert "__BRYTHON__.loadBrythonPackage(" in text
    assert "__BRYTHON__.precompiled" in text
    assert text.rstrip().endswith(
        '$B.runPythonSource("import banner.app", {id: "cookieconsent"});\n})(__BRYTHON__);'
    )


def test_bundle_leaves_out_the_compiler_and_builtin_docstrings(bundle):
    runtime = build.runtime_source()
    text = bundle
    assert "$B.Parser=function" in runtime and ".Parser=function" not in text
    assert "var docs={" in runtime and "var docs={" not in text
    assert ".whenReady=" in text  # what follows the docstrings stays
    cut = build.browser_runtime(runtime)
    assert len(cut.encode()) < 0.7 * len(runtime.encode())  # a third of brython.js goes


def test_a_runtime_without_the_markers_fails_the_build():
    with pytest.raises(build.BuildError, match="brython compiler chain"):
        build.browser_runtime("var $B = {};")


def _package(script: str) -> tuple[dict, dict]:
    vfs_line, precompiled_line = script.splitlines()
    vfs = json.loads(vfs_line[len("__BRYTHON__.loadBrythonPackage(") : -len(");")])
    precompiled = json.loads(precompiled_line[len("Object.assign(__BRYTHON__.precompiled, ") : -2])
    return vfs, precompiled


def test_package_lists_every_banner_module_as_javascript(compiler):
    modules = build.banner_modules()
    assert {"banner", "banner.app", "banner.config", "banner.consent", "banner.ui"} <= set(modules)
    script = build.package_script(modules, compiler, Pruner(), Minifier())
    vfs, precompiled = _package(script)
    assert set(vfs) == set(precompiled) == set(modules)
    assert vfs["banner"][3] == 1 and isinstance(precompiled["banner"], list)
    assert "banner.consent" in vfs["banner.app"][2]
    assert "browser" not in vfs["banner.app"][2]  # provided by brython.js, never fetched
    assert vfs["banner.consent"][1] == ""  # no Python source ships
    # minified, but the name Brython appends ``return locals_banner_consent`` for stays
    assert "locals_banner_consent=" in precompiled["banner.consent"]
    assert "def normalize_choice" not in precompiled["banner.consent"]
    assert "locals_banner_consent_normalize_choice" not in precompiled["banner.consent"]
    assert ".set_lineno(" in precompiled["banner.consent"]  # tracebacks keep line numbers
    assert ".positions=" not in precompiled["banner.consent"]  # ... but not columns


def test_python_the_compiler_rejects_names_the_module(compiler):
    with pytest.raises(ValueError, match="banner.broken: Brython could not compile it"):
        compiler.to_js("def broken(:\n    pass\n", "banner.broken")


def test_docstrings_are_stripped_but_code_survives():
    source = build.banner_modules()["banner.cookie"][0]
    assert "vanilla-cookieconsent v3 writes" not in source
    assert "def encode_value" in source


@pytest.mark.parametrize(
    ("module", "source", "message"),
    [
        ("clock", "import datetime\n", "banner.clock imports datetime"),
        ("choice", "match 1:\n    case 1:\n        pass\n", "banner.choice uses `match`"),
    ],
)
def test_python_the_bundle_cannot_run_fails_the_build(
    tmp_path, monkeypatch, module, source, message
):
    (tmp_path / "__init__.py").write_text("")
    (tmp_path / f"{module}.py").write_text(source)
    monkeypatch.setattr(build, "BANNER", tmp_path)
    with pytest.raises(build.BuildError, match=message):
        build.banner_modules()


@pytest.mark.parametrize(
    ("budget", "message"),
    [("BANNER_BUDGET", "banner source is"), ("BUNDLE_BUDGET", "bundle is")],
)
def test_over_budget_fails_the_build(monkeypatch, budget, message):
    monkeypatch.setattr(build, budget, 1000)
    with pytest.raises(build.BuildError, match=f"{message} [0-9]+ bytes, budget 1000"):
        build.bundle_text()


def test_the_banner_budget_trips_before_the_bundle_budget(bundle):
    """A banner within its budget must not be refused for the bundle's size."""
    source = sum(len(s.encode()) for s, _ in build.banner_modules().values())
    body = bundle.encode()
    runtime = body.index(b"__BRYTHON__.loadBrythonPackage(")
    per_source_byte = (len(body) - runtime) / source
    assert runtime + per_source_byte * build.BANNER_BUDGET < build.BUNDLE_BUDGET


def test_build_writes_loader_runtime_and_compressed_runtime(tmp_path, bundle):
    loader, runtime = build.build(tmp_path / "out")
    assert loader.read_text(encoding="utf-8") == build.loader_text()
    body = runtime.read_bytes()
    assert body.decode("utf-8") == bundle  # reproducible
    assert brotli.decompress(runtime.with_name(runtime.name + ".br").read_bytes()) == body
    assert gzip.decompress(runtime.with_name(runtime.name + ".gz").read_bytes()) == body
