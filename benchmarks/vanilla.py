"""vanilla-cookieconsent 3.1.0 from the npm registry, cached outside git.

Fetched with ``npm pack`` at benchmark time into ``benchmarks/.cache/`` (git
ignores it); later runs reuse the extracted files.
"""

import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

VERSION = "3.1.0"
PACKAGE = f"vanilla-cookieconsent@{VERSION}"
CACHE = Path(__file__).resolve().parent / ".cache" / f"vanilla-cookieconsent-{VERSION}"
FILES = ("dist/cookieconsent.umd.js", "dist/cookieconsent.css")


def vanilla_files(cache: Path = CACHE) -> dict[str, bytes]:
    """The UMD script and stylesheet by file name, fetched once."""
    if not all((cache / name).exists() for name in FILES):
        fetch(cache)
    return {Path(name).name: (cache / name).read_bytes() for name in FILES}


def fetch(cache: Path) -> None:
    npm = shutil.which("npm") or "/usr/bin/npm"
    with tempfile.TemporaryDirectory(prefix="vanilla-cc-") as tmp:
        subprocess.run(
            [npm, "pack", PACKAGE, "--silent", "--pack-destination", tmp],
            check=True,
            timeout=180,
            stdout=subprocess.DEVNULL,
        )
        (tarball,) = Path(tmp).glob("*.tgz")
        with tarfile.open(tarball) as archive:
            for name in FILES:
                member = archive.extractfile(f"package/{name}")
                if member is None:
                    raise RuntimeError(f"{PACKAGE} has no {name}")
                target = cache / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(member.read())
