"""Compile the banner's Python to JavaScript at build time, with Brython's own compiler.

Brython normally parses and compiles every module in the visitor's browser,
on every page load. Here the same compiler runs once, in an embedded V8
(``mini-racer``), so the bundle ships JavaScript and can leave the compiler
out. The output is exactly what Brython's import system would have produced in
the browser (``$B.py2js(...).to_js()``); the runtime loads it through
``__BRYTHON__.precompiled``, the path it uses for modules cached in IndexedDB.
"""

import json
import re

from py_mini_racer import MiniRacer

from bundler.errors import BuildError
from bundler.prune import span_once

# The least of a browser that brython.js touches while it initialises: no DOM
# is used to compile, but the runtime reads its own URL, the page location and
# registers its start-up listener. Brython numbers generated names from a
# random start; a fixed one makes the build reproducible (stable ETags).
SHIMS = """
Math.random = function () { return 0.5; };
globalThis.self = globalThis;
globalThis.window = globalThis;
globalThis.addEventListener = function () {};
globalThis.setTimeout = function () {};
globalThis.location = {href: "https://build.invalid/", origin: "https://build.invalid"};
globalThis.navigator = {userAgent: "build", language: "en"};
globalThis.document = {
  currentScript: {src: "https://build.invalid/consent.js"},
  readyState: "loading",
  addEventListener: function () {},
  getElementsByTagName: function () { return []; },
  querySelectorAll: function () { return []; }
};
globalThis.URL = function (url) {
  var m = /^([a-z]+:)\\/\\/([^\\/?#]*)([^?#]*)(\\?[^#]*)?(#.*)?$/.exec(url);
  if (!m) { throw TypeError("Invalid URL: " + url); }
  this.protocol = m[1]; this.host = m[2]; this.pathname = m[3] || "/";
  this.search = m[4] || ""; this.hash = m[5] || "";
};
"""

COMPILE = """
(function (src, name, imported) {
  return __BRYTHON__.py2js(
    {src: src, filename: name, imported: imported}, name, name, __BRYTHON__.builtins_scope
  ).to_js();
})
"""

# Brython tags a for loop's iterable with the loop's position, for tracebacks.
# It runs modules through ``new Function``, sloppy code, where tagging a str
# (a JavaScript string) silently does nothing; the bundle ships them as plain
# functions inside brython.js's strict code, where it throws, so every
# ``for ch in text`` would crash. The tag is kept wherever it can be set.
LOOP_TAG = "`iterator_${id}[$B.INUM] = "
LOOP_TAG_END = "\\n`"
SAFE_LOOP_TAG = (
    "`Object.isExtensible(iterator_${id}) && (iterator_${id}[$B.INUM] = ${this.iter.inum})\\n`"
)


def loops_strict_safe(brython: str) -> str:
    """Brython's compiler with a for loop's position tag set only on what can take it."""
    head, tail = span_once(brython, LOOP_TAG, LOOP_TAG_END)
    return brython[:head] + SAFE_LOOP_TAG + brython[tail:]


class Compiler:
    """One V8 context holding Brython's compiler, reused for every module."""

    def __init__(self, runtime: str) -> None:
        self._v8 = MiniRacer()
        self._v8.eval(SHIMS)
        self._v8.eval(loops_strict_safe(runtime))

    def to_js(self, source: str, name: str, imported: bool = True, file: str | None = None) -> str:
        """The JavaScript Brython generates for module ``name`` (``imported`` False: a script).

        A SyntaxError or any other compiler failure is a BuildError naming
        ``file`` and, where Brython says it, the line.
        """
        call = f"{COMPILE}({json.dumps(source)}, {json.dumps(name)}, {json.dumps(imported)})"
        try:
            return self._v8.eval(call)
        except Exception as error:  # mini-racer wraps every JS exception in its own types
            line = re.search(r"\bline (\d+)", str(error))
            raise BuildError(
                f"Brython could not compile it: {error}",
                file or name,
                int(line.group(1)) if line else None,
            ) from error
