import json

import pytest
from py_mini_racer import MiniRacer

from bundler import no_eval
from bundler.compile import SHIMS
from bundler.errors import BuildError
from bundler.runtime import brython_source


@pytest.fixture(scope="module")
def checker():
    return no_eval.Checker()


@pytest.mark.parametrize(
    "script",
    [
        'try { eval("async function* f(){}") } catch (e) {}',
        "var f = new Function('a', 'return a');",
        "Function('x')();",
        "var make = Function; make('1');",
        "window.eval('1');",
        "globalThis['eval']('1');",
    ],
)
def test_any_eval_or_function_fails_the_build_at_its_line(checker, script):
    with pytest.raises(BuildError, match=r"^consent-runtime.js:2: refers to (eval|Function)"):
        checker.check("var ok = 1;\n" + script, "consent-runtime.js")


@pytest.mark.parametrize(
    "script",
    [
        'var names = ["eval", "exec"];',
        "var t = {eval: 1, Function: 2}; t.eval; t.Function;",
        "var s = 'new Function(x)';",
        "class A { eval() {} }",
    ],
)
def test_names_and_strings_that_only_spell_it_pass(checker, script):
    checker.check(script, "consent-runtime.js")


def test_the_pinned_brython_keeps_no_eval_anywhere(checker):
    """Not even in what the bundle cuts: every use is replaced, so none can come back."""
    checker.check(no_eval.without_eval(brython_source()), "brython.js")


def test_a_brython_that_changed_fails_the_build_naming_the_change():
    changed = brython_source().replace("ast[kl]=Function(", "ast[kl]=Fn(")
    with pytest.raises(BuildError, match=r"^brython.js: holds 0 of 'ast\[kl\]=Function"):
        no_eval.without_eval(changed)


# Every AST node class built with one argument per field; what each instance holds.
AST_INSTANCES = """
(function () {
  var $B = __BRYTHON__, out = {};
  for (var name in $B.ast_classes) {
    var klass = $B.ast[name];
    if (typeof klass !== "function") { continue; }
    var args = klass._fields.map(function (field, i) { return i % 2 ? [field, i] : undefined; });
    var node = new klass(...args);
    out[name] = {fields: klass._fields, held: Object.keys(node).map(function (key) {
      var value = node[key];
      return [key, value === undefined ? "undefined" : JSON.stringify(value),
              value && $B.get_class(value) === $B.builtins.list];
    })};
  }
  return JSON.stringify(out);
})()
"""


def _ast_instances(runtime: str) -> dict:
    v8 = MiniRacer()
    v8.eval(SHIMS)
    v8.eval(runtime)
    return json.loads(v8.eval(AST_INSTANCES))


def test_ast_node_classes_built_with_closures_hold_what_the_generated_ones_did():
    brython = brython_source()
    generated, closures = _ast_instances(brython), _ast_instances(no_eval.without_eval(brython))
    assert len(generated) > 100
    assert closures == generated
