"""Write what the browser gets: the loader and the runtime with its compressed forms.

``python -m bundler`` (``make build``) writes ``build/consent.js`` (the loader,
``bundler/loader.py``) and ``build/consent-runtime.js`` with ``.br`` and
``.gz`` beside it (``bundler/runtime.py``). The build is reproducible: same
input, same bytes, same URL and ETag.
"""

import sys
from pathlib import Path

from bundler.errors import BuildError
from bundler.loader import loader_text
from bundler.runtime import runtime_text
from server.bundle.asset import RUNTIME_FILE, SUFFIXES, compress

ROOT = Path(__file__).resolve().parent.parent
BUILD_DIR = ROOT / "build"
LOADER_FILE = "consent.js"


def build(directory: Path = BUILD_DIR) -> list:
    """Write the loader, the runtime and the runtime's brotli and gzip forms."""
    directory.mkdir(parents=True, exist_ok=True)
    loader = directory / LOADER_FILE
    loader.write_text(loader_text(), encoding="utf-8")
    runtime = directory / RUNTIME_FILE
    body = runtime_text().encode("utf-8")
    runtime.write_bytes(body)
    for encoding, suffix in SUFFIXES.items():
        runtime.with_name(RUNTIME_FILE + suffix).write_bytes(compress(body, encoding))
    return [loader, runtime]


def main() -> int:
    try:
        paths = build()
    except BuildError as error:
        print(f"build failed: {error}", file=sys.stderr)
        return 1
    for path in paths:
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size:,} bytes)")
    return 0
