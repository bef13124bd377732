"""Cut from brython.js what can only serve a compiler the bundle does not have.

``server/build.py`` already removes the compiler chain Brython marks; this
removes the compile-only parts that live elsewhere in the file: the code
generator (every AST node's ``to_js``, 70 KB), the tokenizer (kept for
suggestions on SyntaxErrors, which only compiling raises), the ``ast``
module's conversions (``compile()`` needs the compiler) and the runtime of
``match`` statements (the build refuses a banner that has one). Each is a
top-level assignment ``$B.<name> = ...`` that acorn finds; terser then drops
the helpers only those used. A name that no longer matches fails the build:
brython.js changed, and what this file assumes must be checked again.
"""

import json

from server.minify import NODE_MODULES, MinifyError, v8_with

ACORN = NODE_MODULES / "acorn/dist/acorn.js"
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

# Statements of the script and of the functions it calls at once (Brython
# wraps each source file in ``(function($B){...})(__BRYTHON__)``) whose
# assignment target matches; returns the text without them and the targets hit.
CUT = """
(function (source, patterns) {
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
  function visit(statements, nested) {
    statements.forEach(function (statement) {
      if (statement.type !== "ExpressionStatement") { return; }
      var e = statement.expression;
      if (e.type === "AssignmentExpression") {
        var target = dotted(e.left);
        patterns.forEach(function (pattern, i) {
          if (target && regexps[i].test(target)) {
            cuts.push([statement.start, statement.end]);
            hit[pattern] = true;
          }
        });
      } else if (!nested && e.type === "CallExpression" && e.callee.type === "FunctionExpression") {
        visit(e.callee.body.body, true);
      }
    });
  }
  visit(acorn.parse(source, {ecmaVersion: "latest"}).body, false);
  var out = "", last = 0;
  cuts.forEach(function (cut) { out += source.slice(last, cut[0]) + ";"; last = cut[1]; });
  return JSON.stringify({text: out + source.slice(last), hit: Object.keys(hit)});
})
"""


def compile_only_parts_cut(runtime: str, targets: tuple = COMPILE_ONLY) -> str:
    """``runtime`` without the statements assigning ``targets``; each must be there."""
    v8 = v8_with(ACORN)
    try:
        result = json.loads(v8.eval(f"{CUT}({json.dumps(runtime)}, {json.dumps(targets)})"))
    except Exception as error:  # mini-racer wraps every JS exception in its own types
        raise MinifyError(f"acorn could not parse the runtime: {error}") from error
    missing = [target for target in targets if target not in result["hit"]]
    if missing:
        raise MinifyError(f"brython.js assigns no {', '.join(missing)}: is it the version pinned?")
    return result["text"]
