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
from sqlalchemy import select
from sqlalchemy.exc import DatabaseError

from ..audit.cli import audit
from ..database import db
from ..errors import InvalidField
from . import ledger
from .audit import verify_chain
from .backup import BackupError, backup_sqlite
from .export import records_csv
from .integrity import database_problems
from .models import ConsentRecord
from .schemas import parse_consent_id
from .stats import consent_stats

consent = AppGroup("consent", help="Audit and maintain the consent ledger; audit a site.")
consent.add_command(audit)


@consent.command()
def verify() -> None:
    """Check the file, then every record's hash and link; exit 1 naming the first broken record."""
    problems = database_problems(db.engine)
    if not problems:
        try:
            report = verify_chain()
        except (DatabaseError, sqlite3.DatabaseError) as error:  # damage the check did not see
            problems = [str(getattr(error, "orig", error))]
    if problems:
        click.echo(f"database DAMAGED, ledger not verified: {'; '.join(problems)}", err=True)
        sys.exit(2)
    if report.ok:
        click.echo(f"ledger OK: {report.checked} records verified, head {report.head_hash}")
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
    count, tombstone = ledger.purge(timedelta(days=days))
    where = f", tombstone record {tombstone['id']}" if tombstone else ""
    click.echo(f"purged personal fields of {count} records older than {days} days{where}")


def _since(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2026-01-31") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@consent.command()
@click.option("--since", help="Only records from this date or time (ISO 8601, UTC).")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv")
@click.option("--output", type=click.File("w"), default="-", help="File (default: stdout).")
def export(since: str | None, fmt: str, output: TextIO) -> None:
    """Export ledger records, oldest first, for an auditor or a backup."""
    query = select(ConsentRecord).order_by(ConsentRecord.id)
    start = _since(since)
    if start is not None:
        query = query.where(ConsentRecord.created_at >= start)
    rows = [r.to_dict() for r in db.session.scalars(query)]
    if fmt == "csv":
        output.write(records_csv(rows))
    else:
        json.dump(rows, output, indent=2)
        output.write("\n")


@consent.command()
@click.option("--since", help="Only decisions from this date (ISO 8601, UTC).")
def stats(since: str | None) -> None:
    """Decisions per action and day, and acceptance rate per category, as JSON."""
    summary = consent_stats(_since(since)).as_dict()
    summary["ledgerRecords"] = ledger.head_id()
    click.echo(json.dumps(summary, indent=2))
