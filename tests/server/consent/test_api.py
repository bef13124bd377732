"""``POST /api/consent`` and ``GET /api/consent/<id>`` against a real SQLite file."""

import csv
import io
import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from server import db
from server.consent import ConsentRecord


def stored_count(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(ConsentRecord))


def test_decision_is_stored_and_acknowledged_with_a_receipt(
    client, app, make_decision, visitor_auth
):
    before = datetime.now(UTC)
    body = make_decision(pageUrl="https://flowmailer.com/nl/?utm_source=mail#top")
    response = client.post(
        "/api/consent",
        json=body,
        headers={"User-Agent": "Mozilla/5.0 Test"},
        environ_base={"REMOTE_ADDR": "203.0.113.197"},
    )
    assert response.status_code == 201
    receipt = response.json
    assert receipt == {
        "recordId": 2,  # after the publication of what this visitor was shown
        "consentId": body["consentId"],
        "action": "custom",
        "categories": ["necessary", "analytics"],
        "services": {"necessary": ["consent", "language"], "analytics": ["google-analytics"]},
        "revision": 1,
        "language": "en",
        "timestamp": receipt["timestamp"],
        "textsHash": app.extensions["consent_site"].texts_hash("en"),
        "method": "api",
        "gpc": False,
        "hash": receipt["hash"],
        "prevHash": receipt["prevHash"],
        "receipt": receipt["receipt"],
        "accessKey": visitor_auth(body["consentId"])["Authorization"].removeprefix("Bearer "),
    }
    with app.app_context():
        published = db.session.get(ConsentRecord, 1)
    assert published.action == "published" and receipt["prevHash"] == published.hash
    moment = datetime.fromisoformat(receipt["timestamp"])
    assert receipt["timestamp"].endswith("Z")
    assert before <= moment <= datetime.now(UTC)
    assert response.headers["Location"] == f"/api/consent/{body['consentId']}"
    with app.app_context():
        record = db.session.get(ConsentRecord, 2)
        assert record.ip == "203.0.113.0"
        assert record.user_agent == "Mozilla/5.0 Test"
        assert record.page_url == "https://flowmailer.com/nl/"
        assert record.created_at == moment


def test_ipv6_address_is_stored_as_its_48_bit_prefix(client, make_decision, visitor_auth):
    body = make_decision()
    client.post("/api/consent", json=body, environ_base={"REMOTE_ADDR": "2001:db8:7:1::42"})
    record = client.get(
        f"/api/consent/{body['consentId']}", headers=visitor_auth(body["consentId"])
    ).json["records"][0]
    assert record["ip"] == "2001:db8:7::"


def test_client_timestamp_is_ignored(client, make_decision):
    body = make_decision(timestamp="2001-01-01T00:00:00Z")
    receipt = client.post("/api/consent", json=body).json
    moment = datetime.fromisoformat(receipt["timestamp"])
    assert datetime.now(UTC) - moment < timedelta(minutes=1)


def test_records_come_back_oldest_first(client, make_decision, visitor_auth):
    consent_id = str(uuid.uuid4())
    for action, categories in [
        ("accept_all", ["necessary", "analytics", "marketing"]),
        ("withdraw", ["necessary", "marketing"]),
        ("reject_all", ["necessary"]),
    ]:
        body = make_decision(consentId=consent_id, action=action, categories=categories)
        assert client.post("/api/consent", json=body).status_code == 201
    client.post("/api/consent", json=make_decision())  # somebody else
    response = client.get(f"/api/consent/{consent_id.upper()}", headers=visitor_auth(consent_id))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    records = response.json["records"]
    assert response.json["consentId"] == consent_id
    assert [r["action"] for r in records] == ["accept_all", "withdraw", "reject_all"]
    assert [r["recordId"] for r in records] == sorted(r["recordId"] for r in records)
    assert records[1]["categories"] == ["necessary", "marketing"]
    assert set(records[0]) == {
        "recordId", "consentId", "action", "categories", "services", "revision",
        "language", "timestamp", "ip", "userAgent", "pageUrl", "textsHash", "method",
        "gpc", "hash", "prevHash", "erasedAt", "details",
    }  # fmt: skip


def test_records_download_as_csv(client, make_decision, visitor_auth):
    body = make_decision(pageUrl="https://flowmailer.com/en/pricing?x=1")
    client.post(
        "/api/consent",
        json=body,
        headers={"User-Agent": "=HYPERLINK(evil)"},
        environ_base={"REMOTE_ADDR": "198.51.100.9"},
    )
    response = client.get(
        f"/api/consent/{body['consentId']}?format=csv", headers=visitor_auth(body["consentId"])
    )
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    disposition = response.headers["Content-Disposition"]
    assert disposition == f"attachment; filename=consent-{body['consentId']}.csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == 1
    row = rows[0]
    assert row["consentId"] == body["consentId"]
    assert row["categories"] == "necessary analytics"
    assert json.loads(row["services"])["analytics"] == ["google-analytics"]
    assert row["ip"] == "198.51.100.0"
    assert row["pageUrl"] == "https://flowmailer.com/en/pricing"
    assert row["userAgent"] == "'=HYPERLINK(evil)"  # no formula runs in a spreadsheet


SOMEONE = str(uuid.uuid4())


@pytest.mark.parametrize(
    ("path", "status", "text"),
    [
        ("not-a-uuid", 400, "consentId: must be a UUID"),
        (SOMEONE, 404, "no consent records for"),
        (f"{SOMEONE}?format=xml", 400, "format: must be one of json, csv, iso27560"),
    ],
)
def test_record_lookup_errors(client, visitor_auth, path, status, text):
    response = client.get(f"/api/consent/{path}", headers=visitor_auth(SOMEONE))
    assert response.status_code == status
    assert response.is_json
    assert text in response.json["description"]


def test_schema_error_is_400_naming_the_field_and_stores_nothing(client, app, make_decision):
    response = client.post("/api/consent", json=make_decision(categories=["necessary", "ads"]))
    assert response.status_code == 400
    assert response.json == {
        "code": 400,
        "message": "Bad Request",
        "description": "categories: unknown category 'ads'",
        "field": "categories",
    }
    assert stored_count(app) == 0


@pytest.mark.parametrize(
    ("kwargs", "status", "text"),
    [
        ({"data": "consentId=1", "content_type": "application/x-www-form-urlencoded"}, 415, "JSON"),
        ({"data": '{"a": 1}', "content_type": "text/plain"}, 415, "Content-Type"),
        ({"data": "{"}, 400, "body: is not valid JSON"),
        ({"data": b'"\xff"'}, 400, "body: is not valid JSON"),
        ({"data": "1" * 5000}, 400, "body: is not valid JSON"),
        ({"data": "[" * 5000 + "]" * 5000}, 413, "at most 8192 bytes"),
        ({"data": "[" * 4000 + "]" * 4000}, 400, "body: "),
        ({"data": json.dumps({"pad": "x" * 9000})}, 413, "at most 8192 bytes"),
        ({"data": "null"}, 400, "body: must be a JSON object"),
    ],
)
def test_bad_bodies_get_their_status_and_store_nothing(client, app, kwargs, status, text):
    kwargs.setdefault("content_type", "application/json")
    response = client.post("/api/consent", **kwargs)
    assert response.status_code == status
    assert response.is_json
    assert response.json["code"] == status
    assert text in response.json["description"]
    assert stored_count(app) == 0


def test_oversized_chunked_body_is_413(client, app):
    chunks = io.BytesIO(b'{"pad": "' + b"x" * 20000 + b'"}')
    response = client.post(
        "/api/consent",
        input_stream=chunks,
        content_type="application/json",
        headers={"Transfer-Encoding": "chunked"},
        environ_base={"wsgi.input_terminated": True},  # as gunicorn sets for chunked bodies
    )
    assert response.status_code == 413
    assert stored_count(app) == 0


