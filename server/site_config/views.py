"""``GET /api/config``: the banner config in the visitor's language."""

from flask import Blueprint, Response, abort, jsonify, request

from .site import current_site

bp = Blueprint("site", __name__)


@bp.get("/api/config")
def site_config() -> Response:
    """Serve one language so the banner downloads only the texts it shows."""
    site = current_site()
    lang = site.match_language(request.args.get("lang"))
    if lang is None:
        supported = ", ".join(site.languages)
        abort(404, f"language {request.args['lang']!r} is not offered; use one of: {supported}")
    response = jsonify({**site.localized(lang), "textsHash": site.texts_hash(lang)})
    response.cache_control.public = True
    response.cache_control.max_age = 300
    return response
