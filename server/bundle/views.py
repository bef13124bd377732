"""``GET /consent.js``, the one script a site embeds, and the runtime it loads."""

from pathlib import Path

from flask import Blueprint, Flask, Response, abort, current_app, request

from .. import gpc
from ..site_config import site_of
from .asset import BuiltFile, Bundle, BundleUnavailable, choose_encoding
from .paint import consent_modal

bp = Blueprint("bundle", __name__)
EXTENSION_KEY = "consent_bundle"
YEAR = 365 * 24 * 3600


def init_app(app: Flask) -> None:
    site = site_of(app)
    path = Path(app.config["BUNDLE_PATH"])
    painted = consent_modal(site.config, site.by_language)
    app.extensions[EXTENSION_KEY] = Bundle(path, site.config, painted)


def current_bundle() -> Bundle:
    return current_app.extensions[EXTENSION_KEY]


def _serve(built: BuiltFile) -> Response:
    """The smallest accepted coding; a revalidation costs a 304, not the body."""
    try:
        variant = built.variant(choose_encoding(request.accept_encodings.quality))
    except BundleUnavailable as error:
        abort(503, str(error))
    if request.if_none_match.contains_weak(variant.etag):
        response = Response(status=304)
    else:
        response = Response(variant.body, mimetype="text/javascript")
        if variant.encoding != "identity":
            response.content_encoding = variant.encoding
    response.set_etag(variant.etag)
    response.cache_control.public = True
    response.vary.add("Accept-Encoding")
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.get("/consent.js")
def consent_script() -> Response:
    """The loader: small, so a short cache lets config changes reach visitors soon.

    Its body also says whether this request carried ``Sec-GPC: 1``.
    """
    response = _serve(current_bundle().loaders[gpc.requested()])
    response.cache_control.max_age = 300
    response.vary.add(gpc.HEADER)
    return response


@bp.get("/consent.<digest>.js")
def consent_runtime(digest: str) -> Response:
    """The runtime under its content hash: cached for a year, never revalidated."""
    bundle = current_bundle()
    try:
        current = bundle.runtime_name()
    except BundleUnavailable as error:
        abort(503, str(error))
    if f"consent.{digest}.js" != current:
        abort(404, f"no runtime {digest}; the current one is {current}")
    response = _serve(bundle.runtime)
    response.cache_control.max_age = YEAR
    response.cache_control.immutable = True
    return response
