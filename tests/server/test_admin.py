"""``/admin``: behind the token, with charts, latest records and ledger status."""

import base64
import re

import pytest
from sqlalchemy import update

from server import create_app, db
from server.consent import ConsentRecord

TOKEN = {"Authorization": "Bearer test-admin-token"}


def post(client, make_decision, **overrides):
    assert client.post("/api/consent", json=make_decision(**overrides)).status_code == 201


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "Token test-admin-token"}],
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
    credentials = base64.b64encode(b"admin:test-admin-token").decode()
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
