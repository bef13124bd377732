from sqlalchemy.exc import OperationalError

from server import db


def test_healthy(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_unreachable_database_is_503(client, monkeypatch):
    def broken_execute(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(db.session, "execute", broken_execute)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json == {"status": "unavailable", "database": "error"}
