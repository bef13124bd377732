"""The build's embedded V8 (mini-racer) and the npm tools it runs.

terser and acorn are pinned by the project's ``package-lock.json`` (``npm
ci``); Brython's compiler comes from the pinned ``brython`` wheel. Each runs
in a context of its own, reused for every script of one build.
"""

import json
from pathlib import Path

from py_mini_racer import MiniRacer

from bundler.errors import BuildError

NODE_MODULES = Path(__file__).resolve().parent.parent / "node_modules"


def v8_with(tool: Path) -> MiniRacer:
    """A V8 context that has run one of the build's npm tools (a browser bundle)."""
    try:
        source = tool.read_text(encoding="utf-8")
    except OSError as error:
        raise BuildError("missing: run `npm ci` (or `make build`)", tool) from error
    v8 = MiniRacer()
    v8.eval("var self = globalThis;")  # browser bundles define themselves on self
    v8.eval(source)
    return v8


def call(v8: MiniRacer, function: str, *args) -> object:
    """``function(*args)`` in ``v8``, the arguments passed as JSON; a JS error propagates."""
    return v8.eval(f"({function})({', '.join(json.dumps(a) for a in args)})")
