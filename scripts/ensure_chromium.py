"""Make sure the end-to-end tests have a Chromium, in the order the README gives.

1. Playwright's own Chromium, where `playwright install` could put one;
2. otherwise Debian's /usr/bin/chromium;
3. otherwise, as root, install Debian's `chromium` package.
Prints the executable it settled on; exits non-zero when there is none, so
`make test` stops instead of skipping the browser tests.
"""

import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from server.testing.browser import SYSTEM_CHROMIUM, chromium_executable  # noqa: E402


def main() -> int:
    found = chromium_executable()
    if found:
        print(f"chromium: {found}")
        return 0
    if os.geteuid() != 0:
        print(
            "chromium: none found. Run `playwright install chromium` or "
            "`sudo apt-get install chromium`, then `make test` again.",
            file=sys.stderr,
        )
        return 1
    print("chromium: installing Debian's chromium package", flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True, env=env)
    if not Path(SYSTEM_CHROMIUM).exists():
        print("chromium: the package installed no /usr/bin/chromium", file=sys.stderr)
        return 1
    print(f"chromium: {SYSTEM_CHROMIUM}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
