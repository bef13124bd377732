"""Checks one API exchange against ``/api/openapi.json``; the server tests run it on every one.

An answer must be documented for its operation (status code, content type)
and match its schema. A request whose JSON body or path parameter breaks the
document must be refused with a documented 4xx: the document may be stricter
than the server's checks, never looser.
"""

import json
import re
from typing import Any

from flask.testing import FlaskClient
from jsonschema_rs import Draft202012Validator
from werkzeug.test import TestResponse


def _inline(schema: Any, document: dict) -> Any:
    """Replace local ``$ref``s by what they point at (the document has no cycles)."""
    if isinstance(schema, dict):
        if "$ref" in schema:
            target: Any = document
            for part in schema["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            return _inline(target, document)
        return {key: _inline(value, document) for key, value in schema.items()}
    if isinstance(schema, list):
        return [_inline(item, document) for item in schema]
    return schema


def _path_item(document: dict, path: str) -> tuple[dict, dict] | None:
    for template, item in document["paths"].items():
        pattern = "^" + re.sub(r"\\{(\w+)\\}", r"(?P<\1>[^/]+)", re.escape(template)) + "$"
        match = re.match(pattern, path)
        if match:
            return item, match.groupdict()
    return None


def _valid(schema: dict, value: Any) -> bool:
    return Draft202012Validator(schema).is_valid(value)


NO_BODY = object()


def check(document: dict, response: TestResponse, payload: Any = NO_BODY) -> None:
    """``payload``: the JSON body the request sent, NO_BODY for none or for one that is not JSON."""
    request = response.request
    method = request.method.lower()
    where = f"{request.method} {request.path} -> {response.status_code}"
    found = _path_item(document, request.path)
    if found is None:
        assert not request.path.startswith("/api/"), f"{where}: path undocumented"
        return
    item, path_values = found
    if method == "options":
        return  # a CORS preflight, answered by the CORS layer in front of every route
    if method not in item:
        assert response.status_code == 405, f"{where}: an undocumented method was served"
        return
    operation = {**item, **item[method]}
    documented = operation["responses"].get(str(response.status_code))
    assert documented is not None, f"{where}: status not in the OpenAPI document"
    content = documented.get("content", {})
    media = content.get(response.mimetype)
    assert media is not None, f"{where}: {response.mimetype} not documented"
    if response.mimetype == "application/json":
        schema = _inline(media["schema"], document)
        body = response.get_json()
        errors = [e.message for e in Draft202012Validator(schema).iter_errors(body)]
        assert not errors, f"{where}: answer breaks the document: {errors[:3]}"
    conforms = all(
        _valid(_inline(p["schema"], document), path_values[p["name"]])
        for p in operation.get("parameters", [])
        if p["in"] == "path"
    )
    body_schema = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if body_schema and request.mimetype == "application/json":
        conforms = (
            conforms
            and payload is not NO_BODY
            and _valid(_inline(body_schema["schema"], document), payload)
        )
    if not conforms:
        assert 400 <= response.status_code < 500, f"{where}: a request off the document got through"


def _payload(kwargs: dict[str, Any]) -> Any:
    """The JSON a test client call sends (the request's stream is spent by the time we look)."""
    if "json" in kwargs:
        return kwargs["json"]
    data = kwargs.get("data")
    if isinstance(data, str | bytes):
        try:
            return json.loads(data)
        except (ValueError, RecursionError):
            return NO_BODY
    return NO_BODY


class ContractClient(FlaskClient):
    """A test client that checks every API exchange against the app's own document."""

    def open(self, *args: Any, **kwargs: Any) -> TestResponse:
        response = super().open(*args, **kwargs)
        document = self.application.extensions.get("consent_openapi_document")
        if document is None:
            with self.application.app_context():
                from server.openapi import document as build
                from server.site_config import current_site

                document = build(current_site())
            self.application.extensions["consent_openapi_document"] = document
        check(document, response, _payload(kwargs))
        return response
