"""Fixtures shared by the server tests: a real app on a real SQLite file."""

import os
import socket
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from scripts.ensure_redis import redis_server
from server import create_app, db
from server.consent.visitor_key import derive_visitor_key
from tests.server.openapi_contract import ContractClient
from tests.support import FAKE_LOADER, FAKE_RUNTIME

# A server database we may create scratch databases in; peer authentication
# over the local socket by default (see .ci/run for the role it needs).
POSTGRES_ADMIN_URL = os.environ.get("CONSENT_TEST_POSTGRES_URL", "postgresql+psycopg:///postgres")
# CI sets this so an unreachable PostgreSQL fails the run instead of skipping.
REQUIRE_POSTGRES = os.environ.get("CONSENT_REQUIRE_POSTGRES") == "1"

ALLOWED_ORIGIN = "https://www.flowmailer.test"


@pytest.fixture(autouse=True)
def api_contract(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every server test's API request and answer is checked against /api/openapi.json."""
    monkeypatch.setattr(Flask, "test_client_class", ContractClient)


@pytest.fixture
def bundle_path(tmp_path: Path) -> Path:
    """A stand-in for ``make build``'s output: the loader with its slots, the runtime beside it."""
    path = tmp_path / "consent.js"
    path.write_text(FAKE_LOADER, encoding="utf-8")
    path.with_name("consent-runtime.js").write_text(FAKE_RUNTIME, encoding="utf-8")
    return path


@pytest.fixture
def app_config(tmp_path: Path, bundle_path: Path) -> dict[str, Any]:
    return {
        "TESTING": True,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'consent.sqlite'}",
        "BUNDLE_PATH": str(bundle_path),
        "ALLOWED_ORIGINS": ALLOWED_ORIGIN,
        "ADMIN_TOKEN": "test-admin-token-of-32-characters-at-least",
        "SECRET_KEY": "test",
        "RECEIPT_KEY_PATH": str(tmp_path / "receipt-key.pem"),
        "RATELIMIT_ENABLED": False,  # test_server_limits.py switches it on
    }


@pytest.fixture
def app(app_config: dict[str, Any]) -> Iterator[Flask]:
    app = create_app(app_config)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture
def make_decision() -> Callable[..., dict[str, Any]]:
    """A valid ``POST /api/consent`` body for the shipped Flowmailer config."""

    def make(**overrides: Any) -> dict[str, Any]:
        body = {
            "consentId": str(uuid.uuid4()),
            "action": "custom",
            "categories": ["necessary", "analytics"],
            "revision": 1,
            "language": "en",
        }
        body.update(overrides)
        return {k: v for k, v in body.items() if v is not ...}

    return make


@pytest.fixture
def visitor_auth(app_config: dict[str, Any]) -> Callable[[str], dict[str, str]]:
    """The headers that open one visitor's records: their access key, as the banner keeps it."""

    def headers(consent_id: str) -> dict[str, str]:
        key = derive_visitor_key(app_config["SECRET_KEY"], consent_id.lower())
        return {"Authorization": f"Bearer {key}"}

    return headers


@pytest.fixture(scope="session")
def postgres_admin_url() -> str:
    """The PostgreSQL server's URL, or a skip when none is reachable."""
    engine = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError as error:
        if REQUIRE_POSTGRES:
            pytest.fail(f"PostgreSQL required but unreachable at {POSTGRES_ADMIN_URL}: {error}")
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_ADMIN_URL}")
    finally:
        engine.dispose()
    return POSTGRES_ADMIN_URL


@pytest.fixture
def postgres_url(postgres_admin_url: str) -> Iterator[str]:
    """A fresh, empty database on the real PostgreSQL server, dropped afterwards."""
    name = f"consent_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin.url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger_app(request: pytest.FixtureRequest, app_config: dict[str, Any]) -> Iterator[Flask]:
    """The app on each supported database; the ledger must behave the same on both."""
    config = dict(app_config)
    if request.param == "postgresql":
        config["DATABASE_URL"] = request.getfixturevalue("postgres_url")
    app = create_app(config)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Redis of this test session's own on a free loopback port, stopped by its pid."""
    program = redis_server()
    if program is None:
        pytest.fail("redis-server is missing: `make test` installs it (scripts/ensure_redis.py)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    workdir = tmp_path_factory.mktemp("redis")
    command = [program, "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    command += ["--appendonly", "no", "--dir", str(workdir), "--daemonize", "no"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 15
        while True:
            assert process.poll() is None, f"redis-server exited with {process.returncode}"
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
                    connection.sendall(b"PING\r\n")
                    if connection.recv(16).startswith(b"+PONG"):
                        break
            except OSError:
                assert time.monotonic() < deadline, "redis-server did not answer in 15 s"
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=15)
