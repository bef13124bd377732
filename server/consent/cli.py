"""``flask --app server consent …``: the ledger's audit and housekeeping commands."""

import json
import sqlite3
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TextIO

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy.exc import DatabaseError

from banner.config import ConfigError, parse_config

from ..audit.cli import audit
from ..database import db
from ..errors import InvalidField
from ..settings import DEFAULT_SITE_CONFIG
from ..site_config import current_site
from ..site_config.vanilla_import import import_vanilla
from . import ledger, retention
from .backup import BackupError, backup_sqlite
from .evidence import EvidenceError, make_pack
from .export import csv_lines, json_array, json_lines
from .integrity import database_problems
from .iso27560 import consent_record
from .records import export_dict, utc_now
from .row_stream import RowStream
from .schemas import parse_consent_id
from .snapshot import SnapshotError
from .snapshot import snapshot as take_snapshot
from .stats import consent_stats
from .verification import verify_all

consent = AppGroup("consent", help="Audit and maintain the consent ledger; audit a site.")
consent.add_command(audit)


@consent.command()
def verify() -> None:
    """Check the file, then every record's hash and link and every signed checkpoint; exit 1
    naming the first broken record. Leaves signed checkpoints behind for /admin and evidence."""
    problems = database_problems(db.engine)
    if not problems:
        try:
            report = verify_all()
        except (DatabaseError, sqlite3.DatabaseError) as error:  # damage the check did not see
            problems = [str(getattr(error, "orig", error))]
    if problems:
        click.echo(f"database DAMAGED, ledger not verified: {'; '.join(problems)}", err=True)
        sys.exit(2)
    if report.ok:
        click.echo(
            f"ledger OK: {report.checked} records verified, head {report.head_hash}, "
            f"{report.checkpoints} signed checkpoints checked"
        )
        return
    click.echo(
        f"ledger BROKEN at record {report.broken_id}: {report.problem} "
        f"({report.checked} records before it verified)",
        err=True,
    )
    sys.exit(1)


@consent.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup(path: Path) -> None:
    """Copy the live SQLite ledger to PATH, consistently, while writers run."""
    try:
        backup_sqlite(db.engine, path)
    except BackupError as error:
        click.echo(f"backup failed: {error}", err=True)
        sys.exit(1)
    click.echo(f"backed up to {path} (SQLite's integrity check passed)")


@consent.command()
@click.argument("consent_id")
def erase(consent_id: str) -> None:
    """Erase one visitor's personal fields (IP, user agent, page URL)."""
    try:
        consent_id = parse_consent_id(consent_id, version4=False)
    except InvalidField as error:
        raise click.BadParameter(str(error.description)) from None
    count, tombstone = ledger.erase(consent_id)
    where = f", tombstone record {tombstone['id']}" if tombstone else ""
    click.echo(f"erased personal fields of {count} records{where}")


