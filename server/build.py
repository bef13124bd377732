"""Build the banner bundle: the Brython runtime and ``banner/`` in one script.

``python -m server.build`` writes ``build/consent.js``. The banner's modules go
in as a Brython package (``__BRYTHON__.loadBrythonPackage``) so the browser
finds every import in memory and never probes the server for modules. The
build refuses imports that would not resolve that way, and a bundle past its
size budget, because both cost every visitor of every customer site.
"""

import ast
import json
import sys
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BANNER = ROOT / "banner"
OUTPUT = ROOT / "build" / "consent.js"
ENTRY = "banner.app"
# Modules Brython provides inside brython.js itself: importing them costs nothing.
RUNTIME_MODULES = {"browser", "browser.html", "javascript"}
# Raw bytes. brython.js alone is about 1.46 MB; the banner must stay small beside it.
BANNER_BUDGET = 100_000
BUNDLE_BUDGET = 1_600_000
# The server swaps this literal for the site config's JSON when serving /consent.js.
CONFIG_PLACEHOLDER = '"__CC_SITE_CONFIG__"'

PRELUDE = """
(function () {
  var script = document.currentScript;
  window.CookieConsentBoot = {
    config: JSON.stringify(CONFIG_SLOT),
    src: script ? script.src : "",
    nonce: script ? (script.nonce || script.getAttribute("nonce")) : null,
    lang: script ? script.getAttribute("data-lang") : null,
    secGpc: "__CC_SEC_GPC__",  // the server writes true when this script's request sent Sec-GPC: 1
    // gtag() must push a real Arguments object, which Python cannot build.
    gtag: function () { (window.dataLayer = window.dataLayer || []).push(arguments); }
  };
})();
""".replace("CONFIG_SLOT", CONFIG_PLACEHOLDER)


class BuildError(Exception):
    """The banner cannot be bundled as it is; the message says why."""


def _strip_docstrings(tree: ast.AST) -> ast.AST:
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                node.body = body[1:] or [ast.Pass()]
    return tree


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
        modules[name] = (ast.unparse(_strip_docstrings(tree)), sorted(_imports(tree)))
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


def package_script(modules: dict) -> str:
    vfs = {}
    for name, (source, imports) in modules.items():
        entry = [".py", source, [i for i in imports if i in modules]]
        if name == "banner":
            entry.append(1)  # Brython's marker for a package
        vfs[name] = entry
    return "__BRYTHON__.loadBrythonPackage(" + json.dumps(vfs, separators=(",", ":")) + ");\n"


def runtime_source() -> str:
    return resources.files("brython").joinpath("data", "brython.js").read_text(encoding="utf-8")


def bundle_text() -> str:
    modules = banner_modules()
    package = package_script(modules)
    if len(package.encode()) > BANNER_BUDGET:
        raise BuildError(f"banner package is {len(package.encode())} bytes, budget {BANNER_BUDGET}")
    entry = json.dumps("import " + ENTRY)
    start = f"__BRYTHON__.runPythonSource({entry}, {{id: 'cookieconsent'}});\n"
    text = runtime_source() + "\n;" + PRELUDE + package + start
    if len(text.encode()) > BUNDLE_BUDGET:
        raise BuildError(f"bundle is {len(text.encode())} bytes, budget {BUNDLE_BUDGET}")
    return text


def build(output: Path = OUTPUT) -> Path:
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(bundle_text(), encoding="utf-8")
    return output


def main() -> int:
    try:
        path = build()
    except BuildError as error:
        print(f"build failed: {error}", file=sys.stderr)
        return 1
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
