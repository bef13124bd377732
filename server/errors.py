"""One error handler: every HTTP error leaves the server as JSON.

Browsers, the banner and API clients all parse the same shape
``{code, message, description}`` (plus ``field`` for validation errors), so
no caller ever has to scrape an HTML error page.
"""

from flask import Flask, Response, jsonify
from werkzeug.exceptions import BadRequest, HTTPException


class InvalidField(BadRequest):
    """A 400 that names the request field at fault, for humans and machines."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field


def json_error(error: HTTPException) -> tuple[Response, int]:
    """Render any HTTP error, including the 500 Flask raises for a crash."""
    body: dict[str, object] = {
        "code": error.code,
        "message": error.name,
        "description": error.description,
    }
    if isinstance(error, InvalidField):
        body["field"] = error.field
    response = jsonify(body)
    for name, value in error.get_headers():
        if name.lower() not in ("content-type", "content-length"):
            response.headers[name] = value
    return response, error.code or 500


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, json_error)
