"""``GET /api/openapi.json``: the JSON API as an OpenAPI 3.1 document.

Built from the running site config, so the enums (categories, services,
languages, revision) are the ones the server enforces. Kept true two ways:
every request the server tests make to the API, and every answer, is
checked against it (``tests/server/conftest.py``), and a property-based fuzz
(schemathesis) sends generated and mutated requests from it
(``tests/server/test_openapi_fuzz.py``, ``make fuzz``).
"""

from typing import Any

from flask import Blueprint, Response, jsonify

from .consent.schemas import ACTIONS, IGNORED_FIELDS, METHODS
from .consent.views import EXPORT_FORMATS
from .site_config import Site, current_site

bp = Blueprint("openapi", __name__)

UUID = {"type": "string", "format": "uuid"}
ERROR = {
    "type": "object",
    "required": ["code", "message", "description"],
    "properties": {
        "code": {"type": "integer"},
        "message": {"type": "string"},
        "description": {"type": "string"},
        "field": {"type": "string"},
    },
}
TIMESTAMP = {"type": "string", "format": "date-time"}
HASH = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
ACCESS_KEY = {"type": "string", "pattern": "^[A-Za-z0-9_-]{43}$"}


def _errors(*codes: int) -> dict[str, Any]:
    return {
        str(code): {
            "description": "a JSON error naming what was wrong",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
        for code in codes
    }


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _decision(site: Site) -> dict[str, Any]:
    services = {
        category: {
            "type": "array",
            "uniqueItems": True,
            "items": {"type": "string", "enum": ids or [""]},
        }
        for category, ids in site.services.items()
    }
    properties: dict[str, Any] = {
        "consentId": {**UUID, "description": "the visitor's random UUID (version 4)"},
        "action": {"type": "string", "enum": list(ACTIONS)},
        "categories": {
            "type": "array",
            "uniqueItems": True,
            "items": {"type": "string", "enum": site.categories},
        },
        "services": {"type": "object", "properties": services, "additionalProperties": False},
        "revision": {"type": "integer", "const": site.revision},
        "language": {"type": "string", "enum": site.languages},
        "pageUrl": {"type": "string", "maxLength": 2048},
        "textsHash": HASH,
        "method": {"type": "string", "enum": list(METHODS)},
        "idempotencyKey": {**UUID, "description": "made once per decision, sent on every retry"},
    }
    for name in IGNORED_FIELDS:
        properties[name] = {"description": "accepted and ignored: the server's clock counts"}
    return {
        "type": "object",
        "required": ["consentId", "action", "categories", "revision", "language"],
        "properties": properties,
        "additionalProperties": False,
    }


RECEIPT = {
    "type": "object",
    "required": ["recordId", "consentId", "action", "timestamp", "hash", "prevHash", "receipt"],
    "properties": {
        "recordId": {"type": "integer", "minimum": 1},
        "consentId": UUID,
        "action": {"type": "string"},
        "categories": {"type": "array", "items": {"type": "string"}},
        "services": {"type": "object"},
        "revision": {"type": ["integer", "null"]},
        "language": {"type": ["string", "null"]},
        "timestamp": TIMESTAMP,
        "textsHash": {"type": ["string", "null"]},
        "method": {"type": "string"},
        "gpc": {"type": "boolean"},
        "hash": HASH,
        "prevHash": HASH,
        "receipt": {"type": "string", "description": "ES256 JWS over the other fields"},
        "accessKey": {**ACCESS_KEY, "description": "with the visitor's first record only"},
    },
}
RECORD = {
    "type": "object",
    "required": ["recordId", "action", "timestamp", "hash", "prevHash"],
    "properties": {
        "recordId": {"type": "integer"},
        "consentId": {"type": ["string", "null"]},
        "ip": {"type": ["string", "null"]},
        "userAgent": {"type": ["string", "null"]},
        "pageUrl": {"type": ["string", "null"]},
        "erasedAt": {"type": ["string", "null"]},
        "details": {"type": ["object", "null"]},
    },
}
CONSENT_ID = {"name": "consentId", "in": "path", "required": True, "schema": UUID}
VISITOR = [{"visitorKey": []}]
RECORDS = {
    "description": "the visitor's records, oldest first",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["consentId", "records"],
                "properties": {"consentId": UUID, "records": {"type": "array", "items": RECORD}},
            }
        },
        "text/csv": {"schema": {"type": "string"}},
        # ?format=iso27560: ISO/IEC TS 27560 consent records in W3C DPV's JSON-LD profile.
        "application/ld+json": {"schema": {"type": "array", "items": {"type": "object"}}},
    },
}
FORMATS = list(EXPORT_FORMATS)
FORM = {
    "type": "object",
    "properties": {"accessKey": ACCESS_KEY, "format": {"type": "string", "enum": FORMATS}},
}


