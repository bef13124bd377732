import pytest

from server.minify import Minifier, MinifyError


@pytest.fixture(scope="module")
def minifier():
    return Minifier()


def test_locals_are_renamed_and_dead_branches_dropped(minifier):
    code = (
        "var locals_mod = {};\n"
        "function long_function_name(argument_one) {\n"
        "  var test = false;\n"
        "  if (test) { console.log('debug', argument_one); }\n"
        "  var long_local_name = argument_one + 1;\n"
        "  return long_local_name * long_local_name;\n"
        "}\n"
        "return locals_mod;\n"  # a Brython module is a function body
    )
    small = minifier.minify(code)
    assert "long_local_name" not in small and "argument_one" not in small
    assert "console.log" not in small
    # top-level names stay: Brython appends ``return locals_<module>`` to a module's code
    assert "var locals_mod" in small


def test_the_same_input_gives_the_same_output(minifier):
    code = "(function ($B) { var sizeable_name = $B.x; $B.y = sizeable_name; })(__BRYTHON__);"
    assert minifier.minify(code) == minifier.minify(code)
    assert "__BRYTHON__" in minifier.minify(code)


def test_code_terser_cannot_parse_fails_loudly(minifier):
    with pytest.raises(MinifyError, match="terser could not minify"):
        minifier.minify("function (")


def test_a_missing_terser_says_how_to_install_it(tmp_path):
    with pytest.raises(MinifyError, match="npm ci"):
        Minifier(tmp_path / "bundle.min.js")
