"""Make sure the end-to-end tests have a Chromium, in the order the README gives.

1. Playwright's own Chromium, where `playwright install` could put one;
2. otherwise Debian's /usr/bin/chromium;
3. otherwise, as root, install Debian's `chromium` package.
Prints the executable it settled on; exits non-zero when there is none, so
`make test` stops instead of skipping the browser tests.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.debian_tool import ensure  # noqa: E402
from server.testing.browser import chromium_executable  # noqa: E402

if __name__ == "__main__":
    hint = "Run `playwright install chromium` or `sudo apt-get install chromium`"
    sys.exit(ensure("chromium", chromium_executable, "chromium", hint))
