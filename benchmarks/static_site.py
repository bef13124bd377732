"""A static file server with the consent server's HTTP policy, for the host page and vanilla.

Fairness: vanilla-cookieconsent's files are served like our ``/consent.js``
(``server/bundle``): compressed once at the highest level, brotli or gzip as
the browser accepts, a strong ETag per coding with 304s, ``Cache-Control:
public, max-age=300``, ``Vary: Accept-Encoding`` and CORS ``*``, from another
origin than the host page. Host pages are revalidated on every visit.
"""

import hashlib
from dataclasses import dataclass, field

from flask import Flask, Response, abort, request

from server.bundle.asset import ENCODINGS, Variant, choose_encoding, compress

ASSET_CACHE = 300  # seconds, as /consent.js


@dataclass
class StaticFile:
    """One file, held in memory in every content-coding the server offers."""

    body: bytes
    content_type: str
    revalidate: bool = False  # pages: no-cache; assets: public, max-age
    variants: dict[str, Variant] = field(init=False)

    def __post_init__(self) -> None:
        digest = hashlib.sha256(self.body).hexdigest()
        self.variants = {}
        for encoding in ENCODINGS:
            etag = digest if encoding == "identity" else f"{digest}-{encoding}"
            self.variants[encoding] = Variant(compress(self.body, encoding), etag, encoding)


def create_static_app(name: str, files: dict[str, StaticFile]) -> Flask:
    """Serve ``files`` (URL path -> file); anything else is a 404."""
    app = Flask(name)

    @app.get("/<path:path>")
    @app.get("/", defaults={"path": ""})
    def serve(path: str) -> Response:
        found = files.get("/" + path)
        if found is None:
            abort(404)
        variant = found.variants[choose_encoding(request.accept_encodings.quality)]
        if request.if_none_match.contains_weak(variant.etag):
            response = Response(status=304)
        else:
            response = Response(variant.body, content_type=found.content_type)
            if variant.encoding != "identity":
                response.content_encoding = variant.encoding
        response.set_etag(variant.etag)
        if found.revalidate:
            response.cache_control.no_cache = True
        else:
            response.cache_control.public = True
            response.cache_control.max_age = ASSET_CACHE
        response.vary.add("Accept-Encoding")
        response.headers["Access-Control-Allow-Origin"] = "*"
        return response

    return app
