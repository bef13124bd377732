"""``consent backup`` copies the live ledger consistently; ``verify`` knows a damaged file."""

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from server import create_app, db
from server.consent.integrity import sqlite_file_problems

BACKUPS = 20


def verify_file(path: Path, app_config: dict) -> subprocess.CompletedProcess:
    """``flask --app server consent verify`` on a database file, as an operator runs it."""
    env = {
        **os.environ,
        "CONSENT_DATABASE_URL": f"sqlite:///{path}",
        "CONSENT_AUTO_MIGRATE": "false",
        "CONSENT_BUNDLE_PATH": app_config["BUNDLE_PATH"],
        "CONSENT_RECEIPT_KEY_PATH": app_config["RECEIPT_KEY_PATH"],
    }
    command = [sys.executable, "-m", "flask", "--app", "server", "consent", "verify"]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)


def test_twenty_backups_taken_under_write_load_all_verify(
    app, app_config, runner, make_decision, tmp_path
):
    stop = threading.Event()
    written = []
    progress = threading.Semaphore(0)  # released once per acknowledged write

    def write() -> None:
        client = app.test_client()
        while not stop.is_set():
            response = client.post("/api/consent", json=make_decision())
            assert response.status_code == 201
            written.append(response.json["recordId"])
            progress.release()

    writers = [threading.Thread(target=write) for _ in range(3)]
    for writer in writers:
        writer.start()
    try:
        paths = []
        for n in range(BACKUPS):
            for _ in range(5):  # a few commits land between one copy and the next
                assert progress.acquire(timeout=30)
            path = tmp_path / f"backup-{n:02d}.sqlite"
            result = runner.invoke(args=["consent", "backup", str(path)])
            assert result.exit_code == 0, result.output
            paths.append(path)
    finally:
        stop.set()
        for writer in writers:
            writer.join(timeout=30)
    assert len(written) > BACKUPS  # the writers really ran between the copies
    counts = []
    for path in paths:
        assert sqlite_file_problems(str(path)) == []
        assert not path.with_name(path.name + ".partial").exists()
        copy = create_app(
            {**app_config, "DATABASE_URL": f"sqlite:///{path}", "AUTO_MIGRATE": False}
        )
        result = copy.test_cli_runner().invoke(args=["consent", "verify"])
        assert result.exit_code == 0, result.output
        counts.append(int(result.output.split(": ")[1].split()[0]))
        with copy.app_context():
            db.engine.dispose()
    # Every permit taken before the last copy was a commit before it: the copies kept up.
    assert counts == sorted(counts) and counts[-1] >= 5 * BACKUPS > counts[0]


def test_backup_never_overwrites(runner, tmp_path):
    path = tmp_path / "taken.sqlite"
    path.write_bytes(b"keep me")
    result = runner.invoke(args=["consent", "backup", str(path)])
    assert result.exit_code == 1
    assert "exists" in result.output
    assert path.read_bytes() == b"keep me"


def corrupt_pages(path: Path) -> None:
    """Overwrite the middle of the file, as a copy torn by a concurrent write can be."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 8192] = b"\xa5" * 8192
    path.write_bytes(bytes(data))


def truncate(path: Path) -> None:
    with open(path, "r+b") as handle:
        handle.truncate(path.stat().st_size // 2)


def garbage(path: Path) -> None:
    path.write_bytes(os.urandom(40960))


@pytest.mark.parametrize("damage", [corrupt_pages, truncate, garbage])
def test_verify_reports_a_damaged_file_as_damaged(
    app, app_config, client, make_decision, tmp_path, damage
):
    for _ in range(300):
        assert (
            client.post(
                "/api/consent", json=make_decision(pageUrl="https://a.example/")
            ).status_code
            == 201
        )
    copy = tmp_path / "copy.sqlite"
    assert runner_backup(app, copy).exit_code == 0
    assert verify_file(copy, app_config).returncode == 0
    damage(copy)
    result = verify_file(copy, app_config)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "database DAMAGED" in result.stderr
    assert "Traceback" not in result.stderr
    assert "ledger OK" not in result.stdout


def runner_backup(app, path: Path):
    return app.test_cli_runner().invoke(args=["consent", "backup", str(path)])


def test_backup_of_postgresql_points_at_pg_dump(ledger_app, tmp_path):
    result = runner_backup(ledger_app, tmp_path / "b.sqlite")
    if ledger_app.config["DATABASE_URL"].startswith("sqlite"):
        assert result.exit_code == 0
        shutil.copy(tmp_path / "b.sqlite", tmp_path / "c.sqlite")
        assert sqlite_file_problems(str(tmp_path / "c.sqlite")) == []
    else:
        assert result.exit_code == 1
        assert "pg_dump" in result.output
