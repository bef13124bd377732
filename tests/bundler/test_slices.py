import json

import pytest
from py_mini_racer import MiniRacer

from bundler import slices
from bundler.errors import BuildError
from bundler.prune import Pruner


@pytest.fixture(scope="module")
def pruner():
    return Pruner()


def test_top_level_statements_are_grouped_and_vars_stay_global(pruner):
    source = (
        '"use strict";\nvar __BRYTHON__ = globalThis.__BRYTHON__ || {};\n'
        "(function ($B) { $B.a = 1; })(__BRYTHON__);\n"
        "var $B = __BRYTHON__, later;\n"
        "(function ($B) { $B.b = $B.a + 1; })(__BRYTHON__);\n"
    )
    names, bodies = slices.runtime_slices(pruner.acorn, source, size=40)
    assert names == ["__BRYTHON__", "$B", "later"]
    assert len(bodies) > 1
    assert not any("var " in body.split("function")[0] for body in bodies)
    v8 = evaluated(names, bodies)
    assert v8.eval("__BRYTHON__.b") == 2 and v8.eval("$B === __BRYTHON__") is True


def test_a_slice_holds_at_most_size_characters_unless_one_statement_is_longer(pruner):
    statements = ["a=1;", "b=2;", "c=3;", "(function(){ var long = 'x'.repeat(40); })();", "d=4;"]
    _, bodies = slices.runtime_slices(pruner.acorn, "\n".join(statements), size=10)
    assert [body.split() for body in bodies] == [
        ["a=1;", "b=2;"],
        ["c=3;"],
        statements[3].split(),
        ["d=4;"],
    ]


@pytest.mark.parametrize(
    "declaration", ["function helper() {}", "let shared = 1;", "class Node {}"]
)
def test_a_top_level_name_a_slice_would_hide_fails_the_build(pruner, declaration):
    with pytest.raises(BuildError, match="^brython.js: declares .* which a slice would hide"):
        slices.runtime_slices(pruner.acorn, f"var a = 1;\n{declaration}\n", size=10)


def test_a_break_ends_the_slice_and_is_dropped(pruner):
    source = f"a=1;\n{slices.BREAK}\nb=2;\n{slices.BREAK}\n{slices.BREAK}\nc=3;\n"
    _, bodies = slices.runtime_slices(pruner.acorn, source, size=1_000)
    assert [body.split() for body in bodies] == [["a=1;"], ["b=2;"], ["c=3;"]]


# brython.js's shape around the loop: types defined, the loop, more, the file's end.
TYPES_FILE = (
    "var __BRYTHON__={builtin_types:{int:{n:'int'},str:{n:'str'},list:{n:'list'}},"
    "created_types:{a:{n:'a'},b:{n:'b'}},done:[]};\n"
    "(function($B){$B.finalize_type=function(cls){$B.done.push(cls.n)}\n"
    + slices.FINALIZE_LOOP
    + "$B.after=$B.done.length\n"
    "})(__BRYTHON__)\n;\n(function($B){$B.next=$B.done.join()})(__BRYTHON__)\n"
)


def evaluated(names, bodies) -> MiniRacer:
    """A V8 context that ran the slices in order, as the runner does."""
    v8 = MiniRacer()
    v8.eval(f"var {', '.join(names)};" + "".join(f"(function(){{{b}}})();" for b in bodies))
    return v8


def test_the_types_are_finalized_in_parts_each_its_own_slice_in_the_same_order(pruner):
    names, whole = slices.runtime_slices(pruner.acorn, TYPES_FILE, size=100_000)
    split = slices.types_finalized_in_parts(TYPES_FILE, parts=2)
    names_split, bodies = slices.runtime_slices(pruner.acorn, split, size=100_000)
    assert len(whole) == 1 and len(bodies) == 4  # the file, part 1, part 2, the next file
    assert [b.strip() for b in bodies[1:3]] == [
        "__BRYTHON__.$finalize_part(2);",
        "__BRYTHON__.$finalize_part(1);",
    ]
    before, after = evaluated(names, whole), evaluated(names_split, bodies)
    assert after.eval("__BRYTHON__.next") == before.eval("__BRYTHON__.next") == "int,str,list,a,b"
    assert after.eval("__BRYTHON__.after") == 0  # the rest of its file no longer waits for them
    assert after.eval("'$unfinalized' in __BRYTHON__ || '$finalize_part' in __BRYTHON__") is False


