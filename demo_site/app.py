"""The demo site: a small Flowmailer-style marketing site that embeds the banner."""

from __future__ import annotations

from flask import Flask


def create_app(consent_url: str, tracker_url: str, *, strict_csp: bool = False) -> Flask:
    """Build the site; the banner comes from `consent_url`, the fake trackers from `tracker_url`.

    `strict_csp` serves every page under a CSP without 'unsafe-eval' or
    'unsafe-inline' (demo_site/csp.py), with a nonce on the banner's tag.
    """
    app = Flask(__name__, template_folder="templates/site")
    app.config.from_mapping(
        CONSENT_URL=consent_url.rstrip("/"),
        TRACKER_URL=tracker_url.rstrip("/"),
    )
    # Contact-form submissions, newest last: the demo has no mail server to send them to.
    app.extensions["contact_messages"] = []

    from . import broken, views

    app.register_blueprint(views.bp)
    app.register_blueprint(broken.bp)
    if strict_csp:
        from . import csp

        csp.init_app(app)
    return app
