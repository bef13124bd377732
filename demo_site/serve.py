"""Run a WSGI app on a real port in a background thread, for the demo and the e2e fixtures."""

from __future__ import annotations

import threading

from flask import Flask
from werkzeug.serving import BaseWSGIServer, make_server


def start_server(
    app: Flask, host: str = "127.0.0.1", port: int = 0, *, url_host: str | None = None
) -> tuple[BaseWSGIServer, str]:
    """Serve `app` until the caller calls ``server.shutdown()``; port 0 picks a free port.

    `url_host` names the host in the returned URL, e.g. "localhost" for a server bound to
    127.0.0.1, so that two servers on one machine count as different sites in the browser.
    """
    server = make_server(host, port, app, threaded=True)
    thread = threading.Thread(
        target=server.serve_forever, name=f"serve-{app.name}-{server.server_port}", daemon=True
    )
    thread.start()
    return server, f"http://{url_host or host}:{server.server_port}"
