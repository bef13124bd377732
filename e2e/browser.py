"""The Chromium the end-to-end tests drive: the server's own choice (``server/chromium.py``)."""

from server.chromium import SYSTEM_CHROMIUM as SYSTEM_CHROMIUM
from server.chromium import chromium_executable as chromium_executable
from server.chromium import launch_args as launch_args
