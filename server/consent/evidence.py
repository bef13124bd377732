"""An evidence pack: one folder (and a zip) a regulator can check without our server.

For one visitor (or a time window) it holds the records, their receipts,
the chain segment from each record to a signed checkpoint, the archived
texts, config, code and screenshots each decision was given, the public
key, an ``index.html`` in Dutch and English, and ``verify.py``, which
checks all of it with Python's standard library and joserfc
(``evidence_verify.py``; a test runs it on packs, intact and tampered).

Before packing, the ledger is verified from the last checkpoint and the
head is checkpointed, so every record has a signed checkpoint at most
``checkpoints.EVERY`` records after it.
"""

import json
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import render_template
from sqlalchemy import select

from banner.consent import ACTIONS as DECISIONS

from ..canonical import canonical_json, sha256_hex
from ..database import db
from ..receipts import current_signer
from . import checkpoints, publications
from .audit import verify_chain
from .chain import FORMAT_VERSION
from .export import records_csv
from .models import IS_EVENT, ConsentRecord
from .records import Row, export_dict, receipt, sealed_fields, utc_now
from .row_stream import RowStream

TABLE = ConsentRecord.__table__
VERIFY_SCRIPT = Path(__file__).with_name("evidence_verify.py")


class EvidenceError(RuntimeError):
    """The pack cannot be made (nothing selected, or the ledger does not verify)."""


@dataclass
class Evidence:
    """What goes into one pack, gathered before anything is written."""

    records: list[Row]
    shown: dict[int, dict[str, Any]] = field(default_factory=dict)  # record id -> edition
    files: dict[str, publications.Publication] = field(default_factory=dict)  # digest -> file
    events: list[Row] = field(default_factory=list)  # the published events records point to


def _selected(consent_id: str | None, after: int, last: int | None) -> list[Row]:
    if consent_id is not None:
        return list(ConsentRecord.stream_for(consent_id))
    with db.engine.connect() as connection:
        rows = RowStream(connection, TABLE).between(after, last)
        return list(rows)


def _published_events() -> list[Row]:
    query = select(TABLE).where(IS_EVENT, TABLE.c.action == "published").order_by(TABLE.c.id)
    return [dict(row) for row in db.session.execute(query).mappings()]


def gather(records: list[Row]) -> Evidence:
    """Each decision's texts and the edition in force when it was written, with its files."""
    evidence = Evidence(records)
    published = _published_events()
    wanted_events: dict[int, Row] = {}
    for record in records:
        if record["texts_hash"]:
            found = publications.find(record["texts_hash"])
            if found is not None:
                evidence.files[found.digest] = found
        in_force = [event for event in published if event["id"] < record["id"]]
        editions = [e for e in in_force if "texts" in (e["details"] or {})]
        if record["action"] not in DECISIONS or not editions:
            continue
        edition = editions[-1]
        wanted_events[edition["id"]] = edition
        manifest_digest = publications.digest_of(edition["details"])
        evidence.shown[record["id"]] = {
            "edition": manifest_digest,
            "publishedRecord": edition["id"],
        }
        # Screenshots taken of this edition are published events that name it.
        for event in published:
            if (event["details"] or {}).get("edition") == manifest_digest:
                wanted_events[event["id"]] = event
    for event in wanted_events.values():
        details = event["details"]
        digests = [publications.digest_of(details), details.get("config"), details.get("runtime")]
        digests += list(details.get("texts", {}).values())
        digests += list(details.get("screenshots", {}).values())
        for digest in filter(None, digests):
            found = publications.find(digest)
            if found is not None:
                evidence.files[digest] = found
    evidence.events = sorted(wanted_events.values(), key=lambda event: event["id"])
    return evidence


def _segments(ids: Iterable[int]) -> list[tuple[int, int]]:
    """Merged id ranges from each record to the first checkpoint at or after it."""
    ranges = []
    for record_id in sorted(set(ids)):
        end = checkpoints.first_after(record_id)
        if end is None:
            raise EvidenceError(f"no signed checkpoint covers record {record_id}")
        if ranges and record_id <= ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], max(ranges[-1][1], end.record_id))
        else:
            ranges.append((record_id, end.record_id))
    return ranges


