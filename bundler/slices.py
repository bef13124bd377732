"""The runtime starts in slices, each a task of its own, so it never holds the page for long.

Run as one script, brython.js and the banner took one task of 200-300 ms at
1× CPU (600+ ms at 4×): a visitor's click, scroll or keypress waited for all
of it. Here the pruned brython.js is cut at its top-level statements (each
source file of Brython is one ``(function($B){...})(__BRYTHON__)``) into
functions of about ``SLICE_BYTES`` each (the loop finalizing Brython's types,
one statement inside one, is split first: ``types_finalized_in_parts``), then
come the banner's package, one ``import`` per banner module in the order their
imports need, and the entry script. ``RUNNER`` calls one slice per task and
yields between them (``scheduler.yield()`` where the browser has it, else a
MessageChannel message, a macrotask without setTimeout's clamping), and
Python's start yields the same way (``boot.pause``). The top-level ``var``
names of brython.js stay globals: they are declared once before the slices,
and each declaration inside becomes an assignment.

A slice that throws, or a runtime that ends without Python having started,
tells the loader (``CookieConsentBoot.fail``), which then never lets a press
look saved.
"""

import json

from bundler.errors import BuildError
from bundler.prune import RUNTIME_NAME, span_once

SLICE_BYTES = 8_000
QUEUE = "__BRYTHON__slices"
# A statement the slicer drops: the slice before it ends there.
BREAK = '"slice";'
# brython.js 3.15 finalizes every type it defines in one loop at the end of one
# source file's function: 60-80 ms at 4× CPU, the start's longest statement.
# It runs in FINALIZE_PARTS slices of its own instead, right after that file:
# at 4 the first part (the builtins, the biggest types) still took 15-40 ms.
FINALIZE_LOOP = (
    "for(var ns of[$B.builtin_types,$B.created_types]){for(var name in ns){var cls=ns[name]\n"
    "$B.finalize_type(cls)}}\n"
)
FILE_END = "})(__BRYTHON__)\n"
FINALIZE_PARTS = 8
# In place of the loop: the same types, in the same order, kept for the parts.
FINALIZE_QUEUED = """$B.$unfinalized=[]
for(var ns of[$B.builtin_types,$B.created_types]){
for(var name in ns){$B.$unfinalized.push(ns[name])}}
$B.$finalize_part=function(left){
var types=$B.$unfinalized.splice(0,Math.ceil($B.$unfinalized.length/left))
if(left===1){delete $B.$unfinalized;delete $B.$finalize_part}
for(var cls of types){$B.finalize_type(cls)}}
"""

# acorn over the pruned brython.js: the top-level statements grouped into
# slices of at most ``size`` characters (or one statement), every top-level
# ``var`` made a global.
SLICE = """
(function (source, size) {
  var program = acorn.parse(source, {ecmaVersion: "latest"});
  var names = [], slices = [], current = "", refused = null;
  program.body.forEach(function (statement) {
    var text = source.slice(statement.start, statement.end);
    if (statement.directive) { return; }
    if (text === BREAK) {
      if (current) { slices.push(current); current = ""; }
      return;
    }
    if (statement.type === "FunctionDeclaration" || statement.type === "ClassDeclaration"
        || (statement.type === "VariableDeclaration" && statement.kind !== "var")) {
      refused = refused || text.slice(0, 60);
    } else if (statement.type === "VariableDeclaration") {
      text = statement.declarations.map(function (d) {
        names.push(d.id.name);
        return d.init ? d.id.name + "=" + source.slice(d.init.start, d.init.end) + ";" : "";
      }).join("");
    }
    if (current && current.length + text.length > size) { slices.push(current); current = ""; }
    current += text + "\\n";
  });
  if (current) { slices.push(current); }
  return JSON.stringify({names: names, slices: slices, refused: refused});
})
""".replace("BREAK", json.dumps(BREAK))

# Calls the slices in order, one per task; tells the loader if the runtime failed.
RUNNER = """
(function (slices, boot) {
  function pause(then) {
    if (globalThis.scheduler && typeof scheduler.yield === "function") {
      scheduler.yield().then(then);
    } else {
      var channel = new MessageChannel();
      channel.port1.onmessage = then;
      channel.port2.postMessage(null);
    }
  }
  function next() {
    var slice = slices.shift();
    if (!slice) {
      if (!boot.ready && !boot.starting) { boot.fail(); }  // the entry raised, Brython printed it
      return;
    }
    try {
      slice();
    } catch (error) {
      boot.fail();
      throw error;
    }
    pause(next);
  }
  // Brython finds its own URL through document.currentScript, which is gone
  // once this script's task ends: it is told it here, and every slice gets a task.
  globalThis.__BRYTHON__ = {brython_path: document.currentScript.src.replace(/[^/]*$/, "")};
  // Python's start yields the same way: setTimeout(0) nested more than five
  // deep waits 4 ms each time, 40 ms of idle over its steps at 1× CPU.
  boot.pause = function (callback) { pause(function () { callback(); }); };
  pause(next);
})(globalThis.QUEUE, globalThis.CookieConsentBoot);
""".replace("QUEUE", QUEUE)


def types_finalized_in_parts(runtime: str, parts: int = FINALIZE_PARTS) -> str:
    """brython.js whose loop finalizing its types runs as ``parts`` statements, each in
    a slice of its own, right after the source file it ends. What follows the loop
    in that file, the builtin functions' set-up, does not read the types: it now
    runs before them."""
    head, tail = span_once(runtime, FINALIZE_LOOP, FILE_END)
    calls = "".join(
        f"{BREAK}\n__BRYTHON__.$finalize_part({left});\n" for left in range(parts, 0, -1)
    )
    rest_of_file = runtime[head + len(FINALIZE_LOOP) : tail]
    return (
        runtime[:head]
        + FINALIZE_QUEUED
        + rest_of_file
        + ";\n"
        + calls
        + BREAK
        + "\n"
        + runtime[tail:]
    )


def runtime_slices(v8_eval, runtime: str, size: int = SLICE_BYTES) -> tuple[list, list]:
    """brython.js as (its top-level var names, the source of each slice)."""
    try:
        found = json.loads(v8_eval(f"{SLICE}({json.dumps(runtime)}, {size})"))
    except Exception as error:  # mini-racer wraps every JS exception in its own types
        raise BuildError(f"acorn could not parse it: {error}", RUNTIME_NAME) from error
    if found["refused"]:
        message = f"declares {found['refused']!r} at its top level, which a slice would hide"
        raise BuildError(message, RUNTIME_NAME)
    return found["names"], found["slices"]


def queued(bodies: list) -> str:
    """The slices as functions on the queue ``RUNNER`` reads."""
    functions = ",\n".join(f"function () {{\n{body}\n}}" for body in bodies)
    return f"globalThis.{QUEUE} = [\n{functions}\n];\n"


def import_order(imports: dict) -> list:
    """Module names, each after the modules it imports (``imports``: name -> names), so
    each slice runs one module's own code; a cycle keeps Python's own order."""
    order: list = []
    visiting: set = set()

    def visit(name: str) -> None:
        if name in order or name in visiting:
            return
        visiting.add(name)
        for imported in imports[name]:
            visit(imported)
        order.append(name)

    for name in sorted(imports):
        visit(name)
    return order
