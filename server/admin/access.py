"""Who may see the admin pages: whoever presents CONSENT_ADMIN_TOKEN.

Accepted as ``Authorization: Bearer <token>`` (scripts) or as the password of
HTTP Basic auth (a browser prompts for it after the 401), compared in
constant time. Without a configured token the admin pages stay off.

Failed attempts are counted per client address in the rate limiter's store
(shared between workers and servers when it is Redis), so guessing the token
meets a 429 long before it could succeed; each failure is logged without
what was presented.
"""

import hmac
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from flask import abort, current_app, request
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import TooManyRequests, Unauthorized

from .. import limits

P = ParamSpec("P")
T = TypeVar("T")
CHALLENGE = WWWAuthenticate("basic", {"realm": "Consent admin", "charset": "UTF-8"})
MIN_TOKEN_LENGTH = 32


def check_token_strength(token: str | None) -> None:
    """Refuse to start with a token short enough to guess."""
    if token is not None and len(token) < MIN_TOKEN_LENGTH:
        raise ValueError(
            f"CONSENT_ADMIN_TOKEN must be at least {MIN_TOKEN_LENGTH} characters "
            f"(it has {len(token)}); make one with: python -c "
            '"import secrets; print(secrets.token_urlsafe(32))"'
        )


def presented_token() -> str | None:
    """The token a request carries; None for none or for a header Werkzeug cannot parse."""
    try:
        auth = request.authorization
    except (ValueError, UnicodeError):  # e.g. Basic credentials that are not base64 of UTF-8
        return None
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
        failures = limits.admin_failures()
        if failures.exhausted():
            raise TooManyRequests("too many failed admin logins from this address; wait a minute")
        given = presented_token()
        if given is None or not hmac.compare_digest(given.encode(), expected.encode()):
            failures.count()
            current_app.logger.warning(
                "admin authentication failed (%s, client %s)",
                "no usable credentials" if given is None else "wrong token",
                limits.client_key()[:12],
            )
            raise Unauthorized("send the admin token", www_authenticate=CHALLENGE)
        return view(*args, **kwargs)

    return guarded
