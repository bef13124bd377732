"""``GET /consent.js``: the one script a site embeds."""

from pathlib import Path

from flask import Blueprint, Flask, Response, abort, current_app, request

from .. import gpc
from ..site import site_of
from .asset import BundleAsset, BundleUnavailable, choose_encoding

bp = Blueprint("bundle", __name__)
EXTENSION_KEY = "consent_bundle"


def init_app(app: Flask) -> None:
    path = Path(app.config["BUNDLE_PATH"])
    app.extensions[EXTENSION_KEY] = BundleAsset(path, site_of(app).config)


@bp.get("/consent.js")
def consent_script() -> Response:
    """Serve the smallest accepted coding; a revalidation costs a 304, not 1 MB.

    The body also says whether this request carried ``Sec-GPC: 1``, hence
    ``Vary: Sec-GPC`` and one ETag per signal.
    """
    bundle: BundleAsset = current_app.extensions[EXTENSION_KEY]
    try:
        variant = bundle.variant(choose_encoding(request.accept_encodings.quality), gpc.requested())
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
    response.cache_control.max_age = 300
    response.vary.add("Accept-Encoding")
    response.vary.add(gpc.HEADER)
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
