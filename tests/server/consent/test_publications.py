"""What visitors were shown: each served edition archived once, as a 'published' ledger event."""

import json
import uuid
from pathlib import Path

from sqlalchemy import select

from server import create_app, db
from server.canonical import sha256_hex
from server.consent import ConsentRecord, Publication
from server.settings import DEFAULT_SITE_CONFIG

SHIPPED = Path(DEFAULT_SITE_CONFIG)


def events(app):
    with app.app_context():
        query = select(ConsentRecord).where(ConsentRecord.action == "published")
        return db.session.scalars(query.order_by(ConsentRecord.id)).all()


def archived(app):
    with app.app_context():
        return db.session.scalars(select(Publication)).all()


def test_the_first_serve_archives_config_texts_and_code_once(app, client, bundle_path):
    assert events(app) == []  # nothing is published before anyone is served
    for _ in range(3):
        assert client.get("/consent.js").status_code == 200
    assert client.get("/api/config?lang=en").status_code == 200
    [event] = events(app)
    manifest = event.details
    site = app.extensions["consent_site"]
    assert manifest["texts"] == {lang: site.texts_hash(lang) for lang in site.languages}
    runtime = bundle_path.with_name("consent-runtime.js").read_bytes()
    assert manifest["runtime"] == sha256_hex(runtime)
    files = archived(app)
    assert {p.kind for p in files} == {"config", "texts", "runtime", "edition"}
    assert next(p for p in files if p.kind == "runtime").content == runtime
    texts = {p.digest: json.loads(p.content) for p in files if p.kind == "texts"}
    assert (
        texts[site.texts_hash("nl")]["texts"]["consentTitle"]
        == site.localized("nl")["texts"]["consentTitle"]
    )
    assert all(p.record_id == event.id for p in files)
    assert all(sha256_hex(p.content) == p.digest for p in files)


def test_a_new_text_is_a_new_edition_and_old_words_stay(app_config, tmp_path):
    config = json.loads(SHIPPED.read_text(encoding="utf-8"))
    first = create_app(app_config)
    assert first.test_client().get("/api/config").status_code == 200
    config["texts"]["en"]["consentTitle"] = "Cookies, again?"
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(config), encoding="utf-8")
    second = create_app({**app_config, "SITE_CONFIG": str(changed)})
    assert second.test_client().get("/api/config").status_code == 200
    assert second.test_client().get("/consent.js").status_code == 200
    first_event, second_event = events(second)
    assert first_event.details["texts"]["en"] != second_event.details["texts"]["en"]
    assert first_event.details["texts"]["nl"] == second_event.details["texts"]["nl"]
    files = archived(second)
    titles = {json.loads(p.content)["texts"]["consentTitle"] for p in files if p.kind == "texts"}
    assert "Cookies, again?" in titles and len([p for p in files if p.kind == "texts"]) == 3
    for app in (first, second):
        with app.app_context():
            db.engine.dispose()


def test_a_decision_publishes_only_once_it_is_valid(client, app, make_decision):
    assert client.post("/api/consent", json=make_decision(categories=["ads"])).status_code == 400
    assert events(app) == []
    assert client.post("/api/consent", json=make_decision()).status_code == 201
    assert len(events(app)) == 1


def test_visitor_records_as_iso_27560(client, make_decision, visitor_auth):
    consent_id = str(uuid.uuid4())
    client.post(
        "/api/consent",
        json=make_decision(consentId=consent_id, action="reject_all", categories=["necessary"]),
    )
    client.post("/api/consent", json=make_decision(consentId=consent_id))
    response = client.get(
        f"/api/consent/{consent_id}?format=iso27560", headers=visitor_auth(consent_id)
    )
    assert response.status_code == 200 and response.mimetype == "application/ld+json"
    refused, custom = response.json
    assert refused["@type"] == "dpv:ConsentRecord"
    assert refused["dpv:hasDataSubject"]["dpv:hasIdentifier"] == consent_id
    assert refused["dpv:hasConsentStatus"] == {"@id": "dpv:ConsentRefused"}
    assert custom["dpv:hasConsentStatus"] == {"@id": "dpv:ConsentGiven"}
    statuses = {
        p["dct:identifier"]: p["dpv:hasConsentStatus"]["@id"] for p in custom["dpv:hasPurpose"]
    }
    assert statuses == {
        "necessary": "dpv:ConsentGiven",
        "analytics": "dpv:ConsentGiven",
        "marketing": "dpv:ConsentRefused",
    }
    assert custom["dpv:hasNotice"]["@id"].startswith("urn:sha256:")
    assert custom["dpv:hasDataController"]["dpv:hasName"] == "Flowmailer B.V."


def test_the_ledger_export_in_27560_skips_ledger_events(client, runner, make_decision):
    client.post("/api/consent", json=make_decision(action="withdraw", categories=["necessary"]))
    result = runner.invoke(args=["consent", "export", "--format", "iso27560"])
    assert result.exit_code == 0, result.output
    [line] = result.output.splitlines()  # the publication is not a consent record
    assert json.loads(line)["dpv:hasConsentStatus"] == {"@id": "dpv:ConsentWithdrawn"}
