"""``/.well-known/jwks.json``: the key that checks every receipt."""

from pathlib import Path

from flask import Blueprint, Flask, Response, current_app, jsonify

from .signing import ReceiptSigner

bp = Blueprint("receipts", __name__)
EXTENSION_KEY = "consent_receipts"


def init_app(app: Flask) -> None:
    """Use CONSENT_RECEIPT_KEY (PEM) when set, so every server signs alike."""
    pem = app.config["RECEIPT_KEY"]
    if pem:
        signer = ReceiptSigner.from_pem(pem)
    else:
        signer = ReceiptSigner.from_file(Path(app.config["RECEIPT_KEY_PATH"]))
    app.extensions[EXTENSION_KEY] = signer


def current_signer() -> ReceiptSigner:
    return current_app.extensions[EXTENSION_KEY]


@bp.get("/.well-known/jwks.json")
def jwks() -> Response:
    response = jsonify(current_signer().jwks())
    response.cache_control.public = True
    response.cache_control.max_age = 3600
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response
