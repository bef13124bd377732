"""Access logs never carry a full client address (dev server and gunicorn)."""

import json
import logging
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from gunicorn.config import Config
from gunicorn.glogging import Logger, SafeAtoms

from server.access_log import ACCESS_LOG_FORMAT, LeanAccessLogger, TruncateAddresses
from tests.support import REPO


def _record(msg, args):
    return logging.LogRecord("x", logging.INFO, __file__, 1, msg, args, None)


def test_werkzeug_line_is_truncated():
    record = _record('203.0.113.197 - - [24/Nov/2026 19:47:56] "%s" %s %s\n', ("GET /", "200", "-"))
    TruncateAddresses().filter(record)
    assert record.getMessage().startswith("203.0.113.0 - - [")


def test_gunicorn_atoms_are_truncated():
    record = _record('%(h)s "%(r)s"', {"h": "2001:db8:1:2::9", "r": "GET / HTTP/1.1"})
    TruncateAddresses().filter(record)
    assert record.getMessage() == '2001:db8:1:: "GET / HTTP/1.1"'


def test_lean_logger_writes_gunicorns_line():
    environ = {
        "REMOTE_ADDR": "203.0.113.197",
        "REQUEST_METHOD": "POST",
        "RAW_URI": "/api/consent?visitor=x",
        "PATH_INFO": "/api/consent",
        "QUERY_STRING": "visitor=x",
        "SERVER_PROTOCOL": "HTTP/1.1",
    }
    response = SimpleNamespace(status="201 CREATED", sent=512, headers=[("X", "y")])
    request = SimpleNamespace(headers=[("HOST", "consent.example")])
    took = timedelta(seconds=1, microseconds=23_456)
    lines = [
        ACCESS_LOG_FORMAT % SafeAtoms(cls(Config()).atoms(response, request, environ, took))
        for cls in (Logger, LeanAccessLogger)
    ]
    assert lines[0] == lines[1] == '203.0.113.197 "POST /api/consent" 201 512 1023ms'


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.skipif(shutil.which("gunicorn", path=str(Path(sys.executable).parent)) is None,
                    reason="gunicorn not installed")  # fmt: skip
def test_gunicorn_recipe_serves_and_logs_no_full_address(tmp_path, make_decision):
    port = _free_port()
    env = {
        **os.environ,
        "CONSENT_DATABASE_URL": f"sqlite:///{tmp_path / 'g.sqlite'}",
        "CONSENT_RECEIPT_KEY_PATH": str(tmp_path / "key.pem"),
        "CONSENT_BIND": f"127.0.0.1:{port}",
    }
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "-c",
        "server/gunicorn_conf.py",
        "server:create_app()",
    ]
    log = tmp_path / "gunicorn.log"
    with log.open("w") as out:
        server = subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1)
                break
            except OSError:
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.1)
        request = urllib.request.Request(
            f"{base}/api/consent",
            data=json.dumps(make_decision()).encode(),
            headers={"Content-Type": "application/json"},
        )
        assert urllib.request.urlopen(request, timeout=5).status == 201
    finally:
        server.terminate()
        server.wait(timeout=30)
    text = log.read_text()
    assert '127.0.0.0 "POST /api/consent" 201' in text
    assert "127.0.0.1 " not in text
