"""A visitor's records open with their access key; the consent id alone opens nothing."""

import pytest
from sqlalchemy import func, select

from server import db
from server.consent import ConsentRecord


def first_post(client, make_decision, **overrides):
    response = client.post("/api/consent", json=make_decision(**overrides))
    assert response.status_code == 201
    return response.json


def count(app):
    """Decisions and tombstones; the publication of what visitors were shown aside."""
    with app.app_context():
        query = select(func.count()).where(ConsentRecord.action != "published")
        return db.session.scalar(query)


def test_the_first_record_brings_the_key_and_later_ones_do_not(client, make_decision):
    first = first_post(client, make_decision)
    assert len(first["accessKey"]) == 43
    later = first_post(client, make_decision, consentId=first["consentId"], action="withdraw")
    assert "accessKey" not in later


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer " + "A" * 43},
        {"Authorization": "Basic \xc3\xa9"},
        {"Authorization": "Bearer"},
    ],
)
def test_with_only_the_consent_id_reading_and_erasing_fail_and_change_nothing(
    app, client, make_decision, headers
):
    stored = first_post(client, make_decision, pageUrl="https://flowmailer.com/nl/")
    consent_id = stored["consentId"]
    for path in (f"/api/consent/{consent_id}", f"/api/consent/{consent_id}?format=csv"):
        response = client.get(path, headers=headers)
        assert response.status_code in (401, 403)
        assert consent_id not in response.get_data(as_text=True)
    erase = client.post(f"/api/consent/{consent_id}/erase", headers=headers)
    assert erase.status_code in (401, 403)
    assert count(app) == 1  # no tombstone
    with app.app_context():
        record = db.session.scalars(
            select(ConsentRecord).where(ConsentRecord.consent_id == consent_id)
        ).one()
        assert record.page_url == "https://flowmailer.com/nl/" and record.erased_at is None


def test_a_tracker_posting_under_the_visitors_id_gets_no_key(client, make_decision):
    """Whoever read the id from cc_cookie can post a decision, but is never handed the key."""
    visitor = first_post(client, make_decision)
    forged = first_post(client, make_decision, consentId=visitor["consentId"])
    assert "accessKey" not in forged
    refused = client.get(f"/api/consent/{visitor['consentId']}")
    assert refused.status_code == 401


def test_one_visitors_key_does_not_open_anothers_records(client, make_decision):
    one = first_post(client, make_decision)
    other = first_post(client, make_decision)
    headers = {"Authorization": f"Bearer {one['accessKey']}"}
    assert client.get(f"/api/consent/{one['consentId']}", headers=headers).status_code == 200
    assert client.get(f"/api/consent/{other['consentId']}", headers=headers).status_code == 403


def test_the_key_opens_reading_and_erasing(client, make_decision):
    stored = first_post(client, make_decision)
    headers = {"Authorization": f"Bearer {stored['accessKey']}"}
    records = client.get(f"/api/consent/{stored['consentId']}", headers=headers)
    assert [r["recordId"] for r in records.json["records"]] == [stored["recordId"]]
    erased = client.post(
        f"/api/consent/{stored['consentId']}/erase", json={"accessKey": stored["accessKey"]}
    )
    assert erased.status_code == 200 and erased.json["erasedRecords"] == 1


def test_the_dpo_cli_keeps_full_access(client, runner, make_decision):
    stored = first_post(client, make_decision)
    result = runner.invoke(args=["consent", "erase", stored["consentId"]])
    assert result.exit_code == 0 and "erased personal fields of 1 records" in result.output