def document(site: Site) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Cookie consent server",
            "version": str(site.revision),
            "description": "Logs proof of consent decisions and gives visitors their records.",
        },
        "paths": {
            "/api/consent": {
                "post": {
                    "summary": "Log a decision",
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _decision(site)}},
                    },
                    "responses": {
                        "201": _json(RECEIPT, "stored, with a signed receipt"),
                        "200": _json(RECEIPT, "a retry: the record its first attempt stored"),
                        **_errors(400, 409, 413, 415, 429, 503),
                    },
                }
            },
            "/api/consent/{consentId}": {
                "parameters": [CONSENT_ID],
                "get": {
                    "summary": "A visitor's own records",
                    "security": VISITOR,
                    "parameters": [
                        {
                            "name": "format",
                            "in": "query",
                            "schema": {"type": "string", "enum": FORMATS},
                        }
                    ],
                    "responses": {"200": RECORDS, **_errors(400, 401, 403, 404)},
                },
                "post": {
                    "summary": "The same, with the access key in a form (the policy page)",
                    "requestBody": {
                        "content": {
                            "application/x-www-form-urlencoded": {"schema": FORM},
                            "application/json": {"schema": FORM},
                        }
                    },
                    "responses": {"200": RECORDS, **_errors(400, 401, 403, 404)},
                },
            },
            "/api/consent/{consentId}/erase": {
                "parameters": [CONSENT_ID],
                "post": {
                    "summary": "Erase the visitor's personal fields; the decisions stay",
                    "security": VISITOR,
                    "responses": {
                        "200": _json(
                            {
                                "type": "object",
                                "required": ["consentId", "erasedRecords"],
                                "properties": {
                                    "consentId": UUID,
                                    "erasedRecords": {"type": "integer", "minimum": 0},
                                    "tombstone": {"type": "object"},
                                },
                            },
                            "erased",
                        ),
                        **_errors(400, 401, 403, 404, 429, 503),
                    },
                },
            },
            "/api/config": {
                "get": {
                    "summary": "The site config in one language",
                    "parameters": [{"name": "lang", "in": "query", "schema": {"type": "string"}}],
                    "responses": {"200": _json({"type": "object"}, "the config"), **_errors(404)},
                }
            },
            "/api/policy/{name}": {
                "get": {
                    "summary": "A policy document as JSON",
                    "parameters": [
                        {
                            "name": "name",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        },
                        {"name": "lang", "in": "query", "schema": {"type": "string"}},
                        {"name": "version", "in": "query", "schema": {"type": "string"}},
                    ],
                    "responses": {"200": _json({"type": "object"}, "the policy"), **_errors(404)},
                }
            },
            "/.well-known/jwks.json": {
                "get": {
                    "summary": "The public keys that verify receipts",
                    "responses": {
                        "200": _json(
                            {
                                "type": "object",
                                "required": ["keys"],
                                "properties": {
                                    "keys": {"type": "array", "items": {"type": "object"}}
                                },
                            },
                            "a JWK set",
                        )
                    },
                }
            },
            "/healthz": {
                "get": {
                    "summary": "Liveness and database check",
                    "responses": {
                        code: _json(
                            {
                                "type": "object",
                                "required": ["status", "database"],
                                "properties": {
                                    "status": {"type": "string"},
                                    "database": {"type": "string"},
                                },
                            },
                            "the server's state",
                        )
                        for code in ("200", "503")
                    },
                }
            },
            "/api/openapi.json": {
                "get": {
                    "summary": "This document",
                    "responses": {"200": _json({"type": "object"}, "OpenAPI 3.1")},
                }
            },
        },
        "components": {
            "schemas": {"Error": ERROR},
            "securitySchemes": {
                "visitorKey": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "the access key handed out with the visitor's first record",
                }
            },
        },
    }


@bp.get("/api/openapi.json")
def openapi_json() -> Response:
    return jsonify(document(current_site()))
