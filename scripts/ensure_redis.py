"""Make sure the shared-rate-limit tests have a Redis server to start.

The tests start their own ``redis-server`` on a free loopback port and stop
it by pid; this only makes sure the program is there: found on PATH (or in
/usr/bin), otherwise, as root, Debian's ``redis-server`` package installed
with apt-get. Exits non-zero when there is none, so ``make test`` stops
instead of skipping those tests.
"""

import os
import shutil
import subprocess
import sys

DEBIAN_REDIS = "/usr/bin/redis-server"


def redis_server() -> str | None:
    return shutil.which("redis-server") or (DEBIAN_REDIS if os.path.exists(DEBIAN_REDIS) else None)


def main() -> int:
    found = redis_server()
    if found:
        print(f"redis-server: {found}")
        return 0
    if os.geteuid() != 0:
        print(
            "redis-server: none found. Run `sudo apt-get install redis-server`, "
            "then `make test` again.",
            file=sys.stderr,
        )
        return 1
    print("redis-server: installing Debian's redis-server package", flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    # --no-install-recommends: the program only; the tests start it themselves.
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "redis-server"],
        check=True,
        env=env,
    )
    found = redis_server()
    if not found:
        print("redis-server: the package installed no redis-server", file=sys.stderr)
        return 1
    print(f"redis-server: {found}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
