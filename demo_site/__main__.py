"""``python -m demo_site``: the consent server, the demo site and the fake tracker on real ports.

The demo site is announced as http://localhost:PORT while the consent server and the
tracker are at http://127.0.0.1:PORT, so in the browser they are different sites, as in
production: the banner's cookie lives on the site, the trackers are third parties.
"""

from __future__ import annotations

import os
import re
import signal
import sys
import threading
from pathlib import Path
from types import FrameType
from typing import Any

from flask import Config, Flask
from werkzeug.serving import BaseWSGIServer

from .app import create_app
from .serve import start_server
from .tracker import create_tracker_app

HOST = "127.0.0.1"
SITE_HOST = "localhost"


def main() -> int:
    try:
        demo_port = _port("DEMO_PORT", 8000)
        tracker_port = _port("TRACKER_PORT", 8001)
        consent_port = _port("CONSENT_PORT", 5000)
    except ValueError as error:
        print(f"demo_site: {error}", file=sys.stderr)
        return 2

    site_origins = [f"http://{SITE_HOST}:{demo_port}", f"http://{HOST}:{demo_port}"]
    servers: list[BaseWSGIServer] = []
    try:
        tracker, tracker_url = start_server(create_tracker_app(), HOST, tracker_port)
        servers.append(tracker)
        consent_app = _consent_app(site_origins)
        consent, consent_url = start_server(consent_app, HOST, consent_port)
        servers.append(consent)
        site_app = create_app(consent_url=consent_url, tracker_url=tracker_url)
        site, site_url = start_server(site_app, HOST, demo_port, url_host=SITE_HOST)
        servers.append(site)
    except OSError as error:
        print(f"demo_site: cannot start a server: {error}", file=sys.stderr)
        _stop(servers)
        return 1

    _announce(site_url, consent_url, tracker_url, consent_app)
    _wait_for_stop()
    print("\nStopping the demo…")
    _stop(servers)
    return 0


def _consent_app(site_origins: list[str]) -> Flask:
    """The real consent server, configured from CONSENT_* as in production, plus our origin."""
    from server import create_app as create_consent_app

    env_config = Config(os.getcwd())
    env_config.from_prefixed_env("CONSENT")
    config: dict[str, Any] = dict(env_config)
    origins = env_config.get("ALLOWED_ORIGINS") or []
    if isinstance(origins, str):
        origins = [item for item in re.split(r"[\s,]+", origins) if item]
    config["ALLOWED_ORIGINS"] = [*origins, *(o for o in site_origins if o not in origins)]
    return create_consent_app(config)


def _announce(site_url: str, consent_url: str, tracker_url: str, consent_app: Flask) -> None:
    print(
        "\nFlowmailer cookie-consent demo is running:\n"
        f"  Demo site       {site_url}/      <- open this in your browser\n"
        f"  Consent server  {consent_url}/   (/consent.js, /privacy, /cookies, /api/…)\n"
        f"  Fake tracker    {tracker_url}/hits   (every request a tracker received)\n"
        "Press Ctrl-C to stop.\n",
        flush=True,
    )
    bundle = consent_app.config.get("BUNDLE_PATH")
    if bundle and not Path(bundle).is_file():
        print(f"Warning: the banner bundle {bundle} is missing; run `make build`.", flush=True)


def _wait_for_stop() -> None:
    stop = threading.Event()

    def on_terminate(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_terminate)
    try:
        while not stop.wait(timeout=1.0):
            pass
    except KeyboardInterrupt:
        pass


def _stop(servers: list[BaseWSGIServer]) -> None:
    for server in reversed(servers):
        server.shutdown()
        server.server_close()


def _port(name: str, default: int) -> int:
    raw = os.environ.get(name, str(default))
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise ValueError(f"{name} must be a port number between 1 and 65535, not {raw!r}")
    return int(raw)


if __name__ == "__main__":
    sys.exit(main())
