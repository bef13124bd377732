"""Headers every response carries, so a browser never guesses or frames what we send.

HTML pages (policy, admin) get a CSP without any script source: nothing on
them runs, an injected ``<script>`` included; their one stylesheet is inline,
so styles may be. A view that needs a stricter policy sets its own first.
HSTS is the TLS proxy's to add (README, Security), since only it knows the
server is reached over HTTPS.
"""

from flask import Flask, Response

HTML_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


def add_headers(response: Response) -> Response:
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    if response.mimetype == "text/html":
        response.headers.setdefault("Content-Security-Policy", HTML_CSP)
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
    return response


def init_app(app: Flask) -> None:
    app.after_request(add_headers)
