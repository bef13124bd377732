"""Deliberately broken pages under /broken/, each with one consent mistake the site audit
must catch. Nothing on the normal pages links here, so a crawl of the site passes."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template

bp = Blueprint("broken", __name__, url_prefix="/broken")

#: Each page, and the mistake it makes (shown on /broken/).
PAGES = {
    "unblocked-tag": "Google Analytics' tag as a plain <script src>, not blocked",
    "noscript-pixel": "a tracking pixel inside <noscript>, which no banner can block",
    "late-tracker": "an allowed (unblocked) widget script that injects a pixel later",
    "undeclared-cookie": "a first-party cookie that the cookie tables do not declare",
    "unknown-category": 'a data-category="statistics" that the site config does not have',
}

#: An unblocked support-chat widget that, a moment after load, adds an ad pixel.
LATE_TRACKER_JS = """(function () {
  var tracker = document.currentScript.getAttribute("data-tracker");
  setTimeout(function () {
    var pixel = document.createElement("img");
    pixel.src = tracker + "/pixel.gif?page=late";
    document.body.appendChild(pixel);
  }, 300);
})();"""

#: An A/B-testing snippet that stores its variant in a cookie nobody declared.
AB_TEST_JS = 'document.cookie = "fm_ab_variant=b; max-age=2592000; path=/; SameSite=Lax";'


@bp.get("/")
def index() -> str:
    return render_template("broken/index.html", pages=PAGES, page="broken")


@bp.get("/<name>")
def broken_page(name: str) -> str:
    if name not in PAGES:
        abort(404)
    return render_template(
        "broken/page.html", name=name, mistake=PAGES[name], page="broken"
    )


@bp.get("/widget.js")
def widget() -> Response:
    return Response(LATE_TRACKER_JS, mimetype="text/javascript")


@bp.get("/ab-test.js")
def ab_test() -> Response:
    return Response(AB_TEST_JS, mimetype="text/javascript")
