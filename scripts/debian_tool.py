"""Find a program the tests need, or install its Debian package when running as root.

``make test`` must stop, not skip, when a program is missing: ``ensure``
prints what it settled on and returns the exit status for the Makefile.
"""

import os
import subprocess
import sys
from collections.abc import Callable


def ensure(name: str, find: Callable[[], str | None], package: str, hint: str, *apt_args) -> int:
    """0 once ``find()`` names the program, installing ``package`` with apt-get as root."""
    found = find()
    if found:
        print(f"{name}: {found}")
        return 0
    if os.geteuid() != 0:
        print(f"{name}: none found. {hint}, then `make test` again.", file=sys.stderr)
        return 1
    print(f"{name}: installing Debian's {package} package", flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", *apt_args, package], check=True, env=env)
    found = find()
    if not found:
        print(f"{name}: the {package} package installed no {name}", file=sys.stderr)
        return 1
    print(f"{name}: {found}")
    return 0
