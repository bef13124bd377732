"""Build what the browser gets: the loader and the runtime with the banner.

``python -m server.build`` writes ``build/consent.js``, the loader a site
embeds (``server/loader.js``), and ``build/consent-runtime.js`` with its brotli
and gzip forms: brython.js without its compiler (``server/prune.py`` cuts the
compile-only parts it does not mark), then the banner's modules compiled to
JavaScript (``server/precompile.py``) as a Brython package, all minified
(``server/minify.py``). The browser finds every import in memory and never
probes the server for modules nor compiles Python. The build refuses imports
that would not resolve that way, and files past their size budgets, because
both cost every visitor of every customer site.
"""

import ast
import json
import sys
from importlib import resources
from pathlib import Path

from server import strip
from server.bundle.asset import (
    FIRST_LAYER_PLACEHOLDER,
    GPC_PLACEHOLDER,
    PLACEHOLDER,
    REPLAY_KEY_PLACEHOLDER,
    RUNTIME_FILE,
    RUNTIME_PLACEHOLDER,
    SUFFIXES,
    compress,
)
from server.minify import Minifier, MinifyError
from server.precompile import Compiler
from server.prune import Pruner

ROOT = Path(__file__).resolve().parent.parent
BANNER = ROOT / "banner"
LOADER = Path(__file__).resolve().parent / "loader.js"
BUILD_DIR = ROOT / "build"
LOADER_FILE = "consent.js"
ENTRY_SCRIPT = "import banner.app"
SCRIPT_ID = "cookieconsent"
# Modules Brython provides inside brython.js itself: importing them costs nothing.
RUNTIME_MODULES = {"browser", "browser.html", "javascript"}
# Raw bytes. The loader (minified) runs before anything else and must stay tiny. The
# runtime is brython.js pruned and minified (about 560 KB) plus the banner,
# whose Python compiles to about 4.5 times its size even minified: the banner
# budget trips before the bundle's, which leaves it about 10% to grow.
LOADER_BUDGET = 4_500
BANNER_BUDGET = 75_000
BUNDLE_BUDGET = 900_000
# The server swaps these literals for JSON when serving /consent.js.
PLACEHOLDERS = (
    PLACEHOLDER,
    GPC_PLACEHOLDER,
    FIRST_LAYER_PLACEHOLDER,
    RUNTIME_PLACEHOLDER,
    REPLAY_KEY_PLACEHOLDER,
)
# What brython.js 3.15 brackets its compiler and the builtins' docstrings with.
COMPILER_START = "// >>> brython compiler chain"
COMPILER_END = "// <<< brython compiler chain\n"
DOCS_START = "var docs={"
DOCS_END = "\n;\n"


class BuildError(Exception):
    """The banner cannot be bundled as it is; the message says why."""


def _imports(tree: ast.AST) -> set:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            if node.module == "banner":
                names.update("banner." + alias.name for alias in node.names)
    return names


def banner_modules() -> dict:
    """Module name -> (minified source, imports) for every module of the banner."""
    modules = {}
    for path in sorted(BANNER.glob("*.py")):
        name = "banner" if path.stem == "__init__" else "banner." + path.stem
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        if any(isinstance(node, ast.Match) for node in ast.walk(tree)):
            raise BuildError(f"{name} uses `match`, whose runtime the bundle leaves out")
        slim = strip.annotations(strip.docstrings(tree))
        modules[name] = (ast.unparse(slim), sorted(_imports(tree)))
    unresolved = {
        (name, imported)
        for name, (_, imports) in modules.items()
        for imported in imports
        if imported not in modules and imported not in RUNTIME_MODULES
    }
    if unresolved:
        listing = ", ".join(f"{name} imports {imported}" for name, imported in sorted(unresolved))
        raise BuildError(
            f"{listing}: not in the bundle, so the browser would fetch it module by module"
        )
    return modules


def slim_module(js: str, name: str, pruner: Pruner, minifier: Minifier) -> str:
    """A compiled module without position tables, minified but for the name Brython returns."""
    namespace = "locals_" + name.replace(".", "_")
    if f"{namespace} = $B.namespace(" not in js:
        raise BuildError(f"{name}: its compiled code defines no {namespace}, which Brython returns")
    return minifier.module(pruner.position_tables_cut(js, name), namespace)


def package_script(modules: dict, compiler: Compiler, pruner: Pruner, minifier: Minifier) -> str:
    """The banner as Brython would have compiled it in the browser, keyed by module name.

    The VFS entries only tell Brython's importer that the modules exist (and
    which one is a package); the code comes from ``__BRYTHON__.precompiled``.
    """
    vfs, precompiled = {}, {}
    for name, (source, imports) in modules.items():
        js = slim_module(compiler.to_js(source, name), name, pruner, minifier)
        vfs[name] = [".py", "", [i for i in imports if i in modules]]
        if name == "banner":
            vfs[name].append(1)  # Brython's marker for a package
            js = [js]  # ... and, among precompiled modules, a list
        precompiled[name] = js
    return (
        "__BRYTHON__.loadBrythonPackage(" + _json(vfs) + ");\n"
        "Object.assign(__BRYTHON__.precompiled, " + _json(precompiled) + ");\n"
    )


