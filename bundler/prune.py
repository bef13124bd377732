"""Cut from the bundle's JavaScript what the precompiled banner never runs.

From brython.js, in two passes. First what Brython brackets with comments:
its compiler chain (tokenizer, PEG parser, symbol table) and the builtins'
docstrings, a third of the file, neither of which runs when every module
arrives precompiled. Then the compile-only parts that live elsewhere in the
file: the code generator (every AST node's ``to_js``, 70 KB), the tokenizer
(kept for hints on SyntaxErrors, which only compiling raises), the ``ast``
module's conversions (``compile()`` needs the compiler) and the runtime of
``match`` statements (the build refuses a banner that has one). Each is a
top-level assignment ``$B.<name> = ...``; terser then drops the helpers only
those used. A name that no longer matches fails the build: brython.js
changed, and what this file assumes must be checked again.

From each compiled module: its tables of column positions
(``frame.positions = [[line, column, ...], ...]``), an eighth of the banner's
brotli size. Brython reads them only to underline the failing expression in a
traceback, and checks that they exist; line numbers stay.

One thing is kept but made lazy: the time zone's name, which Brython works
out at start for its ``time`` module. The first ``Intl.DateTimeFormat`` that
asks for a zone name loads ICU's zone data, 20 ms at 1× CPU and 70-80 ms at
4×, the longest statement of the runtime's start; the banner never reads it.

acorn finds the statements, so no pattern has to understand JavaScript.
"""

import json
import re

from bundler.errors import BuildError
from bundler.v8 import NODE_MODULES, v8_with

ACORN = NODE_MODULES / "acorn/dist/acorn.js"
RUNTIME_NAME = "brython.js"
# What brython.js 3.15 brackets its compiler and the builtins' docstrings with.
COMPILER_START = "// >>> brython compiler chain"
COMPILER_END = "// <<< brython compiler chain\n"
DOCS_START = "var docs={"
DOCS_END = "\n;\n"
# Assignment targets, ``*`` standing for one name (an AST node class).
COMPILE_ONLY = (
    "$B.ast.*.prototype.to_js",
    "$B.ast.*.prototype._check",
    "$B.js_from_root",
    "$B.js_from_ast",
    "$B.tokenizer",
    "$B.create_python_ast_classes",
    "$B.ast_js_to_py",
    "$B.ast_py_to_js",
    "$B.AST.$convert",
    "$B.pattern_match",
)
POSITIONS = "frame.positions"
# brython.js 3.15's statements that work out ``$B.tz_name``, first and last.
TZ_NAME_START = "var date=new Date()\n"
TZ_NAME_END = "$B.tz_name=long.substr(ix).trim()\n"

# The statements ``target = ...`` whose target matches one of ``patterns``:
# in brython.js (``deep`` false) those of the script and of the functions it
# calls at once, as Brython wraps each source file in
# ``(function($B){...})(__BRYTHON__)``; in a module (``deep``) at any depth.
# Returns the text without them and the patterns that matched.
CUT = """
(function (source, patterns, deep) {
  var regexps = patterns.map(function (p) {
    return new RegExp("^" + p.replace(/[.$]/g, "\\\\$&").replace(/\\*/g, "[\\\\w$]+") + "$");
  });
  function dotted(node) {
    if (node.type === "Identifier") { return node.name; }
    if (node.type === "MemberExpression" && !node.computed) {
      var object = dotted(node.object);
      return object && object + "." + node.property.name;
    }
    return null;
  }
  var cuts = [], hit = {};
  function consider(statement) {
    if (statement.type !== "ExpressionStatement") { return false; }
    var e = statement.expression;
    var target = e.type === "AssignmentExpression" && dotted(e.left);
    var i = regexps.findIndex(function (r) { return target && r.test(target); });
    if (i < 0) { return false; }
    cuts.push([statement.start, statement.end]);
    hit[patterns[i]] = true;
    return true;
  }
  function walk(node) {
    if (consider(node)) { return; }
    Object.keys(node).forEach(function (key) {
      [].concat(node[key]).forEach(function (child) {
        if (child && typeof child.type === "string") { walk(child); }
      });
    });
  }
  var program = acorn.parse(source, {ecmaVersion: "latest", allowReturnOutsideFunction: deep});
  if (deep) {
    walk(program);
  } else {
    program.body.forEach(function (statement) {
      var e = statement.expression;
      if (e && e.type === "CallExpression" && e.callee.type === "FunctionExpression") {
        e.callee.body.body.forEach(consider);
      } else {
        consider(statement);
      }
    });
  }
  cuts.sort(function (a, b) { return a[0] - b[0]; });
  var out = "", last = 0;
  cuts.forEach(function (cut) { out += source.slice(last, cut[0]) + ";"; last = cut[1]; });
  return JSON.stringify({text: out + source.slice(last), hit: Object.keys(hit)});
})
"""


