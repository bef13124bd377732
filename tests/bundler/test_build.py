import gzip
import json
import re

import brotli
import pytest
from py_mini_racer import MiniRacer

from banner import names
from bundler import build, loader, modules, runtime
from bundler.compile import COMPILE, SHIMS, Compiler, loops_strict_safe
from bundler.errors import BuildError
from bundler.slices import RUNNER
from server.bundle.asset import SEC_GPC_SLOT, SLOTS


@pytest.fixture(scope="module")
def assembler():
    return runtime.Assembler(runtime.brython_source())


@pytest.fixture(scope="module")
def compiler(assembler):
    return assembler.compiler


@pytest.fixture(scope="module")
def bundle():
    """One build's runtime script: minifying brython.js takes seconds."""
    return runtime.runtime_text()


def test_loader_holds_each_slot_once_and_stays_tiny():
    text = loader.loader_text()
    assert SEC_GPC_SLOT in SLOTS
    for slot in SLOTS:
        assert text.count(slot) == 1
    assert len(text.encode()) <= loader.LOADER_BUDGET
    assert "/*" not in text and "function storedVerdict" not in text  # minified


def test_the_loader_spells_the_shared_names_as_python_does():
    text = loader.loader_text()
    assert "NAMES" not in text and "__BUILD_RULES__" not in text
    for name in (names.ROOT_ID, names.DONE_ATTRIBUTE, names.REPLAY_KEY, names.BLOCKED_SELECTOR):
        assert json.dumps(name) in text


def test_a_loader_missing_a_slot_fails_the_build(tmp_path):
    broken = tmp_path / "loader.js"
    broken.write_text(
        '__BUILD_RULES__; var c = "__CC_SITE_CONFIG__", r = "__CC_RUNTIME__";', encoding="utf-8"
    )
    with pytest.raises(BuildError, match=r"loader.js: must hold each of .*__CC_CONSENT_MODAL__"):
        loader.loader_text(broken)


