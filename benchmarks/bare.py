"""The baseline: a bare Flask endpoint that parses JSON and answers 201.

Served by gunicorn with the consent server's settings, it shows what the
framework, the HTTP stack and the load driver cost before the ledger does
any work.
"""

from flask import Flask, Response, jsonify, request

app = Flask(__name__)


@app.get("/healthz")
def healthz() -> Response:
    return jsonify(status="ok")


@app.post("/api/consent")
def record_decision() -> tuple[Response, int]:
    body = request.get_json()
    return jsonify({"consentId": body["consentId"], "recordId": 0}), 201