@pytest.mark.parametrize(
    "loops, refusal",
    [
        (0, r"^brython.js: no 'for\(var ns of"),
        (2, r"^brython.js: 'for\(var ns of.* more than once"),
    ],
)
def test_a_runtime_that_does_not_finalize_its_types_once_fails_the_build(loops, refusal):
    source = "(function($B){" + slices.FINALIZE_LOOP * loops + "})(__BRYTHON__)\n"
    with pytest.raises(BuildError, match=refusal):
        slices.types_finalized_in_parts(source)


def test_modules_come_after_what_they_import():
    imports = {"app": ["ui", "config"], "ui": ["markup"], "markup": [], "config": ["markup"]}
    order = slices.import_order(imports)
    assert sorted(order) == sorted(imports)
    for name, needed in imports.items():
        assert all(order.index(n) < order.index(name) for n in needed)
    assert slices.import_order({"a": ["b"], "b": ["a"]}) == ["b", "a"]  # a cycle: Python's order


# A browser stand-in whose macrotasks the test runs one at a time.
BROWSER = """
var tasks = [], ran = [], failures = 0;
globalThis.MessageChannel = function () {
  var port1 = {};
  this.port1 = port1;
  this.port2 = {postMessage: function () { tasks.push(function () { port1.onmessage(); }); }};
};
globalThis.document = {currentScript: {src: "https://consent.test/static/consent.0123.js"}};
globalThis.CookieConsentBoot = {ready: false, starting: false, fail: function () { failures++; }};
"""


def run_slices(bodies: list) -> MiniRacer:
    v8 = MiniRacer()
    v8.eval(BROWSER + slices.queued(bodies) + slices.RUNNER)
    return v8


def test_one_slice_runs_per_task_in_order_none_in_the_scripts_own():
    v8 = run_slices(
        ["ran.push(1);", "ran.push(2);", "ran.push(3); CookieConsentBoot.ready = true;"]
    )
    assert json.loads(v8.eval("JSON.stringify(ran)")) == []
    for done in ([1], [1, 2], [1, 2, 3]):
        v8.eval("tasks.shift()()")
        assert json.loads(v8.eval("JSON.stringify(ran)")) == done
    v8.eval("tasks.shift()()")  # the last finds the queue empty
    assert v8.eval("tasks.length") == 0 and v8.eval("failures") == 0


def test_pythons_steps_pause_as_the_slices_do_with_no_arguments():
    """``boot.pause``, which banner/app.py yields with: a task, not a clamped setTimeout."""
    v8 = run_slices(["CookieConsentBoot.ready = true;"])
    v8.eval(
        "tasks.length = 0; CookieConsentBoot.pause(function () { ran.push(arguments.length); })"
    )
    assert json.loads(v8.eval("JSON.stringify(ran)")) == []
    v8.eval("tasks.shift()()")
    assert json.loads(v8.eval("JSON.stringify(ran)")) == [0]


def test_brython_is_told_its_url_while_the_script_still_knows_it():
    v8 = run_slices(["ran.push(__BRYTHON__.brython_path);"])
    v8.eval("document.currentScript = null; tasks.shift()()")  # as once the script's task ended
    assert json.loads(v8.eval("JSON.stringify(ran)")) == ["https://consent.test/static/"]


def test_a_slice_that_throws_tells_the_loader():
    v8 = run_slices(["ran.push(1);", "throw Error('broken runtime');", "ran.push(3);"])
    v8.eval("tasks.shift()()")
    with pytest.raises(Exception, match="broken runtime"):
        v8.eval("tasks.shift()()")
    assert v8.eval("failures") == 1
    assert json.loads(v8.eval("JSON.stringify([ran, tasks.length])")) == [[1], 0]


def test_a_runtime_that_ends_without_python_starting_tells_the_loader():
    v8 = run_slices(["ran.push(1);"])
    v8.eval("tasks.shift()(); tasks.shift()()")
    assert v8.eval("failures") == 1
    started = run_slices(["CookieConsentBoot.starting = true;"])
    started.eval("tasks.shift()(); tasks.shift()()")
    assert started.eval("failures") == 0
