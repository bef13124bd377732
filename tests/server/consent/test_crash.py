"""SIGKILL the gunicorn master and its workers under load: every 201 stays proven.

Real gunicorn on loopback, real SQLite, a bounded number of decisions and
kills. Every decision answered 201 must be in the ledger afterwards, and
``consent verify`` must pass; requests cut off by a kill may or may not
have been stored, and none may be half-written.
"""

import http.client
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import uuid
from pathlib import Path

from benchmarks.ledger import free_port, start_gunicorn, stop, wait_healthy

KILLS = 3
ACKS_BETWEEN_KILLS = 80
CLIENTS = 4
DEADLINE_SECONDS = 120


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found += [int(child) for child in task.read_text().split()]
    return found


def body() -> str:
    return json.dumps(
        {
            "consentId": str(uuid.uuid4()),
            "action": "custom",
            "categories": ["necessary", "analytics"],
            "revision": 1,
            "language": "en",
            "idempotencyKey": str(uuid.uuid4()),
        }
    )


class Load:
    """Clients posting decisions through kills, counting what was acknowledged."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.acknowledged: dict[str, int] = {}  # consent id -> record id
        self.progress = threading.Condition()
        self.stop = threading.Event()

    def client(self) -> None:
        connection = None
        while not self.stop.is_set():
            try:
                connection = connection or http.client.HTTPConnection(
                    "127.0.0.1", self.port, timeout=10
                )
                decision = body()
                connection.request(
                    "POST", "/api/consent", decision, {"Content-Type": "application/json"}
                )
                response = connection.getresponse()
                answer = response.read()
            except (OSError, http.client.HTTPException):  # killed mid-request: a new connection
                if connection is not None:
                    connection.close()
                connection = None
                continue
            if response.status == 201:
                with self.progress:
                    self.acknowledged[json.loads(decision)["consentId"]] = json.loads(answer)[
                        "recordId"
                    ]
                    self.progress.notify_all()
            else:
                assert response.status == 503, (response.status, answer)
        if connection is not None:
            connection.close()

    def wait_for(self, count: int) -> None:
        with self.progress:
            assert self.progress.wait_for(
                lambda: len(self.acknowledged) >= count, timeout=DEADLINE_SECONDS
            ), f"only {len(self.acknowledged)} decisions acknowledged"


def test_kills_under_load_lose_no_acknowledged_decision(tmp_path):
    database = tmp_path / "consent.sqlite"
    env = {
        "CONSENT_DATABASE_URL": f"sqlite:///{database}",
        "CONSENT_RATELIMIT_ENABLED": "false",
        "CONSENT_RECEIPT_KEY_PATH": str(tmp_path / "receipt-key.pem"),
    }
    port = free_port()
    log = tmp_path / "gunicorn.log"
    server = start_gunicorn("server:create_app()", port, env, log)
    load = Load(port)
    clients = [threading.Thread(target=load.client) for _ in range(CLIENTS)]
    try:
        wait_healthy(port, server)
        for thread in clients:
            thread.start()
        for kill in range(1, KILLS + 1):
            load.wait_for(kill * ACKS_BETWEEN_KILLS)
            for pid in [*children(server.pid), server.pid]:
                os.kill(pid, signal.SIGKILL)  # master and workers at once: no clean-up runs
            server.wait(timeout=30)
            server = start_gunicorn("server:create_app()", port, env, log)
            wait_healthy(port, server)
        load.wait_for((KILLS + 1) * ACKS_BETWEEN_KILLS)
    finally:
        load.stop.set()
        for thread in clients:
            thread.join(timeout=30)
        stop(server)
    stored = dict(
        sqlite3.connect(database).execute("SELECT consent_id, id FROM consent_record").fetchall()
    )
    missing = {cid: rid for cid, rid in load.acknowledged.items() if stored.get(cid) != rid}
    assert not missing, f"{len(missing)} acknowledged decisions missing after {KILLS} kills"
    verify = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "server", "consent", "verify"],
        env={**os.environ, **env, "CONSENT_AUTO_MIGRATE": "false"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert f"{len(stored)} records verified" in verify.stdout
