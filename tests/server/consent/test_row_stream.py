"""Rows read through the driver carry the values Core and the ORM return, on both databases."""

from sqlalchemy import select

from server import db
from server.consent import ConsentRecord, row_stream
from server.consent.row_stream import RowStream


def test_driver_rows_equal_orm_rows_across_pages(
    ledger_app, make_decision, monkeypatch, visitor_auth
):
    monkeypatch.setattr(row_stream, "PAGE", 3)  # several pages, and a short last one
    client = ledger_app.test_client()
    for index in range(6):
        body = make_decision(pageUrl=f"https://flowmailer.com/nl/{index}")
        assert client.post("/api/consent", json=body).status_code == 201
    consent_id = body["consentId"]
    assert (
        client.post(
            f"/api/consent/{consent_id}/erase", headers=visitor_auth(consent_id)
        ).status_code
        == 200
    )
    with ledger_app.app_context():
        expected = [r.columns() for r in db.session.scalars(select(ConsentRecord).order_by("id"))]
        with db.engine.connect() as connection:
            stream = RowStream(connection, ConsentRecord.__table__)
            assert list(stream.between(0)) == expected
            assert list(stream.between(2, 5)) == expected[2:5]
    assert expected[-1]["action"] == "erase" and expected[-2]["erased_at"] is not None
