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
from bundler.prune import Pruner

ENTRY_SCRIPT = "import banner.app"
RUNTIME_NAME = "consent-runtime.js"
SCRIPT_ID = "cookieconsent"
# Raw bytes: brython.js pruned and minified (about 560 KB) plus the banner.
BUNDLE_BUDGET = 900_000


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

    def start_script(self) -> str:
        """Run ``import banner.app`` the way ``runPythonSource`` does, minus the compiler.

        ``runPythonSource`` hands its source to ``$B.py2js``; the bundle has no
        compiler, so ``py2js`` becomes a lookup that knows this one start-up line.
        """
        entry = self.compiler.to_js(ENTRY_SCRIPT, SCRIPT_ID, imported=False)
        return (
            "(function ($B) {\n"
            f"  var entry = function () {{\n{entry}\nreturn locals;\n}};\n"
            "  $B.py2js = function (src) {\n"
            f"    if (src.src !== {json.dumps(ENTRY_SCRIPT)}) {{\n"
            '      throw Error("this bundle runs precompiled Python only");\n'
            "    }\n"
            "    return {_ast: {body: []}, imports: {}, to_js: function () { return entry; }};\n"
            "  };\n"
            f"  $B.runPythonSource({json.dumps(ENTRY_SCRIPT)}, {{id: {json.dumps(SCRIPT_ID)}}});\n"
            "})(__BRYTHON__);\n"
        )

    def runtime_text(self, modules: dict) -> str:
        return (
            self.minifier.script(self.pruner.runtime_cut(without_eval(self.brython)))
            + "\n;"
            + self.package_script(modules)
            + self.start_script()
        )


def runtime_text() -> str:
    """The runtime script as shipped, within its budget."""
    text = Assembler(brython_source()).runtime_text(banner_modules())
    Checker().check(text, RUNTIME_NAME)
    if len(text.encode()) > BUNDLE_BUDGET:
        raise BuildError(f"bundle is {len(text.encode())} bytes, budget {BUNDLE_BUDGET}")
    return text