def test_a_name_missing_from_banner_names_fails_the_build_at_its_line(tmp_path):
    broken = tmp_path / "loader.js"
    broken.write_text("__BUILD_RULES__;\nvar a = 1;\nvar b = NAMES.ROOT_IDD;\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"loader.js:3: NAMES.ROOT_IDD is not in banner/names.py"):
        loader.loader_text(broken)


def test_runtime_holds_brython_the_package_and_the_start(bundle):
    text = bundle
    assert "__CC_" not in text  # the site's data goes in the loader only
    assert "__BRYTHON__.loadBrythonPackage(" in text
    assert "__BRYTHON__.precompiled" in text
    assert text.endswith(RUNNER)  # it starts in slices
    imports = re.findall(r'runPythonSource\("import (banner\.\w+)"', text)
    assert imports[-1] == "banner.app"  # the entry, once every module it needs has run
    assert imports.index("banner.consent") < imports.index("banner.api")
    assert sorted(imports) == sorted(set(modules.banner_modules()) - {"banner"})


def test_runtime_opens_with_v8s_hint_to_compile_it_while_it_streams(bundle):
    """V8 reads the hint only on the file's first line; anywhere else it is a comment."""
    assert bundle.startswith('//# allFunctionsCalledOnLoad\n"use strict";')
    assert bundle.count("allFunctionsCalledOnLoad") == 1


def test_bundle_leaves_out_the_compiler_and_builtin_docstrings(bundle):
    brython = runtime.brython_source()
    text = bundle
    assert "$B.Parser=function" in brython and ".Parser=function" not in text
    assert "var docs={" in brython and "var docs={" not in text
    assert ".whenReady=" in text  # what follows the docstrings stays


# Run the package script against a stand-in runtime; each module's function as its source.
UNPACK = """
var __BRYTHON__ = {precompiled: {}, loadBrythonPackage: function (vfs) { this.vfs = vfs; }};
%s
JSON.stringify([__BRYTHON__.vfs, __BRYTHON__.precompiled], function (key, value) {
  return typeof value === "function" ? String(value) : value;
});
"""


def _package(script: str) -> tuple[dict, dict]:
    vfs, precompiled = json.loads(MiniRacer().eval(UNPACK % script))
    return vfs, precompiled


def test_package_lists_every_banner_module_as_javascript(assembler):
    banner = modules.banner_modules()
    assert {"banner", "banner.app", "banner.config", "banner.consent", "banner.ui"} <= set(banner)
    vfs, precompiled = _package(assembler.package_script(banner))
    assert set(vfs) == set(precompiled) == set(banner)
    assert vfs["banner"][3] == 1 and isinstance(precompiled["banner"], list)
    assert "banner.consent" in vfs["banner.app"][2]
    assert "browser" not in vfs["banner.app"][2]  # provided by brython.js, never fetched
    assert vfs["banner.consent"][1] == ""  # no Python source ships
    # a function of the module object (no string for ``new Function``), minified
    # but for the name it returns
    assert precompiled["banner.consent"].startswith("function(locals_banner_consent){")
    assert "return locals_banner_consent;}" in precompiled["banner.consent"]
    assert "def normalize_choice" not in precompiled["banner.consent"]
    assert "locals_banner_consent_normalize_choice" not in precompiled["banner.consent"]
    assert ".set_lineno(" in precompiled["banner.consent"]  # tracebacks keep line numbers
    assert ".positions=" not in precompiled["banner.consent"]  # ... but not columns


def test_python_the_compiler_rejects_names_the_file(compiler: Compiler):
    with pytest.raises(BuildError, match="^banner/broken.py(:[0-9]+)?: Brython could not compile"):
        compiler.to_js("def broken(:\n    pass\n", "banner.broken", file="banner/broken.py")


LOOP_OVER_TEXT = 'out = []\nfor ch in "ab":\n    out.append(ch)\n'


def _in_strict_code(v8: MiniRacer, js: str) -> str:
    """``js`` (a compiled script) run the way the bundle runs modules: in strict code."""
    return v8.eval(f'(function () {{"use strict";\n{js}\nreturn locals.out.join("");}})()')


def test_a_for_loop_over_a_str_runs_in_the_bundles_strict_code(compiler: Compiler):
    v8 = MiniRacer()
    v8.eval(SHIMS)
    v8.eval(runtime.brython_source())
    as_brython_compiles = v8.eval(f"{COMPILE}({json.dumps(LOOP_OVER_TEXT)}, 'loop', false)")
    with pytest.raises(Exception, match="Cannot create property"):
        _in_strict_code(v8, as_brython_compiles)
    assert _in_strict_code(v8, compiler.to_js(LOOP_OVER_TEXT, "loop", imported=False)) == "ab"


@pytest.mark.parametrize(("times", "message"), [(0, "no '`iterator_"), (2, "more than once")])
def test_a_compiler_without_the_loop_tag_once_fails_the_build(times: int, message: str):
    tag = "`iterator_${id}[$B.INUM] = ${this.iter.inum}\\n`"
    with pytest.raises(BuildError, match=re.escape(message)):
        loops_strict_safe("var js = " + " + ".join([tag] * times or ["''"]) + ";")


def test_docstrings_are_stripped_but_code_survives():
    source = modules.banner_modules()["banner.cookie"][0]
    assert "vanilla-cookieconsent v3 writes" not in source
    assert "def encode_value" in source


@pytest.mark.parametrize(
    ("module", "source", "message"),
    [
        ("clock", "x = 1\nimport datetime\n", "clock.py:2: imports datetime"),
        ("choice", "match 1:\n    case 1:\n        pass\n", "choice.py:1: uses `match`"),
        ("typo", "def f(:\n    pass\n", "typo.py:1: invalid syntax"),
    ],
)
def test_python_the_bundle_cannot_run_fails_at_its_line(tmp_path, module, source, message):
    (tmp_path / "__init__.py").write_text("")
    (tmp_path / f"{module}.py").write_text(source)
    with pytest.raises(BuildError, match=message):
        modules.banner_modules(tmp_path)


def test_a_syntax_error_ends_the_build_in_one_line(tmp_path, monkeypatch, capsys):
    (tmp_path / "__init__.py").write_text("")
    (tmp_path / "typo.py").write_text("x = (\n")
    monkeypatch.setattr(modules.banner_modules, "__defaults__", (tmp_path,))
    assert build.main() == 1
    error = capsys.readouterr().err
    assert error.startswith("build failed: ") and "typo.py:1: " in error
    assert "Traceback" not in error


def test_over_budget_fails_the_build(monkeypatch):
    monkeypatch.setattr(modules, "BANNER_BUDGET", 1000)
    with pytest.raises(BuildError, match="banner source is [0-9]+ bytes, budget 1000"):
        modules.banner_modules()
    monkeypatch.undo()
    monkeypatch.setattr(runtime, "BUNDLE_BUDGET", 1000)
    with pytest.raises(BuildError, match="bundle is [0-9]+ bytes, budget 1000"):
        runtime.runtime_text()


def test_the_banner_budget_trips_before_the_bundle_budget(bundle):
    """A banner within its budget must not be refused for the bundle's size."""
    source = sum(len(s.encode()) for s, _, _ in modules.banner_modules().values())
    body = bundle.encode()
    start = body.index(b"__BRYTHON__.loadBrythonPackage(")
    per_source_byte = (len(body) - start) / source
    assert start + per_source_byte * modules.BANNER_BUDGET < runtime.BUNDLE_BUDGET


def test_build_writes_loader_runtime_and_compressed_runtime(tmp_path, bundle):
    loader_file, runtime_file = build.build(tmp_path / "out")
    assert loader_file.read_text(encoding="utf-8") == loader.loader_text()
    body = runtime_file.read_bytes()
    assert body.decode("utf-8") == bundle  # reproducible
    assert brotli.decompress(runtime_file.with_name(runtime_file.name + ".br").read_bytes()) == body
    assert gzip.decompress(runtime_file.with_name(runtime_file.name + ".gz").read_bytes()) == body
