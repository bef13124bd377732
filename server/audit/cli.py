"""``flask --app server consent audit URL…``: the site audit on the command line.

Exit status: 0 when nothing in ``--fail-on`` was found, 1 when something was, 2
when the site could not be audited. Playwright (the ``qa`` extra) is imported
only when the command runs, so the server itself does not need it.
"""

import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

import click
from flask import current_app

from .classifier import FAIL_ON, KINDS


def _kinds(ctx, param, value: str) -> tuple:
    kinds = tuple(k for k in (v.strip() for v in value.split(",")) if k and k != "none")
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise click.BadParameter(
            f"unknown {', '.join(unknown)}; use some of {', '.join(KINDS)} or none"
        )
    return kinds


def _pages(ctx, param, urls: tuple) -> tuple:
    """Web pages of one site: the audit follows links and compares cookies within one origin."""
    origins = set()
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise click.BadParameter(f"{url!r} is not an http(s) URL")
        origins.add(f"{parts.scheme}://{parts.netloc}")
    if len(origins) > 1:
        raise click.BadParameter(f"pages of one site only, not {', '.join(sorted(origins))}")
    return urls


@click.command()
@click.argument("urls", nargs=-1, required=True, callback=_pages)
@click.option(
    "--max-pages",
    default=10,
    show_default=True,
    type=click.IntRange(1, 200),
    help="Pages per state: the URLs given, then same-site links found on them.",
)
@click.option(
    "--settle-ms",
    default=1500,
    show_default=True,
    type=click.IntRange(0, 60_000),
    help="How long to watch each page after it loaded, for tags that fire late.",
)
@click.option(
    "--timeout-ms",
    default=15_000,
    show_default=True,
    type=click.IntRange(1000, 120_000),
    help="Time-out of one page load.",
)
@click.option(
    "--fail-on",
    default=",".join(FAIL_ON),
    show_default=True,
    callback=_kinds,
    help=f"Finding kinds that make the exit status 1 ({', '.join(KINDS)}, or none).",
)
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the full report as JSON here.",
)
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the one-page HTML report (with screenshots) here.",
)
@click.option(
    "--draft-config",
    is_flag=True,
    help="Print a site-config fragment for the cookies the config lacks.",
)
@click.option(
    "--cookie-database",
    type=click.Path(dir_okay=False),
    help="The Open Cookie Database JSON (default: CONSENT_COOKIE_DATABASE).",
)
def audit(
    urls,
    max_pages,
    settle_ms,
    timeout_ms,
    fail_on,
    json_path,
    html_path,
    draft_config,
    cookie_database,
) -> None:
    """Visit URLS with no choice, after "Reject all" and after "Accept all", and report every
    cookie, storage key and third-party request, and what escapes consent."""
    from .classifier import audit_report, failures
    from .cookie_database import CookieDatabaseError, load_database
    from .crawler import AuditError, Limits, crawl
    from .draft import draft_config as make_draft
    from .reports import html_report, json_report, terminal_table

    try:
        database = load_database(cookie_database or current_app.config["COOKIE_DATABASE"])
    except CookieDatabaseError as error:
        click.echo(f"audit: {error}", err=True)
        sys.exit(2)
    limits = Limits(max_pages=max_pages, navigation_ms=timeout_ms, settle_ms=settle_ms)
    with click.progressbar(
        length=max_pages * 3,
        label="Auditing",
        file=sys.stderr,
        item_show_func=lambda visit: visit and f"{visit.state}: {visit.url}",
    ) as bar:
        try:
            crawled = crawl(list(urls), limits, on_page=lambda visit: bar.update(1, visit))
        except AuditError as error:
            click.echo(f"\naudit: {error}", err=True)
            sys.exit(2)
        bar.update(bar.length - bar.pos)
    report = audit_report(crawled, database)
    click.echo(terminal_table(report))
    if json_path:
        Path(json_path).write_text(json_report(report), encoding="utf-8")
    if html_path:
        Path(html_path).write_text(html_report(report, fail_on), encoding="utf-8")
    if draft_config:
        fragment = make_draft(report, crawled["config"], database)
        click.echo("\nDraft site-config fragment (check every [check] text):")
        click.echo(json.dumps(fragment, indent=2, ensure_ascii=False))
    if failures(report, fail_on):
        sys.exit(1)
