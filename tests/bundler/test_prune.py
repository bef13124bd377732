import pytest
from py_mini_racer import MiniRacer

from bundler.errors import BuildError
from bundler.prune import TZ_NAME_END, TZ_NAME_START, Pruner, tz_name_deferred
from bundler.runtime import brython_source

MARKED = (
    "var $B = {};\n// >>> brython compiler chain\n$B.Parser=function(){};\n"
    "// <<< brython compiler chain\nvar docs={x: 1}\n;\n$B.whenReady=1;\n"
)

RUNTIME = (
    MARKED
    + """
var __BRYTHON__ = {ast: {Name: function () {}}};
(function ($B) {
  function helper() { return "generated"; }
  $B.ast.Name.prototype.to_js = function () { return helper(); };
  $B.keep = function () { return "runs"; };
})(__BRYTHON__);
"""
)


@pytest.fixture(scope="module")
def pruner():
    return Pruner()


def test_compile_only_assignments_go_and_the_rest_stays(pruner):
    cut = pruner.runtime_cut(RUNTIME, ("$B.ast.*.prototype.to_js",))
    assert "prototype.to_js" not in cut
    assert '$B.keep = function () { return "runs"; };' in cut
    assert "function helper()" in cut  # terser drops it later, unused


def test_a_target_brython_no_longer_assigns_fails_the_build(pruner):
    with pytest.raises(BuildError, match=r"^brython.js: assigns no \$B.gone"):
        pruner.runtime_cut(RUNTIME, ("$B.keep", "$B.gone"))


def test_the_bundled_runtime_has_no_code_generator_nor_tokenizer(pruner):
    runtime = pruner.runtime_cut(brython_source())
    assert ".prototype.to_js=" not in runtime
    assert "$B.tokenizer=" not in runtime
    assert "$B.whenReady=" in runtime


def test_the_time_zones_name_is_worked_out_when_read_and_is_the_same():
    """Brython's start no longer pays for ICU's zone data; whoever reads it gets the same."""
    source = brython_source()
    block = source[source.index(TZ_NAME_START) : source.index(TZ_NAME_END) + len(TZ_NAME_END)]
    deferred = tz_name_deferred(source)
    assert block not in deferred
    start = deferred.index('Object.defineProperty($B,"tz_name",{get:function(){')
    getter = deferred[start : deferred.index("}})\n", start) + 4]
    v8 = MiniRacer()
    setup = 'var $B = {language: "nl-NL"};\n'
    eager = v8.eval(f"(function () {{ {setup}{block} return $B.tz_name; }})()")
    lazy = v8.eval(f"(function () {{ {setup}{getter} return $B.tz_name; }})()")
    assert eager and lazy == eager


def test_a_brython_that_works_out_its_time_zone_otherwise_fails_the_build():
    with pytest.raises(BuildError, match=r"^brython.js: no 'var date=new Date\(\)"):
        tz_name_deferred("var $B = {};\n$B.tz_name = 'UTC'\n")
    twice = TZ_NAME_START + TZ_NAME_END + TZ_NAME_START
    with pytest.raises(BuildError, match=r"^brython.js: 'var date=new Date\(\)\\n' more than once"):
        tz_name_deferred(twice)


MODULE = """var frame = ["m", locals]
frame.positions = [[1,0,60]]
function f(n) {
  var frame = ["f", {n}]
  frame.positions = [[2,4,8],[3,4,9]]
  $B.set_lineno(frame, 2)
  return n
}
"""


def test_a_module_loses_its_position_tables_and_keeps_its_line_numbers(pruner):
    cut = pruner.position_tables_cut(MODULE, "banner/m.py")
    assert "positions" not in cut
    assert "$B.set_lineno(frame, 2)" in cut and "return n" in cut


def test_a_module_that_reads_its_positions_keeps_them_and_fails_the_build(pruner):
    reading = MODULE + "frame.inum = 2 * frame.positions.length - 1\n"
    with pytest.raises(BuildError, match="^banner/m.py: uses frame.positions"):
        pruner.position_tables_cut(reading, "banner/m.py")
