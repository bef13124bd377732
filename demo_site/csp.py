"""A strict Content-Security-Policy for the demo site, as a bank's or a ministry's site has.

No ``'unsafe-eval'`` and no ``'unsafe-inline'``: a script runs only from the
site itself, from the consent server, or with this response's nonce, which
the banner copies onto every script it activates and onto its stylesheet; a
style comes only from the site or with the nonce (docs/embed.md,
"Content-Security-Policy"). The banner must work here unchanged.
"""

from __future__ import annotations

import secrets

from flask import Flask, Response, g


def policy(consent_url: str, nonce: str) -> str:
    return (
        f"script-src 'self' {consent_url} 'nonce-{nonce}'; style-src 'self' 'nonce-{nonce}'; "
        "object-src 'none'; base-uri 'none'"
    )


def init_app(app: Flask) -> None:
    """Give every response of ``app`` a fresh nonce, in its templates and its CSP header."""

    @app.before_request
    def new_nonce() -> None:
        g.csp_nonce = secrets.token_urlsafe(16)

    @app.after_request
    def send_policy(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = policy(app.config["CONSENT_URL"], g.csp_nonce)
        return response
