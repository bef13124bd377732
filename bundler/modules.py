"""The banner's Python as the bundle carries it: every module, slimmed, its imports checked.

Every import must resolve inside the bundle, so the browser never probes the
server for modules; the build refuses one that would (``json``, ``re`` or
``datetime`` would also weigh megabytes under Brython), and refuses ``match``,
whose runtime ``bundler/prune.py`` cuts.
"""

import ast
from pathlib import Path

from bundler import strip
from bundler.errors import BuildError

BANNER = Path(__file__).resolve().parent.parent / "banner"
# Modules Brython provides inside brython.js itself: importing them costs nothing.
RUNTIME_MODULES = {"browser", "browser.html", "javascript"}
# Raw bytes of the slimmed source: it compiles to about 4.5 times its size
# even minified, so this trips before the runtime's budget, leaving about 10%
# to grow.
BANNER_BUDGET = 77_000


def _imports(tree: ast.AST) -> dict:
    """Imported module name -> line of its first import."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found = [node.module]
            if node.module == "banner":
                found += ["banner." + alias.name for alias in node.names]
        else:
            continue
        for name in found:
            names.setdefault(name, node.lineno)
    return names


def _parse(path: Path) -> ast.AST:
    try:
        return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except SyntaxError as error:
        raise BuildError(error.msg, path, error.lineno) from error


def module_name(path: Path) -> str:
    return "banner" if path.stem == "__init__" else "banner." + path.stem


def banner_modules(directory: Path = BANNER) -> dict:
    """Module name -> (slimmed source, imports, file) for every module of the banner."""
    modules, lines = {}, {}
    for path in sorted(directory.glob("*.py")):
        name = module_name(path)
        tree = _parse(path)
        for node in ast.walk(tree):
            if isinstance(node, ast.Match):
                message = "uses `match`, whose runtime the bundle leaves out"
                raise BuildError(message, path, node.lineno)
        imports = _imports(tree)
        slim = strip.annotations(strip.docstrings(tree))
        modules[name] = (ast.unparse(slim), sorted(imports), path)
        lines[name] = imports
    for name, (_, imports, path) in modules.items():
        for imported in imports:
            if imported not in modules and imported not in RUNTIME_MODULES:
                message = (
                    f"imports {imported}, which is not in the bundle:"
                    " the browser would fetch it module by module"
                )
                raise BuildError(message, path, lines[name][imported])
    size = sum(len(source.encode()) for source, _, _ in modules.values())
    if size > BANNER_BUDGET:
        raise BuildError(f"banner source is {size} bytes, budget {BANNER_BUDGET}", directory)
    return modules
