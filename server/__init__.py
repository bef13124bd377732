"""The consent server: logs proof of consent and serves the banner.

``flask --app server run`` finds :func:`create_app`; every setting can come
from a ``CONSENT_*`` environment variable (``CONSENT_DATABASE_URL`` sets
``DATABASE_URL``), see ``settings.py``.
"""

from collections.abc import Mapping
from typing import Any

from flask import Flask

from .database import db as db
from .site_config import SiteConfigError as SiteConfigError


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build one app; tests pass ``test_config`` instead of the environment."""
    from . import (
        access_log,
        database,
        errors,
        health,
        limits,
        openapi,
        policy,
        receipts,
        schema_upgrade,
        security_headers,
        sessions,
        settings,
        site_config,
    )
    from .admin import views as admin
    from .bundle import views as bundle
    from .consent import cli, ledger, publications
    from .consent import views as consent

    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(settings.defaults(app.instance_path))
    if test_config is None:
        app.config.from_prefixed_env("CONSENT")
    else:
        app.config.update(test_config)
    settings.apply(app)

    access_log.init_app()
    errors.init_app(app)
    security_headers.init_app(app)
    sessions.init_app(app)
    database.init_app(app)
    ledger.init_app(app)
    schema_upgrade.init_app(app)
    site_config.init_app(app)
    policy.init_app(app)
    bundle.init_app(app)
    receipts.init_app(app)
    publications.init_app(app)
    settings.enable_cors(app)
    app.cli.add_command(cli.consent)

    app.register_blueprint(bundle.bp)
    app.register_blueprint(site_config.bp)
    app.register_blueprint(consent.bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(openapi.bp)
    app.register_blueprint(receipts.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(policy.bp)
    limits.init_app(app)
    return app
