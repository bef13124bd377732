"""Shrink the runtime's JavaScript with terser, run in the build's embedded V8.

brython.js ships whitespace-stripped but with every local name spelled out, and
Brython's compiler writes names like ``locals_banner_consent_is_uuid4``:
renaming locals and dropping dead branches (``if (test) {console.log(...)}``)
takes about a seventh off the brotli size. terser is pinned by the project's
``package-lock.json`` (``npm ci``), and its output depends only on its input,
so the build stays reproducible.
"""

import json
from pathlib import Path

from bundler.errors import BuildError
from bundler.v8 import NODE_MODULES, v8_with

TERSER = NODE_MODULES / "terser/dist/bundle.min.js"
# brython.js: its top-level names are left alone (terser's default), as other
# scripts read them.
SCRIPT = {"compress": True, "mangle": True}
# The loader: comments and whitespace out, locals renamed, but no compress
# pass, which would fold the server's placeholder literals ("__CC_SEC_GPC__"
# !== true is constant to terser). Double quotes, as the placeholders are spelled.
LOADER = {"compress": False, "mangle": True, "format": {"quote_style": 2}}


class Minifier:
    """One V8 context holding terser, reused for every script."""

    def __init__(self, terser: Path = TERSER) -> None:
        self._v8 = v8_with(terser)

    def script(self, code: str, name: str = "brython.js") -> str:
        """``code`` with local names shortened and dead code dropped."""
        return self._minify(code, SCRIPT, name)

    def loader(self, code: str, name: str = "banner/loader.js") -> str:
        """The loader with its comments out and its local names shortened."""
        return self._minify(code, LOADER, name)

    def module(self, code: str, namespace: str, name: str = "<module>") -> str:
        """A compiled module's code, with its top-level names shortened too.

        Brython runs it as the body of ``new Function(namespace, code +
        "return " + namespace)``: every name but ``namespace`` is the module's
        own. The return is added here as well, so terser sees that use.
        Single quotes because the bundle carries the code in a JSON string,
        where each double quote would cost a backslash.
        """
        options = {
            "compress": {"toplevel": True},
            "mangle": {"toplevel": True, "reserved": [namespace]},
            "parse": {"bare_returns": True},
            "format": {"quote_style": 1},
        }
        return self._minify(f"{code}\nreturn {namespace};", options, name)

    def _minify(self, code: str, options: dict, name: str) -> str:
        call = f"Terser.minify_sync({json.dumps(code)}, {json.dumps(options)}).code"
        try:
            return self._v8.eval(call)
        except Exception as error:  # mini-racer wraps every JS exception in its own types
            raise BuildError(f"terser could not minify it: {error}", name) from error
