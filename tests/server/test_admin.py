"""``/admin``: behind the token, with charts, latest records and ledger status."""

import base64
import re

import pytest
from sqlalchemy import update

from server import create_app, db
from server.consent import ConsentRecord

TOKEN = {"Authorization": "Bearer test-admin-token-of-32-characters-at-least"}


def post(client, make_decision, **overrides):
    assert client.post("/api/consent", json=make_decision(**overrides)).status_code == 201


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": "Token test-admin-token-of-32-characters-at-least"},
    ],
)
def test_without_the_token_it_is_401(client, headers):
    response = client.get("/admin", headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Basic")
    assert response.json["code"] == 401


def test_dashboard_shows_charts_records_and_ledger_status(client, make_decision):
    everything = ["necessary", "analytics", "marketing"]
    post(client, make_decision, action="accept_all", categories=everything)
    post(client, make_decision, action="reject_all", categories=["necessary"])
    post(client, make_decision)
    response = client.get("/admin", headers=TOKEN)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert "script-src" not in response.headers["Content-Security-Policy"]  # default 'none'
    page = response.get_data(as_text=True)
    assert page.count("<svg") == 2
    assert "Decisions per day" in page and "Share of decisions granting each category" in page
    assert "Ledger verified up to record 4 at" in page  # the edition's publication, 3 decisions
    assert "<script" not in page
    assert set(re.findall(r"https?://[^\s\"'<>]+", page)) <= {
        "http://www.w3.org/2000/svg",
        "http://www.w3.org/1999/xlink",
    }  # nothing is loaded from elsewhere
    assert page.count("<tr>") == 5  # header + 3 decisions + the publication
    assert "reject_all" in page and "192.0.2" not in page


def test_basic_auth_with_the_token_as_password(client):
    credentials = base64.b64encode(b"admin:test-admin-token-of-32-characters-at-least").decode()
    response = client.get("/admin", headers={"Authorization": f"Basic {credentials}"})
    assert response.status_code == 200


def test_broken_ledger_is_shown(client, app, make_decision):
    for _ in range(3):
        post(client, make_decision)
    with app.app_context():
        db.session.execute(update(ConsentRecord).where(ConsentRecord.id == 2).values(revision=5))
        db.session.commit()
    page = client.get("/admin", headers=TOKEN).get_data(as_text=True)
    assert "Ledger BROKEN at record 2" in page


def test_admin_is_off_without_a_configured_token(app_config):
    client = create_app({**app_config, "ADMIN_TOKEN": None}).test_client()
    response = client.get("/admin", headers=TOKEN)
    assert response.status_code == 403
    assert "CONSENT_ADMIN_TOKEN" in response.json["description"]


def test_stats_json(client, make_decision):
    post(client, make_decision, action="reject_all", categories=["necessary"])
    body = client.get("/admin/stats.json", headers=TOKEN).json
    assert body["byAction"]["reject_all"] == 1
    ledger = body["ledger"]
    assert ledger["ok"] and ledger["brokenAt"] is None
    assert ledger["verifiedUpTo"] == 2 and ledger["pending"] == 0 and ledger["verifiedAt"]
    assert client.get("/admin/stats.json").status_code == 401


@pytest.mark.parametrize(
    "header",
    [
        b"Basic \xc3\xa9",  # the fuzz run's 500: not base64, not ASCII
        b"Basic " + base64.b64encode(b"admin:\xff\xfe"),  # base64 of bytes that are not UTF-8
        b"Basic !!!",
        b"Basic",
        b"Bearer",
        b"\xc3\xa9",
    ],
)
def test_every_malformed_authorization_header_is_401(client, header):
    response = client.get("/admin", headers={"Authorization": header.decode("latin-1")})
    assert response.status_code == 401
    assert response.json["code"] == 401


def test_guessing_the_token_meets_a_429_and_the_log_never_holds_a_guess(app_config, caplog):
    app = create_app({**app_config, "RATELIMIT_ENABLED": True})
    client = app.test_client()
    here = {"REMOTE_ADDR": "203.0.113.9"}
    guesses = [f"Bearer guess-{n:04d}" for n in range(300)]
    statuses = [
        client.get("/admin", headers={"Authorization": g}, environ_base=here).status_code
        for g in guesses
    ]
    assert statuses[:10] == [401] * 10
    assert set(statuses[10:]) == {429}
    # Once blocked, even the right token waits: a guess that happened to be right is not told so.
    assert client.get("/admin", headers=TOKEN, environ_base=here).status_code == 429
    elsewhere = {"REMOTE_ADDR": "198.51.100.7"}
    assert client.get("/admin", headers=TOKEN, environ_base=elsewhere).status_code == 200
    failures = [r for r in caplog.records if "admin authentication failed" in r.getMessage()]
    assert len(failures) == 10
    assert not any("guess-" in r.getMessage() for r in caplog.records)
    with app.app_context():
        db.engine.dispose()


def test_a_short_admin_token_stops_start_up(app_config):
    with pytest.raises(ValueError, match="at least 32 characters"):
        create_app({**app_config, "ADMIN_TOKEN": "x" * 31})
