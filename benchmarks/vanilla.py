"""vanilla-cookieconsent 3.1.0, pinned in package-lock.json (``npm ci``, run by ``make build``).

The page benchmark and the browser tests (e2e/test_vanilla_migration.py)
serve these same files; tests/banner/test_api_surface.py reads its types.
"""

import json
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "node_modules" / "vanilla-cookieconsent"
VERSION = json.loads((PACKAGE / "package.json").read_text(encoding="utf-8"))["version"]
FILES = ("dist/cookieconsent.umd.js", "dist/cookieconsent.css")


def vanilla_files(package: Path = PACKAGE) -> dict[str, bytes]:
    """The UMD script and stylesheet by file name."""
    return {Path(name).name: (package / name).read_bytes() for name in FILES}
