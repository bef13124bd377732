import json

import pytest
from py_mini_racer import MiniRacer

from bundler.errors import BuildError
from bundler.minify import Minifier


@pytest.fixture(scope="module")
def minifier():
    return Minifier()


def test_locals_are_renamed_and_dead_branches_dropped(minifier):
    code = (
        "var top_level_name = 1;\n"
        "function long_function_name(argument_one) {\n"
        "  var test = false;\n"
        "  if (test) { console.log('debug', argument_one); }\n"
        "  var long_local_name = argument_one + top_level_name;\n"
        "  return long_local_name * long_local_name;\n"
        "}\n"
    )
    small = minifier.script(code)
    assert "long_local_name" not in small and "argument_one" not in small
    assert "console.log" not in small
    assert "var top_level_name" in small and "function long_function_name" in small


def test_a_module_keeps_only_the_namespace_brython_returns(minifier):
    code = (
        "var $B = __BRYTHON__, locals_banner_x = $B.namespace('banner_x'), frame = [1]\n"
        'function helper500123(value) { return [value, "text"] }\n'
        "locals_banner_x.f = helper500123\n"
    )
    small = minifier.module(code, "locals_banner_x")
    assert "helper500123" not in small and "$B" not in small and "'text'" in small
    v8 = MiniRacer()  # run it the way Brython's importer does
    v8.eval("var __BRYTHON__ = {namespace: function (name) { return {name: name}; }};")
    run = f"new Function('locals_banner_x', {json.dumps(small)} + 'return locals_banner_x')()"
    assert v8.eval(f"JSON.stringify({run}.f(2))") == '[2,"text"]'


def test_the_loader_keeps_the_literals_the_server_fills_in(minifier):
    code = (
        "(function () {\n  // which signal the request sent\n"
        '  var signal_from_server = "__CC_SEC_GPC__";\n'
        "  if (signal_from_server !== true) { window.shown = 'layer'; }\n})();"
    )
    small = minifier.loader(code)
    assert '"__CC_SEC_GPC__"' in small and "!==true" in small  # not folded away
    assert "signal_from_server" not in small and "//" not in small
    v8 = MiniRacer()
    v8.eval("var window = {};")
    v8.eval(small.replace('"__CC_SEC_GPC__"', "true"))  # as the server serves it
    assert v8.eval("typeof window.shown") == "undefined"


def test_the_same_input_gives_the_same_output(minifier):
    code = "(function ($B) { var sizeable_name = $B.x; $B.y = sizeable_name; })(__BRYTHON__);"
    assert minifier.script(code) == minifier.script(code)
    assert "__BRYTHON__" in minifier.script(code)


def test_code_terser_cannot_parse_fails_naming_the_file(minifier):
    with pytest.raises(BuildError, match="^banner/x.js: terser could not minify"):
        minifier.script("function (", "banner/x.js")


def test_a_missing_terser_says_how_to_install_it(tmp_path):
    with pytest.raises(BuildError, match="npm ci"):
        Minifier(tmp_path / "bundle.min.js")
