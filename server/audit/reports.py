"""The audit's report three ways: a table for the terminal, JSON, and one HTML page with a
screenshot of each state that a data-protection officer can file."""

import json
from datetime import UTC, datetime

from jinja2 import Environment, PackageLoader, select_autoescape

from .states import STATES

COLUMNS = ("kind", "state", "page", "subject", "element", "detail")
WIDTHS = {"kind": 11, "state": 10, "page": 34, "subject": 40, "element": 50, "detail": 60}


def _cell(text: str, width: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def terminal_table(report: dict) -> str:
    """Per state what was seen, then every finding, one line each."""
    lines = []
    for state in STATES:
        seen = report["states"][state]
        third = [r for r in seen["requests"] if r["third_party"]]
        lines.append(
            f"{state:<10}  {len(seen['pages'])} pages, {len(seen['requests'])} requests"
            f" ({len(third)} third-party), cookies: "
            + (
                ", ".join(f"{c['name']} [{c['category'] or '?'}]" for c in seen["cookies"])
                or "none"
            )
            + "; storage: "
            + (", ".join(s["name"] for s in seen["storage"]) or "none")
        )
    lines.append("")
    findings = report["findings"]
    if not findings:
        lines.append("No findings.")
        return "\n".join(lines)
    lines.append("  ".join(c.upper().ljust(WIDTHS[c]) for c in COLUMNS).rstrip())
    for finding in findings:
        lines.append(
            "  ".join(_cell(finding[c], WIDTHS[c]).ljust(WIDTHS[c]) for c in COLUMNS).rstrip()
        )
    return "\n".join(lines)


def json_report(report: dict) -> str:
    """Everything but the screenshots (the HTML report holds those)."""
    states = {
        state: {k: v for k, v in seen.items() if k != "screenshot"}
        for state, seen in report["states"].items()
    }
    return json.dumps({**report, "states": states}, indent=2, ensure_ascii=False)


def html_report(report: dict, fail_on) -> str:
    env = Environment(
        loader=PackageLoader("server", "templates"), autoescape=select_autoescape(["html"])
    )
    return env.get_template("audit/report.html").render(
        report=report,
        states=STATES,
        fail_on=fail_on,
        failed=[f for f in report["findings"] if f["kind"] in fail_on],
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )
