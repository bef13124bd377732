"""Too many decisions from one address get a 429 and store nothing."""

import pytest
from sqlalchemy import func, select

from server import create_app, db
from server.consent import ConsentRecord


@pytest.fixture
def limited_client(app_config):
    app = create_app(
        {**app_config, "RATELIMIT_ENABLED": True, "RATE_LIMIT_CONSENT": "3 per minute"}
    )
    yield app.test_client(), app
    with app.app_context():
        db.engine.dispose()


def test_fourth_decision_in_a_minute_is_429(limited_client, make_decision):
    client, app = limited_client
    here = {"REMOTE_ADDR": "203.0.113.5"}
    statuses = [
        client.post("/api/consent", json=make_decision(), environ_base=here).status_code
        for _ in range(4)
    ]
    assert statuses == [201, 201, 201, 429]
    refused = client.post("/api/consent", json=make_decision(), environ_base=here)
    assert refused.json["code"] == 429
    assert refused.json["message"] == "Too Many Requests"
    assert int(refused.headers["Retry-After"]) > 0
    with app.app_context():
        decisions = select(func.count()).where(ConsentRecord.action != "published")
        assert db.session.scalar(decisions) == 3
    elsewhere = client.post(
        "/api/consent", json=make_decision(), environ_base={"REMOTE_ADDR": "198.51.100.1"}
    )
    assert elsewhere.status_code == 201


def test_reading_is_not_limited(limited_client):
    client, _ = limited_client
    assert all(client.get("/api/config").status_code == 200 for _ in range(10))


def test_limiter_key_is_not_the_address(app):
    from server.limits import client_key

    with app.test_request_context(environ_base={"REMOTE_ADDR": "203.0.113.5"}):
        key = client_key()
    assert "203.0.113" not in key and len(key) == 32