def span(text: str, start: str, end: str) -> tuple[int, int]:
    """Where ``start`` begins in ``text`` and where the first ``end`` after it ends."""
    head = text.find(start)
    tail = text.find(end, head + len(start))
    if head < 0 or tail < 0:
        message = f"no {start!r} ... {end!r}: is it the version pinned?"
        raise BuildError(message, RUNTIME_NAME)
    return head, tail + len(end)


def span_once(text: str, start: str, end: str) -> tuple[int, int]:
    """``span`` for a ``start`` the pinned brython.js holds exactly once."""
    if text.count(start) > 1:
        raise BuildError(f"{start!r} more than once: is it the version pinned?", RUNTIME_NAME)
    return span(text, start, end)


def _cut_between(text: str, start: str, end: str) -> str:
    """``text`` without the part from ``start`` up to and including ``end``."""
    head, tail = span(text, start, end)
    return text[:head] + text[tail:]


def tz_name_deferred(runtime: str) -> str:
    """brython.js with ``$B.tz_name`` worked out when first read, not at start."""
    head, tail = span_once(runtime, TZ_NAME_START, TZ_NAME_END)
    computed = runtime[head : tail - len(TZ_NAME_END)] + "return long.substr(ix).trim()\n"
    getter = f'Object.defineProperty($B,"tz_name",{{get:function(){{\n{computed}}}}})\n'
    return runtime[:head] + getter + runtime[tail:]


def marked_parts_cut(runtime: str) -> str:
    """brython.js without the compiler chain and docstrings it brackets itself."""
    without_compiler = _cut_between(runtime, COMPILER_START, COMPILER_END)
    return _cut_between(without_compiler, DOCS_START, DOCS_END)


class Pruner:
    """One V8 context holding acorn, reused for the runtime and every module."""

    def __init__(self) -> None:
        self._v8 = v8_with(ACORN)

    def acorn(self, code: str):
        """``code``'s value in this context, where ``acorn`` is defined."""
        return self._v8.eval(code)

    def _cut(self, source: str, patterns: tuple, deep: bool, name: str) -> dict:
        call = f"{CUT}({json.dumps(source)}, {json.dumps(patterns)}, {json.dumps(deep)})"
        try:
            return json.loads(self._v8.eval(call))
        except Exception as error:  # mini-racer wraps every JS exception in its own types
            raise BuildError(f"acorn could not parse it: {error}", name) from error

    def runtime_cut(self, runtime: str, targets: tuple = COMPILE_ONLY) -> str:
        """brython.js without its marked parts and the statements assigning ``targets``.

        Each target must be there: one that is not means brython.js changed.
        """
        result = self._cut(marked_parts_cut(runtime), targets, False, RUNTIME_NAME)
        missing = [target for target in targets if target not in result["hit"]]
        if missing:
            listing = ", ".join(missing)
            raise BuildError(f"assigns no {listing}: is it the version pinned?", RUNTIME_NAME)
        return result["text"]

    def position_tables_cut(self, module_js: str, file: str) -> str:
        """A compiled module without ``frame.positions = ...``; nothing else may read them."""
        text = self._cut(module_js, (POSITIONS,), True, file)["text"]
        if re.search(r"\bframe\.positions\b", text):
            raise BuildError("uses frame.positions beyond setting them: keep them", file)
        return text
