"""``consent-runtime.js``: brython.js without its compiler, the banner compiled, its start.

The banner's modules arrive as JavaScript through ``__BRYTHON__.precompiled``,
the path Brython uses for modules it cached itself, so the browser finds
every import in memory and never compiles Python. Each module, and the entry
script, is a plain function in the script, not a string for ``new Function``
(``bundler/no_eval.py``): the browser compiles it with the rest of the file,
off the main thread, and a strict CSP lets it run.
"""

import json
from importlib import resources

from bundler.compile import Compiler
from bundler.errors import BuildError
from bundler.minify import Minifier
from bundler.modules import banner_modules
from bundler.no_eval import Checker, without_eval
from bundler.prune import Pruner, tz_name_deferred
from bundler.slices import (
    QUEUE,
    RUNNER,
    import_order,
    queued,
    runtime_slices,
    types_finalized_in_parts,
)

RUNTIME_NAME = "consent-runtime.js"
QUEUE_PUSH = f"globalThis.{QUEUE}.push"
SCRIPT_ID = "cookieconsent"
# V8's explicit compile hint: compile every function of the file eagerly, while
# the script streams in, off the main thread. Lazily compiled on the main
# thread instead, the runtime's start cost about twice as much there (about
# 220 ms of slices and steps at 1× CPU, 105 ms with the hint). It must open the file.
COMPILE_HINT = "//# allFunctionsCalledOnLoad\n"
# Raw bytes: brython.js pruned and minified (about 560 KB) plus the banner.
BUNDLE_BUDGET = 950_000


def brython_source() -> str:
    return resources.files("brython").joinpath("data", "brython.js").read_text(encoding="utf-8")


def _json(value) -> str:
    return json.dumps(value, separators=(",", ":"))


class Assembler:
    """The build's three V8 contexts (Brython's compiler, acorn, terser), made once."""

    def __init__(self, brython: str) -> None:
        self.brython = brython
        self.compiler = Compiler(brython)
        self.pruner = Pruner()
        self.minifier = Minifier()

    def module(self, source: str, name: str, file: str) -> str:
        """One module compiled, without position tables, minified but for the name
        Brython returns: a function of the module object that returns its namespace."""
        js = self.compiler.to_js(source, name, file=file)
        namespace = "locals_" + name.replace(".", "_")
        if f"{namespace} = $B.namespace(" not in js:
            message = f"its compiled code defines no {namespace}, which Brython returns"
            raise BuildError(message, file)
        body = self.minifier.module(self.pruner.position_tables_cut(js, file), namespace, file)
        return f"function({namespace}){{{body}}}"

    def package_script(self, modules: dict) -> str:
        """The banner as Brython would have compiled it in the browser, keyed by module name.

        The VFS entries only tell Brython's importer that the modules exist (and
        which one is a package); the code comes from ``__BRYTHON__.precompiled``.
        """
        vfs, precompiled = {}, []
        for name, (source, imports, file) in modules.items():
            js = self.module(source, name, str(file))
            vfs[name] = [".py", "", [i for i in imports if i in modules]]
            if name == "banner":
                vfs[name].append(1)  # Brython's marker for a package
                js = f"[{js}]"  # ... and, among precompiled modules, a list
            precompiled.append(f"{_json(name)}:{js}")
        return (
            "__BRYTHON__.loadBrythonPackage(" + _json(vfs) + ");\n"
            "Object.assign(__BRYTHON__.precompiled, {" + ",\n".join(precompiled) + "});\n"
        )

    def start_scripts(self, order: list) -> tuple[str, list]:
        """``import banner.x`` for each module in ``order``, the way ``runPythonSource``
        runs a script, minus the compiler: the lookup that stands in for ``$B.py2js``,
        and one call per module.

        ``runPythonSource`` hands its source to ``$B.py2js``; the bundle has no
        compiler, so ``py2js`` becomes a lookup that knows these start-up lines.
        """
        entries, calls = [], []
        for name in order:
            source = f"import {name}"
            script_id = SCRIPT_ID + "_" + name.replace(".", "_")
            js = self.compiler.to_js(source, script_id, imported=False)
            entries.append(f"{json.dumps(source)}: function () {{\n{js}\nreturn locals;\n}}")
            options = json.dumps({"id": script_id})
            calls.append(f"__BRYTHON__.runPythonSource({json.dumps(source)}, {options});")
        lookup = (
            "(function ($B) {\n"
            "  var entries = {" + ",\n".join(entries) + "};\n"
            "  $B.py2js = function (src) {\n"
            "    var known = Object.prototype.hasOwnProperty.call(entries, src.src);\n"
            "    var entry = known && entries[src.src];\n"
            "    if (!entry) {\n"
            '      throw Error("this bundle runs precompiled Python only");\n'
            "    }\n"
            "    return {_ast: {body: []}, imports: {}, to_js: function () { return entry; }};\n"
            "  };\n"
            "})(__BRYTHON__);\n"
        )
        return lookup, calls

    def runtime_text(self, modules: dict) -> str:
        """brython.js in slices, then the package, then one import per module, each a
        slice of its own (``bundler/slices.py``), and the runner that calls them."""
        names, bodies = runtime_slices(
            self.pruner.acorn,
            self.pruner.runtime_cut(
                types_finalized_in_parts(tz_name_deferred(without_eval(self.brython)))
            ),
        )
        brython = (
            '"use strict";\n' + (f"var {', '.join(names)};\n" if names else "") + queued(bodies)
        )
        imports = {
            name: [i for i in found if i in modules] for name, (_, found, _) in modules.items()
        }
        order = import_order(imports)
        lookup, calls = self.start_scripts([n for n in order if n != "banner"])
        later = [self.package_script(modules) + lookup, *calls]
        return (
            COMPILE_HINT
            + self.minifier.script(brython)
            + "\n;"
            + f"{QUEUE_PUSH}(\n"
            + ",\n".join(f"function () {{\n{body}\n}}" for body in later)
            + ");\n"
            + RUNNER
        )


def runtime_text() -> str:
    """The runtime script as shipped, within its budget."""
    text = Assembler(brython_source()).runtime_text(banner_modules())
    Checker().check(text, RUNTIME_NAME)
    if len(text.encode()) > BUNDLE_BUDGET:
        raise BuildError(f"bundle is {len(text.encode())} bytes, budget {BUNDLE_BUDGET}")
    return text
