"""`consent snapshot`: dated screenshots of each layer and language, hashed into the ledger."""

import json
import struct
import subprocess
import sys
import uuid

from sqlalchemy import select

from server import create_app, db
from server.canonical import sha256_hex
from server.consent import ConsentRecord, Publication


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_snapshot_archives_both_layers_in_every_language(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'consent.sqlite'}",
            "RECEIPT_KEY_PATH": str(tmp_path / "key.pem"),
            "RATELIMIT_ENABLED": False,
        }
    )
    runner = app.test_cli_runner()
    result = runner.invoke(args=["consent", "snapshot"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        events = db.session.scalars(
            select(ConsentRecord).where(ConsentRecord.action == "published").order_by("id")
        ).all()
        edition, shots_event = events
        files = {p.name: p for p in db.session.scalars(select(Publication))}
    names = set(shots_event.details["screenshots"])
    assert names == {
        "first-layer-nl.png",
        "preferences-nl.png",
        "first-layer-en.png",
        "preferences-en.png",
    }
    assert shots_event.details["edition"] == sha256_hex(
        json.dumps(edition.details, sort_keys=True, separators=(",", ":")).encode()
    )
    pictures = [files[name].content for name in sorted(names)]
    assert all(png_size(p) == (1280, 800) for p in pictures)
    assert len(set(pictures)) == 4  # each layer and language looks different
    for name in names:
        assert sha256_hex(files[name].content) == shots_event.details["screenshots"][name]

    # A visitor's evidence pack carries the screenshots of the edition they were given.
    consent_id = str(uuid.uuid4())
    body = {"consentId": consent_id, "action": "reject_all", "categories": ["necessary"]}
    response = app.test_client().post(
        "/api/consent", json={**body, "revision": 1, "language": "nl"}
    )
    assert response.status_code == 201
    target = tmp_path / "pack"
    packed = runner.invoke(args=["consent", "evidence", consent_id, "--output", str(target)])
    assert packed.exit_code == 0, packed.output
    archived = {path.name.split("-", 1)[1] for path in (target / "archive").iterdir()}
    assert names <= archived
    verified = subprocess.run(
        [sys.executable, str(target / "verify.py")], capture_output=True, text=True, timeout=60
    )
    assert verified.returncode == 0, verified.stdout
    with app.app_context():
        db.engine.dispose()