def _entry(row: Row) -> dict[str, Any]:
    return {
        "fields": {"v": FORMAT_VERSION, **sealed_fields(row)},
        "prev": row["prev_hash"],
        "hash": row["hash"],
    }


def _check_segment(entries: list[dict[str, Any]]) -> None:
    """Recompute what verify.py will: a record changed since its checkpoint stops the pack."""
    previous = None
    for entry in entries:
        fields = entry["fields"]
        linked = previous is None or entry["prev"] == previous
        if (
            not linked
            or sha256_hex(canonical_json({**fields, "prev": entry["prev"]})) != entry["hash"]
        ):
            raise EvidenceError(f"the ledger is broken at record {fields['id']}")
        previous = entry["hash"]


def _write_json(path: Path, value: Any) -> None:
    path.write_text(json.dumps(value, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def make_pack(
    target: Path, consent_id: str | None = None, after: int = 0, last: int | None = None
) -> Path:
    """Write the pack folder ``target`` and ``target.zip``; returns the zip's path."""
    signer = current_signer()
    start = checkpoints.latest()
    if start is not None and not checkpoints.signature_valid(start, signer.jwks()):
        raise EvidenceError(f"the checkpoint at record {start.record_id} does not verify")
    at = utc_now()
    report = verify_chain(start=start, sign=lambda i, h: checkpoints.signed(signer, i, h, at))
    if not report.ok:
        raise EvidenceError(f"the ledger is broken at record {report.broken_id}: {report.problem}")
    db.session.remove()  # a fresh read: the session's snapshot predates the new checkpoints
    selected = _selected(consent_id, after, last)
    if not selected:
        raise EvidenceError("no records match")
    evidence = gather(selected)
    listed = sorted({r["id"]: r for r in [*selected, *evidence.events]}.values(), key=_id)

    if target.exists():
        shutil.rmtree(target)
    (target / "chain").mkdir(parents=True)
    (target / "archive").mkdir()
    exported = [
        {
            **export_dict(row),
            "personalSalt": row["personal_salt"],
            "shown": evidence.shown.get(row["id"]),
        }
        for row in listed
    ]
    _write_json(target / "records.json", exported)
    (target / "records.csv").write_text(records_csv(exported), encoding="utf-8")
    receipts = [{"recordId": r["id"], "receipt": signer.sign(receipt(r))} for r in listed]
    _write_json(target / "receipts.json", receipts)
    used = []
    with db.engine.connect() as connection:
        stream = RowStream(connection, TABLE)
        for first, end in _segments(r["id"] for r in listed):
            entries = [_entry(row) for row in stream.between(first - 1, end)]
            _check_segment(entries)
            _write_json(target / "chain" / f"segment-{first}-{end}.json", {"entries": entries})
            used.append(db.session.get(checkpoints.LedgerCheckpoint, end))
    _write_json(target / "chain" / "checkpoints.json", [c.as_dict() for c in used if c])
    for digest, item in evidence.files.items():
        (target / "archive" / f"{digest}-{item.name}").write_bytes(item.content)
    _write_json(target / "jwks.json", signer.jwks())
    shutil.copyfile(VERIFY_SCRIPT, target / "verify.py")
    html = render_template(
        "evidence/index.html", records=exported, files=evidence.files, texts=_texts(evidence)
    )
    (target / "index.html").write_text(html, encoding="utf-8")
    return Path(
        shutil.make_archive(str(target), "zip", root_dir=target.parent, base_dir=target.name)
    )


def _texts(evidence: Evidence) -> dict[str, dict[str, Any]]:
    """texts digest -> the archived view (for index.html to quote the words shown)."""
    return {
        digest: json.loads(item.content)
        for digest, item in evidence.files.items()
        if item.kind == "texts"
    }


def _id(row: Row) -> int:
    return row["id"]
