"""``GET /healthz``: is the process up, and can it reach its database?"""

from flask import Blueprint, Response, current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from .database import db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz() -> tuple[Response, int]:
    """A load balancer takes the instance out of rotation on 503."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        current_app.logger.exception("health check: database query failed")
        response, status = jsonify(status="unavailable", database="error"), 503
    else:
        response, status = jsonify(status="ok", database="ok"), 200
    response.cache_control.no_store = True
    return response, status
