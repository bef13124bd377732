"""The per-visitor secret that opens a visitor's own records.

The consent id sits in ``cc_cookie``, which every script on the host page
can read, trackers included, so it cannot be what opens (or erases) a
visitor's records. The key that does is an HMAC of the consent id under a
key derived from the server's SECRET_KEY: every server of one deployment
computes the same key, and nothing needs storing. It is handed out once,
with the visitor's first record (and again only to a retry of that same
post, which proves it knows the decision's idempotency key), and the banner
keeps it on the device (``localStorage["cc_access"]``). Posting a decision
under someone else's consent id is never a first record, so it yields
nothing. Changing SECRET_KEY makes every handed-out key useless (README,
Security).
"""

import base64
import hashlib
import hmac

from flask import abort, current_app, request

HEADER_SCHEME = "bearer"
FORM_FIELD = "accessKey"


def derive_visitor_key(secret_key: str, consent_id: str) -> str:
    derived = hmac.new(secret_key.encode(), b"consent visitor access key", hashlib.sha256).digest()
    digest = hmac.new(derived, consent_id.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def visitor_key(consent_id: str) -> str:
    return derive_visitor_key(current_app.config["SECRET_KEY"], consent_id)


def presented_key() -> str | None:
    """``Authorization: Bearer <key>``, else an ``accessKey`` form or JSON field."""
    try:
        auth = request.authorization
    except (ValueError, UnicodeError):
        auth = None
    if auth is not None and auth.type == HEADER_SCHEME and auth.token:
        return auth.token
    if request.form.get(FORM_FIELD):
        return request.form[FORM_FIELD]
    body = request.get_json(silent=True) if request.is_json else None
    value = body.get(FORM_FIELD) if isinstance(body, dict) else None
    return value if isinstance(value, str) else None


def require_visitor_key(consent_id: str) -> None:
    """Stop the request unless it carries this visitor's key (checked before any lookup)."""
    given = presented_key()
    if given is None:
        abort(401, f"send the visitor's access key (Authorization: Bearer, or {FORM_FIELD})")
    if not hmac.compare_digest(given.encode(), visitor_key(consent_id).encode()):
        abort(403, "this access key does not open that visitor's records")