def start_script(compiler: Compiler) -> str:
    """Run ``import banner.app`` the way ``runPythonSource`` does, minus the compiler.

    ``runPythonSource`` hands its source to ``$B.py2js``; the bundle has no
    compiler, so ``py2js`` becomes a lookup that knows this one start-up line.
    """
    entry = compiler.to_js(ENTRY_SCRIPT, SCRIPT_ID, imported=False)
    return (
        "(function ($B) {\n"
        f"  var entry = {json.dumps(entry)};\n"
        "  $B.py2js = function (src) {\n"
        f"    if (src.src !== {json.dumps(ENTRY_SCRIPT)}) {{\n"
        '      throw Error("this bundle runs precompiled Python only");\n'
        "    }\n"
        "    return {_ast: {body: []}, imports: {}, to_js: function () { return entry; }};\n"
        "  };\n"
        f"  $B.runPythonSource({json.dumps(ENTRY_SCRIPT)}, {{id: {json.dumps(SCRIPT_ID)}}});\n"
        "})(__BRYTHON__);\n"
    )


def _json(value) -> str:
    return json.dumps(value, separators=(",", ":"))


def runtime_source() -> str:
    return resources.files("brython").joinpath("data", "brython.js").read_text(encoding="utf-8")


def _cut(text: str, start: str, end: str) -> str:
    """``text`` without the part from ``start`` up to and including ``end``."""
    head = text.find(start)
    tail = text.find(end, head + len(start))
    if head < 0 or tail < 0:
        raise BuildError(f"brython.js has no {start!r} ... {end!r}: is it the version pinned?")
    return text[:head] + text[tail + len(end) :]


def browser_runtime(runtime: str) -> str:
    """brython.js without what only compiling or ``help()`` needs.

    Brython marks its compiler chain (tokenizer, PEG parser, symbol table); the
    builtins' docstrings follow it. Neither runs when every module arrives
    precompiled, and together they are a third of the file.
    """
    without_compiler = _cut(runtime, COMPILER_START, COMPILER_END)
    return _cut(without_compiler, DOCS_START, DOCS_END)


def _check_slots(text: str) -> None:
    missing = [slot for slot in PLACEHOLDERS if text.count(slot) != 1]
    if missing:
        raise BuildError(f"{LOADER.name} must hold each of {', '.join(missing)} once")


def loader_text() -> str:
    """The loader as sent: minified, each placeholder in it once, within budget."""
    source = LOADER.read_text(encoding="utf-8")
    _check_slots(source)
    text = Minifier().loader(source)
    _check_slots(text)  # terser kept every literal the server fills in
    if len(text.encode()) > LOADER_BUDGET:
        raise BuildError(f"loader is {len(text.encode())} bytes, budget {LOADER_BUDGET}")
    return text


def bundle_text() -> str:
    """The runtime script: brython.js without its compiler, the banner, its start."""
    modules = banner_modules()
    source_size = sum(len(source.encode()) for source, _ in modules.values())
    if source_size > BANNER_BUDGET:
        raise BuildError(f"banner source is {source_size} bytes, budget {BANNER_BUDGET}")
    runtime = runtime_source()
    compiler = Compiler(runtime)
    pruner, minifier = Pruner(), Minifier()
    text = (
        minifier.script(pruner.compile_only_parts_cut(browser_runtime(runtime)))
        + "\n;"
        + package_script(modules, compiler, pruner, minifier)
        + start_script(compiler)
    )
    if len(text.encode()) > BUNDLE_BUDGET:
        raise BuildError(f"bundle is {len(text.encode())} bytes, budget {BUNDLE_BUDGET}")
    return text


def build(directory: Path = BUILD_DIR) -> list:
    """Write the loader, the runtime and the runtime's brotli and gzip forms."""
    directory.mkdir(parents=True, exist_ok=True)
    loader = directory / LOADER_FILE
    loader.write_text(loader_text(), encoding="utf-8")
    runtime = directory / RUNTIME_FILE
    body = bundle_text().encode("utf-8")
    runtime.write_bytes(body)
    for encoding, suffix in SUFFIXES.items():
        runtime.with_name(RUNTIME_FILE + suffix).write_bytes(compress(body, encoding))
    return [loader, runtime]


def main() -> int:
    try:
        paths = build()
    except (BuildError, MinifyError) as error:
        print(f"build failed: {error}", file=sys.stderr)
        return 1
    for path in paths:
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
