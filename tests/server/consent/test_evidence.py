"""Evidence packs: a regulator checks them with verify.py alone, and they show what was seen."""

import json
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import update

from server import create_app, db
from server.consent import ConsentRecord
from server.settings import DEFAULT_SITE_CONFIG

SHIPPED = Path(DEFAULT_SITE_CONFIG)
TITLES = [
    "Mogen we cookies gebruiken? (eerste versie)",
    "Cookies op onze site (tweede versie)",
    "Uw keuze over cookies (derde versie)",
    "Cookies: u beslist (vierde versie)",
]


def site_with_title(tmp_path: Path, version: int) -> Path:
    config = json.loads(SHIPPED.read_text(encoding="utf-8"))
    config["texts"]["nl"]["consentTitle"] = TITLES[version]
    path = tmp_path / f"site-{version}.json"
    path.write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    return path


def decide(client, consent_id=None, **overrides):
    body = {
        "consentId": consent_id or str(uuid.uuid4()),
        "action": "accept_all",
        "categories": ["necessary", "analytics", "marketing"],
        "revision": 1,
        "language": "nl",
        **overrides,
    }
    response = client.post("/api/consent", json=body)
    assert response.status_code == 201, response.json
    return response.json


def run_verify(pack: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(pack / "verify.py")],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=pack.parent,  # the script finds the pack by its own location
    )


@pytest.fixture
def four_editions(app_config, tmp_path):
    """An early visitor under the first wording; the texts then change three times."""
    early = str(uuid.uuid4())
    apps = []
    for version in range(4):
        app = create_app({**app_config, "SITE_CONFIG": str(site_with_title(tmp_path, version))})
        apps.append(app)
        client = app.test_client()
        assert client.get("/consent.js").status_code == 200  # serving it publishes the edition
        if version == 0:
            decide(client, early)
        decide(client)
        decide(
            client, early if version == 3 else None, action="reject_all", categories=["necessary"]
        )
    yield apps[-1], early
    for app in apps:
        with app.app_context():
            db.engine.dispose()


def test_the_pack_of_an_early_visitor_shows_the_first_wording(four_editions, tmp_path):
    app, early = four_editions
    target = tmp_path / "pack"
    result = app.test_cli_runner().invoke(
        args=["consent", "evidence", early, "--output", str(target)]
    )
    assert result.exit_code == 0, result.output
    records = json.loads((target / "records.json").read_text(encoding="utf-8"))
    decisions = [r for r in records if r["consentId"] == early]
    assert [r["action"] for r in decisions] == ["accept_all", "reject_all"]
    first, last = decisions
    index = (target / "index.html").read_text(encoding="utf-8")
    assert TITLES[0] in index and TITLES[3] in index  # each decision beside the words it answered
    assert TITLES[1] not in index and TITLES[2] not in index
    shown = next((target / "archive").glob(f"{first['textsHash']}-*"))
    assert json.loads(shown.read_text(encoding="utf-8"))["texts"]["consentTitle"] == TITLES[0]
    edition = next((target / "archive").glob(f"{first['shown']['edition']}-*"))
    assert json.loads(edition.read_text(encoding="utf-8"))["texts"]["nl"] == first["textsHash"]
    assert first["shown"]["edition"] != last["shown"]["edition"]
    assert (target / "archive").glob("*consent.*.js")  # the code it ran
    with zipfile.ZipFile(f"{target}.zip") as archive:
        assert f"{target.name}/verify.py" in archive.namelist()
    verified = run_verify(target)
    assert verified.returncode == 0, verified.stdout + verified.stderr


@pytest.mark.parametrize(
    ("tamper", "complaint"),
    [
        ("records.json", "differs from the sealed chain"),
        ("archive", "does not match its digest"),
        ("segment", "does not match its hash"),
        ("personal", "were changed"),
    ],
)
def test_a_tampered_pack_fails_verification(four_editions, tmp_path, tamper, complaint):
    app, early = four_editions
    target = tmp_path / "pack"
    result = app.test_cli_runner().invoke(
        args=["consent", "evidence", early, "--output", str(target)]
    )
    assert result.exit_code == 0, result.output
    records_path = target / "records.json"
    records = json.loads(records_path.read_text(encoding="utf-8"))
    own = next(r for r in records if r["consentId"] == early)
    if tamper == "records.json":
        own["categories"] = ["necessary"]
        records_path.write_text(json.dumps(records), encoding="utf-8")
    elif tamper == "personal":
        own["ip"] = "198.51.100.0"
        records_path.write_text(json.dumps(records), encoding="utf-8")
    elif tamper == "archive":
        shown = next((target / "archive").glob(f"{own['textsHash']}-*"))
        shown.write_text(shown.read_text(encoding="utf-8").replace("eerste", "vijfde"))
    else:
        segment_path = next((target / "chain").glob("segment-*.json"))
        segment = json.loads(segment_path.read_text(encoding="utf-8"))
        segment["entries"][0]["fields"]["action"] = "reject_all"
        segment_path.write_text(json.dumps(segment), encoding="utf-8")
    verified = run_verify(target)
    assert verified.returncode == 1
    assert complaint in verified.stdout


def test_a_time_window_pack_holds_every_record_in_it(four_editions, tmp_path):
    app, _ = four_editions
    target = tmp_path / "window"
    result = app.test_cli_runner().invoke(
        args=["consent", "evidence", "--since", "2000-01-01", "--output", str(target)]
    )
    assert result.exit_code == 0, result.output
    records = json.loads((target / "records.json").read_text(encoding="utf-8"))
    assert [r["action"] for r in records].count("published") == 4
    assert len([r for r in records if r["action"] != "published"]) == 9
    assert run_verify(target).returncode == 0


def test_no_pack_without_records_or_with_a_broken_ledger(four_editions, tmp_path):
    app, early = four_editions
    runner = app.test_cli_runner()
    nobody = runner.invoke(args=["consent", "evidence", str(uuid.uuid4())])
    assert nobody.exit_code == 1 and "no records match" in nobody.output
    both = runner.invoke(args=["consent", "evidence", early, "--since", "2000-01-01"])
    assert both.exit_code == 2
    with app.app_context():  # after the checkpoint the first run signed: only the pack sees it
        db.session.execute(update(ConsentRecord).where(ConsentRecord.id == 3).values(revision=7))
        db.session.commit()
    broken = runner.invoke(args=["consent", "evidence", early, "--output", str(tmp_path / "x")])
    assert broken.exit_code == 1 and "broken at record" in broken.output
