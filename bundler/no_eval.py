"""No code made from strings at run time: the bundle runs under a CSP without ``'unsafe-eval'``.

brython.js 3.15 turns text into code in ten places. Three are on the banner's
path, and each gets a plain function instead: the AST node classes it builds
at start-up (``Function(...args, body)``, now one closure per class), the
precompiled modules (``new Function(name, js)``; the build ships each module
as a function, ``bundler/runtime.py``) and the entry script run by
``runPythonSource`` (``new Function(script.js)``; shipped as a function too).
One is a feature probe at the top of the file (``eval("async function*
f(){}")``): caught by its ``try``, it still made the browser send the site a
CSP violation report on every page view, so it goes. The other six serve
``eval``/``exec``, ``types.FunctionType``, JavaScript subclasses, ``.js``
modules and ``javascript.import_js``/``load``: the banner uses none, and a
bundle without a compiler cannot honour them, so each now throws an error that
says so. Every change must match brython.js exactly once, else the build
fails: the pinned version changed and this file must be checked again.

``check`` then fails the build on any ``eval`` or ``Function`` left anywhere in
what ships (acorn finds references, not strings that merely spell the name).
"""

import json

from bundler.errors import BuildError
from bundler.prune import ACORN, RUNTIME_NAME
from bundler.v8 import v8_with

# ``ast[kl]`` becomes a constructor that stores its arguments under the
# class's field names, lists as Brython lists: what the generated body did.
AST_CLASSES = (
    "ast[kl]=Function(...arg_list,body)",
    "ast[kl]=(function(names,lists){return function(){"
    "for(var i=0;i<names.length;i++){var value=arguments[i];"
    "this[names[i]]=lists[i]?$B.$list(value===undefined?[]:value):value}}})"
    "(arg_list,args.split(',').map(function(arg){return arg.split(/\\s+/)[0].endsWith('*')}))",
)
# The precompiled module is a function of the module object that returns it.
PRECOMPILED_MODULE = (
    'mod_js+="return "+prefix+parent_id\nvar $module=new Function(prefix+parent_id,mod_js)(\nmod)',
    "var $module=mod_js(mod)",
)
# The entry script is a function returning its namespace.
ENTRY_SCRIPT = ("var modobj=new Function(script.js+`\\nreturn locals`)()", "var modobj=script.js()")
ASYNC_PROBE = (
    'try{\neval("async function* f(){}")}catch(err){console.warn("Your browser is not fully '
    'supported. If you are using "+\n"Microsoft Edge, please upgrade to the latest version")}\n',
    "",
)
REFUSED = "(()=>{throw Error('this bundle runs no code made from text at run time')})()"
UNUSED = (
    "new Function('_b_','__file__',globals_name,'return '+code.co_code)",  # types.FunctionType
    "new Function('$B','_b_','locals',local_name,global_name,'frame','_frame_obj',js)",  # exec
    "Function('cl_dict','bases',body)",  # a Python class extending a JavaScript class
    "new Function(module_contents)()",  # a .js module
    "(new Function(module_id,js))",  # a module compiled in the browser
    "new Function(js)",  # javascript.import_js
)
LOAD = "eval(content)"  # javascript.load, twice (module and builtin)

# Line and column of every reference to eval or Function: as a name (not a
# property of some object), or as a property of the global object.
FIND = """
(function (source) {
  var found = [], NAMES = ["eval", "Function"], GLOBALS = ["window", "globalThis", "self"];
  function global(node) {
    var name = node.computed ? node.property.value : node.property.name;
    return node.object.type === "Identifier" && GLOBALS.indexOf(node.object.name) >= 0
      && NAMES.indexOf(name) >= 0 && name;
  }
  function walk(node, parent, key) {
    var name = null;
    if (node.type === "Identifier" && NAMES.indexOf(node.name) >= 0) {
      var named = parent && !parent.computed && (
        (parent.type === "MemberExpression" && key === "property")
        || ((parent.type === "Property" || parent.type === "MethodDefinition") && key === "key"));
      name = named ? null : node.name;
    } else if (node.type === "MemberExpression") {
      name = global(node);
    }
    if (name) { found.push([node.loc.start.line, node.loc.start.column, name]); }
    Object.keys(node).forEach(function (k) {
      [].concat(node[k]).forEach(function (child) {
        if (child && typeof child.type === "string") { walk(child, node, k); }
      });
    });
  }
  walk(acorn.parse(source, {ecmaVersion: "latest", locations: true}), null, null);
  return JSON.stringify(found);
})
"""


def _replace(runtime: str, old: str, new: str, count: int = 1) -> str:
    if runtime.count(old) != count:
        found = runtime.count(old)
        message = f"holds {found} of {old[:60]!r}, not {count}: is it the version pinned?"
        raise BuildError(message, RUNTIME_NAME)
    return runtime.replace(old, new)


def without_eval(runtime: str) -> str:
    """brython.js with each of its ten uses of eval or Function replaced."""
    for old, new in (AST_CLASSES, PRECOMPILED_MODULE, ENTRY_SCRIPT, ASYNC_PROBE):
        runtime = _replace(runtime, old, new)
    for old in UNUSED:
        runtime = _replace(runtime, old, REFUSED)
    return _replace(runtime, LOAD, REFUSED, count=2)


class Checker:
    """One V8 context holding acorn, for every script the build writes."""

    def __init__(self) -> None:
        self._v8 = v8_with(ACORN)

    def check(self, script: str, name: str) -> None:
        """Fail the build, naming the line, if ``script`` refers to eval or Function."""
        call = f"{FIND}({json.dumps(script)})"
        try:
            found = json.loads(self._v8.eval(call))
        except Exception as error:  # mini-racer wraps every JS exception in its own types
            raise BuildError(f"acorn could not parse it: {error}", name) from error
        if found:
            line, column, what = found[0]
            more = f" (and {len(found) - 1} more)" if found[1:] else ""
            shown = f"{what}, column {column}{more}"
            message = f"refers to {shown}: a strict CSP (no 'unsafe-eval') would stop it"
            raise BuildError(message, name, line)
