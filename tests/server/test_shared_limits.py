"""Rate limits hold for the whole service: two gunicorn servers, two workers each, one Redis."""

import http.client
import json
import sqlite3

import pytest

from benchmarks.ledger import free_port, start_gunicorn, stop, wait_healthy
from server.limits import worker_count

LIMIT = 10
ADMIN_TOKEN = "shared-limits-admin-token-of-32-characters"


def post(port: int, body: dict) -> int:
    """One decision on a new connection, so gunicorn may hand it to either worker."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(
            "POST", "/api/consent", json.dumps(body), {"Content-Type": "application/json"}
        )
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def admin(port: int, token: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", "/admin/stats.json", headers={"Authorization": f"Bearer {token}"})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


@pytest.fixture
def two_servers(tmp_path, redis_url):
    env = {
        "CONSENT_DATABASE_URL": f"sqlite:///{tmp_path / 'consent.sqlite'}",
        "CONSENT_RECEIPT_KEY_PATH": str(tmp_path / "receipt-key.pem"),
        "CONSENT_SECRET_KEY": "shared-limits",
        "CONSENT_ADMIN_TOKEN": ADMIN_TOKEN,
        "CONSENT_RATELIMIT_STORAGE_URI": redis_url,
        "CONSENT_RATE_LIMIT_CONSENT": f"{LIMIT} per minute",
        "CONSENT_RATE_LIMIT_ADMIN_FAILURES": "4 per minute",
    }
    log = tmp_path / "gunicorn.log"
    servers = []
    try:
        for _ in range(2):
            port = free_port()
            servers.append((port, start_gunicorn("server:create_app()", port, env, log)))
        for port, process in servers:
            wait_healthy(port, process)
        yield [port for port, _ in servers], tmp_path / "consent.sqlite"
    finally:
        for _, process in servers:
            stop(process)


def test_one_client_gets_the_limit_once_across_servers_and_workers(two_servers, make_decision):
    ports, database = two_servers
    statuses = [post(ports[n % 2], make_decision()) for n in range(3 * LIMIT)]
    assert statuses.count(201) == LIMIT
    assert statuses.count(429) == 2 * LIMIT
    decisions = "SELECT count(*) FROM consent_record WHERE action != 'published'"
    stored = sqlite3.connect(database).execute(decisions).fetchone()
    assert stored == (LIMIT,)


def test_failed_admin_logins_are_counted_across_servers(two_servers):
    ports, _ = two_servers
    statuses = [admin(ports[n % 2], f"guess-{n}") for n in range(8)]
    assert statuses == [401] * 4 + [429] * 4
    assert admin(ports[0], ADMIN_TOKEN) == admin(ports[1], ADMIN_TOKEN) == 429


@pytest.mark.parametrize(
    ("environ", "workers"),
    [
        ({}, 1),  # no shared store: one worker, whose memory counts every request
        ({"CONSENT_RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379"}, 8),
        ({"CONSENT_RATELIMIT_ENABLED": "false", "CONSENT_WORKERS": "4"}, 4),
        ({"CONSENT_RATELIMIT_STORAGE_URI": "redis://x", "CONSENT_WORKERS": "3"}, 3),
    ],
)
def test_worker_count_defaults_to_what_keeps_limits_whole(environ, workers):
    assert worker_count(environ, cores=8) == workers


def test_several_workers_without_a_shared_store_are_refused():
    with pytest.raises(ValueError, match="CONSENT_RATELIMIT_STORAGE_URI"):
        worker_count({"CONSENT_WORKERS": "2"}, cores=8)
