"""Make sure the shared-rate-limit tests have a Redis server to start.

The tests start their own ``redis-server`` on a free loopback port and stop
it by pid; this only makes sure the program is there: found on PATH (or in
/usr/bin), otherwise, as root, Debian's ``redis-server`` package installed
with apt-get. Exits non-zero when there is none, so ``make test`` stops
instead of skipping those tests.
"""

import os
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.debian_tool import ensure  # noqa: E402

DEBIAN_REDIS = "/usr/bin/redis-server"


def redis_server() -> str | None:
    return shutil.which("redis-server") or (DEBIAN_REDIS if os.path.exists(DEBIAN_REDIS) else None)


if __name__ == "__main__":
    # --no-install-recommends: the program only; the tests start it themselves.
    hint = "Run `sudo apt-get install redis-server`"
    sys.exit(ensure("redis-server", redis_server, "redis-server", hint, "--no-install-recommends"))
