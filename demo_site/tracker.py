"""A local stand-in for the trackers' hosts: Google Analytics, an ad pixel and a video platform.

It records every request it receives, so end-to-end tests can prove that nothing
reached a tracker before consent, and that the consented tags really loaded.
"""

from __future__ import annotations

import base64
import secrets
import threading
import time
from importlib import resources
from typing import Any

from flask import Flask, Response, jsonify, render_template, request

#: The smallest valid transparent GIF: what ad pixels answer with.
TRANSPARENT_GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")

PIXEL_COOKIE = "_fm_px"
PIXEL_COOKIE_MAX_AGE = 90 * 24 * 3600
VIDEO_COOKIE = "VISITOR_INFO1_LIVE"
VIDEO_COOKIE_MAX_AGE = 180 * 24 * 3600

#: Paths under which the log itself is read or cleared; those requests are not hits.
HITS_PATH = "/hits"


class HitLog:
    """Thread-safe, in-memory list of the requests a tracker received."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._hits: list[dict[str, Any]] = []

    def record(self, hit: dict[str, Any]) -> None:
        with self._lock:
            self._hits.append(hit)

    def snapshot(self) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(hit) for hit in self._hits]

    def clear(self) -> int:
        with self._lock:
            count = len(self._hits)
            self._hits.clear()
            return count


def create_tracker_app(hit_log: HitLog | None = None) -> Flask:
    """Build the fake tracker; its `HitLog` is also at ``app.extensions["hit_log"]``."""
    app = Flask(__name__, static_folder=None, template_folder="templates/tracker")
    log = hit_log if hit_log is not None else HitLog()
    app.extensions["hit_log"] = log
    gtag_js = resources.files(__package__).joinpath("templates/tracker/gtag.js").read_text("utf-8")

    @app.before_request
    def record_hit() -> None:
        if _is_log_request():
            return
        log.record(
            {
                "method": request.method,
                "path": request.path,
                "query": request.query_string.decode("utf-8", "replace"),
                "args": request.args.to_dict(),
                "referer": request.headers.get("Referer"),
                "cookie": request.headers.get("Cookie"),
                "user_agent": request.headers.get("User-Agent"),
                "time": time.time(),
            }
        )

    @app.after_request
    def no_caching(response: Response) -> Response:
        # Every page view must reach the tracker again, as a real hit would.
        response.headers["Cache-Control"] = "no-store"
        if _is_log_request():
            response.headers["Access-Control-Allow-Origin"] = "*"
        return response

    @app.get("/gtag/js")
    def gtag() -> Response:
        return Response(gtag_js, mimetype="text/javascript")

    @app.route("/collect", methods=["GET", "POST"])
    def collect() -> tuple[str, int]:
        return "", 204

    @app.get("/pixel.gif")
    def pixel() -> Response:
        response = Response(TRANSPARENT_GIF, mimetype="image/gif")
        visitor = request.cookies.get(PIXEL_COOKIE) or secrets.token_hex(8)
        response.set_cookie(PIXEL_COOKIE, visitor, max_age=PIXEL_COOKIE_MAX_AGE, path="/")
        return response

    @app.get("/embed/video")
    def video() -> Response:
        response = Response(render_template("video.html"))
        visitor = request.cookies.get(VIDEO_COOKIE) or secrets.token_urlsafe(8)
        response.set_cookie(VIDEO_COOKIE, visitor, max_age=VIDEO_COOKIE_MAX_AGE, path="/")
        return response

    @app.get(HITS_PATH)
    def hits() -> Response:
        return jsonify(log.snapshot())

    @app.post(f"{HITS_PATH}/reset")
    def reset_hits() -> Response:
        return jsonify({"cleared": log.clear()})

    return app


def _is_log_request() -> bool:
    return request.path == HITS_PATH or request.path.startswith(f"{HITS_PATH}/")
