"""``flask --app server consent …`` and ``db upgrade`` as an operator runs them."""

import csv
import io
import json
import os
import subprocess
import sys
import uuid

from sqlalchemy import update

from server import db
from server.consent import ConsentRecord
from tests.support import REPO


def post(client, make_decision, **overrides):
    response = client.post("/api/consent", json=make_decision(**overrides))
    assert response.status_code == 201
    return response.json


def test_export_csv_and_json(client, runner, make_decision):
    first = post(client, make_decision, pageUrl="https://flowmailer.com/x?y=z")
    post(client, make_decision, action="reject_all", categories=["necessary"])
    result = runner.invoke(args=["consent", "export", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["action"] for r in rows] == ["published", "custom", "reject_all"]
    assert rows[1]["consentId"] == first["consentId"]
    assert rows[1]["pageUrl"] == "https://flowmailer.com/x"
    exported = json.loads(runner.invoke(args=["consent", "export", "--format", "json"]).output)
    assert [r["recordId"] for r in exported] == [1, 2, 3]
    assert exported[1]["hash"] == first["hash"]
    lines = runner.invoke(args=["consent", "export", "--format", "jsonl"]).output.splitlines()
    assert [json.loads(line) for line in lines] == exported


def test_export_since_a_date(client, runner, make_decision):
    post(client, make_decision)
    future = runner.invoke(args=["consent", "export", "--since", "2999-01-01", "--format", "json"])
    assert json.loads(future.output) == []
    past = runner.invoke(args=["consent", "export", "--since", "2000-01-01", "--format", "json"])
    assert [r["action"] for r in json.loads(past.output)] == ["published", "custom"]
    before = runner.invoke(args=["consent", "export", "--until", "2000-01-01", "--format", "json"])
    assert json.loads(before.output) == []
    bad = runner.invoke(args=["consent", "export", "--since", "yesterday"])
    assert bad.exit_code == 2 and "is not a date" in bad.output


def test_export_to_a_file(client, runner, make_decision, tmp_path):
    post(client, make_decision)
    target = tmp_path / "ledger.csv"
    assert runner.invoke(args=["consent", "export", "--output", str(target)]).exit_code == 0
    assert target.read_text().startswith("recordId,consentId,timestamp,action")


def test_stats(client, runner, make_decision, visitor_auth):
    everything = ["necessary", "analytics", "marketing"]
    post(client, make_decision, action="accept_all", categories=everything)
    post(client, make_decision, action="accept_all", categories=everything)
    post(client, make_decision, action="reject_all", categories=["necessary"])
    consent_id = str(uuid.uuid4())
    post(client, make_decision, consentId=consent_id)
    client.post(
        f"/api/consent/{consent_id}/erase", headers=visitor_auth(consent_id)
    )  # a tombstone is not a decision
    result = runner.invoke(args=["consent", "stats"])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.output)
    assert stats["total"] == 4
    assert stats["byAction"] == {"accept_all": 2, "reject_all": 1, "custom": 1, "withdraw": 0}
    assert stats["acceptanceRate"] == {"necessary": 1.0, "analytics": 0.75, "marketing": 0.5}
    [(day, counts)] = stats["byDay"].items()
    assert counts["accept_all"] == 2 and len(day) == 10
    assert stats["ledgerRecords"] == 6  # with the publication and the erase tombstone


def _flask(*args, env):
    return subprocess.run(
        [sys.executable, "-m", "flask", "--app", "server", *args],
        cwd=REPO,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_real_cli_upgrades_a_fresh_database_and_verifies(tmp_path, app, make_decision):
    env = {
        "CONSENT_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite'}",
        "CONSENT_AUTO_MIGRATE": "false",
        "CONSENT_RECEIPT_KEY_PATH": str(tmp_path / "key.pem"),
    }
    upgraded = _flask("db", "upgrade", env=env)
    assert upgraded.returncode == 0, upgraded.stderr
    assert (tmp_path / "cli.sqlite").exists()
    ok = _flask("consent", "verify", env=env)
    assert ok.returncode == 0, ok.stderr
    assert "ledger OK: 0 records verified" in ok.stdout


def test_real_cli_names_the_broken_record(app, client, make_decision, app_config):
    for _ in range(3):
        post(client, make_decision)
    with app.app_context():
        db.session.execute(update(ConsentRecord).where(ConsentRecord.id == 2).values(revision=9))
        db.session.commit()
    env = {
        "CONSENT_DATABASE_URL": app_config["DATABASE_URL"],
        "CONSENT_RECEIPT_KEY_PATH": app_config["RECEIPT_KEY_PATH"],
    }
    broken = _flask("consent", "verify", env=env)
    assert broken.returncode == 1
    assert "ledger BROKEN at record 2: its contents do not match its hash" in broken.stderr