def test_database_failure_is_503_and_leaves_no_half_record(client, app, make_decision):
    # A real failure inside the database, whichever way the ledger talks to it.
    refuse = (
        "CREATE TRIGGER refuse BEFORE INSERT ON consent_record"
        " BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END"
    )
    with app.app_context(), db.engine.begin() as connection:
        connection.exec_driver_sql(refuse)
    response = client.post("/api/consent", json=make_decision())
    assert response.status_code == 503
    assert response.json["message"] == "Service Unavailable"
    assert stored_count(app) == 0


def test_cors_allows_only_configured_origins(client, make_decision):
    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    allowed = client.options(
        "/api/consent", headers={"Origin": "https://www.flowmailer.test", **preflight}
    )
    assert allowed.headers["Access-Control-Allow-Origin"] == "https://www.flowmailer.test"
    assert "POST" in allowed.headers["Access-Control-Allow-Methods"]
    other = client.options("/api/consent", headers={"Origin": "https://evil.test", **preflight})
    assert "Access-Control-Allow-Origin" not in other.headers
    posted = client.post(
        "/api/consent", json=make_decision(), headers={"Origin": "https://www.flowmailer.test"}
    )
    assert posted.headers["Access-Control-Allow-Origin"] == "https://www.flowmailer.test"
    health = client.get("/healthz", headers={"Origin": "https://www.flowmailer.test"})
    assert "Access-Control-Allow-Origin" not in health.headers


def test_every_http_error_is_json(client):
    missing = client.get("/no/such/page")
    assert missing.status_code == 404
    assert missing.json["code"] == 404
    assert missing.json["message"] == "Not Found"
    wrong_method = client.get("/api/consent")
    assert wrong_method.status_code == 405
    assert wrong_method.json["code"] == 405
    assert "POST" in wrong_method.headers["Allow"]


def test_a_crash_is_a_json_500(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/crash")
    def crash():
        raise RuntimeError("boom")

    response = app.test_client().get("/crash")
    assert response.status_code == 500
    assert response.json["code"] == 500
    assert "boom" not in response.get_data(as_text=True)


@pytest.mark.parametrize(("size", "status"), [(8192, 400), (8193, 413)])
def test_body_limit_is_exactly_8_kib(client, size, status):
    padding = " " * (size - len("{}"))
    body = "{" + padding + "}"
    for streamed in (False, True):
        kwargs = {"data": body}
        if streamed:
            kwargs = {
                "input_stream": io.BytesIO(body.encode()),
                "headers": {"Transfer-Encoding": "chunked"},
                "environ_base": {"wsgi.input_terminated": True},
            }
        response = client.post("/api/consent", content_type="application/json", **kwargs)
        assert response.status_code == status, (size, streamed)


def test_gpc_header_method_and_texts_hash_are_recorded(client, app, make_decision):
    texts_hash = client.get("/api/config?lang=nl").json["textsHash"]
    body = make_decision(language="nl", method="preferences", textsHash=texts_hash)
    receipt = client.post("/api/consent", json=body, headers={"Sec-GPC": "1"}).json
    assert receipt["gpc"] is True
    assert receipt["method"] == "preferences"
    assert receipt["textsHash"] == texts_hash
    plain = client.post("/api/consent", json=make_decision()).json
    assert plain["gpc"] is False and plain["method"] == "api"
    assert plain["textsHash"] == client.get("/api/config?lang=en").json["textsHash"]


def test_texts_hash_of_other_texts_is_refused(client, make_decision):
    english = client.get("/api/config?lang=en").json["textsHash"]
    response = client.post("/api/consent", json=make_decision(language="nl", textsHash=english))
    assert response.status_code == 400
    assert response.json["field"] == "textsHash"