@consent.command()
@click.option("--older-than", "days", type=click.IntRange(min=0), help="Days (default: config)")
def purge(days: int | None) -> None:
    """Retention: erase personal fields of records older than the retention period."""
    if days is None:
        days = int(current_app.config["RETENTION_DAYS"])
    result = retention.purge(timedelta(days=days))
    count, tombstones = result.records, result.tombstones
    where = ""
    if len(tombstones) == 1:
        where = f", tombstone record {tombstones[0]['id']}"
    elif tombstones:
        where = f", {len(tombstones)} batches, tombstone records {tombstones[0]['id']}"
        where += f" to {tombstones[-1]['id']}"
    if tombstones:
        holds = [f"{hold * 1000:.0f}" for hold in sorted(result.holds)]
        median, p99 = holds[len(holds) // 2], holds[len(holds) * 99 // 100]
        where += f"; each held the write lock {median} ms median, {p99} ms p99, {holds[-1]} ms max"
    click.echo(f"purged personal fields of {count} records older than {days} days{where}")


def _since(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2026-01-31") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


FORMATS = ("csv", "json", "jsonl", "iso27560")


@consent.command()
@click.option("--since", help="Only records from this date or time (ISO 8601, UTC).")
@click.option("--until", help="Only records before this date or time (ISO 8601, UTC).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="csv",
    help="iso27560: one ISO/IEC TS 27560 (DPV JSON-LD) record per line.",
)
@click.option("--output", type=click.File("w"), default="-", help="File (default: stdout).")
def export(since: str | None, until: str | None, fmt: str, output: TextIO) -> None:
    """Export ledger records, oldest first, streamed: memory stays flat at any size."""
    after, last = ledger.id_range(_since(since), _since(until))
    with db.engine.connect() as connection:
        rows = RowStream(connection, ledger.TABLE).between(after, last)
        stored = (export_dict(row) for row in rows)
        if fmt == "csv":
            chunks = csv_lines(stored)
        elif fmt == "json":
            chunks = json_array(stored)
        elif fmt == "jsonl":
            chunks = json_lines(stored)
        else:
            site = current_site()
            chunks = json_lines(r for r in (consent_record(s, site) for s in stored) if r)
        for chunk in chunks:
            output.write(chunk)


@consent.command()
@click.option("--since", help="Only decisions from this date (ISO 8601, UTC).")
def stats(since: str | None) -> None:
    """Decisions per action and day, and acceptance rate per category, as JSON."""
    summary = consent_stats(_since(since)).as_dict()
    summary["ledgerRecords"] = ledger.head_id()
    click.echo(json.dumps(summary, indent=2))


@consent.command()
@click.argument("consent_id", required=False)
@click.option("--since", help="Every record from this date or time (ISO 8601, UTC).")
@click.option("--until", help="...and before this date or time.")
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), help="Pack folder.")
def evidence(consent_id: str | None, since: str | None, until: str | None, output: Path | None):
    """Write an evidence pack (folder and zip) for one visitor or a time window."""
    if (consent_id is None) == (since is None and until is None):
        raise click.UsageError("give a CONSENT_ID or --since/--until, not both")
    if consent_id is not None:
        try:
            consent_id = parse_consent_id(consent_id, version4=False)
        except InvalidField as error:
            raise click.BadParameter(str(error.description)) from None
    after, last = ledger.id_range(_since(since), _since(until))
    stamp = utc_now().strftime("%Y%m%dT%H%M%SZ")
    name = f"evidence-{consent_id or f'{since or 0}-{until or stamp}'}-{stamp}"
    target = output or Path(current_app.instance_path) / "evidence" / name
    try:
        archive = make_pack(target, consent_id, after, last)
    except EvidenceError as error:
        click.echo(f"no evidence pack: {error}", err=True)
        sys.exit(1)
    click.echo(f"evidence pack: {target} ({archive})")


@consent.command()
def snapshot() -> None:
    """Screenshot the first layer and preferences in every language with Chromium; archive
    the dated PNGs and enter their hashes in the ledger."""
    try:
        event = take_snapshot(current_app._get_current_object())  # type: ignore[attr-defined]
    except SnapshotError as error:
        click.echo(f"no snapshot: {error}", err=True)
        sys.exit(1)
    shots = event["details"]["screenshots"]
    click.echo(f"archived {len(shots)} screenshots, published record {event['id']}")
    for name, digest in shots.items():
        click.echo(f"  {name}  sha256 {digest}")


@consent.command("import-vanilla")
@click.argument("config_file", type=click.File("r", encoding="utf-8"))
@click.option("--company", required=True, help="The company named on the banner and policies.")
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-")
def import_vanilla_command(config_file: TextIO, company: str, output: TextIO) -> None:
    """Turn a vanilla-cookieconsent v3 config (run()'s argument, as JSON) into a site config.

    What could not be carried goes to stderr; what our validation refuses exits 1.
    """
    try:
        raw = json.load(config_file)
    except json.JSONDecodeError as error:
        raise click.ClickException(f"{config_file.name} is not JSON: {error}") from None
    defaults = json.loads(DEFAULT_SITE_CONFIG.read_text(encoding="utf-8"))["texts"]
    try:
        config, notes = import_vanilla(raw, company, defaults)
        for note in notes:
            click.echo(f"not carried: {note}", err=True)
        parse_config(config)
    except ConfigError as error:
        raise click.ClickException(f"refused: {error}") from None
    json.dump(config, output, indent=2, ensure_ascii=False)
    output.write("\n")
