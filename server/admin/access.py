"""Who may see the admin pages: whoever presents CONSENT_ADMIN_TOKEN.

Accepted as ``Authorization: Bearer <token>`` (scripts) or as the password of
HTTP Basic auth (a browser prompts for it after the 401), compared in
constant time. Without a configured token the admin pages stay off.
"""

import hmac
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from flask import abort, current_app, request
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import Unauthorized

P = ParamSpec("P")
T = TypeVar("T")
CHALLENGE = WWWAuthenticate("basic", {"realm": "Consent admin", "charset": "UTF-8"})


def presented_token() -> str | None:
    auth = request.authorization
    if auth is None:
        return None
    if auth.type == "bearer":
        return auth.token
    if auth.type == "basic":
        return auth.password
    return None


def require_admin(view: Callable[P, T]) -> Callable[P, T]:
    @wraps(view)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> T:
        expected = current_app.config["ADMIN_TOKEN"]
        if not expected:
            abort(403, "the admin pages are off until CONSENT_ADMIN_TOKEN is set")
        given = presented_token()
        if given is None or not hmac.compare_digest(given.encode(), expected.encode()):
            raise Unauthorized("send the admin token", www_authenticate=CHALLENGE)
        return view(*args, **kwargs)

    return guarded
