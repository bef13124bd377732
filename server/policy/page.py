"""One policy page as plain data: the HTML template and the JSON API both render this.

Building the page once for both outputs is what keeps ``/privacy`` and
``/api/policy/privacy`` saying the same thing.
"""

from typing import Any

from .source import Document, Library, blocks, fill

# The ledger's self-service routes, as URL templates with ``{consentId}``.
LEDGER_KINDS = ("access", "export", "erase", "withdraw", "retention")


def placeholder_values(site_view: dict[str, Any], retention_days: int) -> dict[str, str]:
    """Everything a policy text may mention by ``${name}``, from the localized site config."""
    company = site_view["company"]
    values = {f"company_{key}": "" for key in ("street", "postcode", "city", "country")}
    values.update({f"company_{key}": "" for key in ("phone", "email", "kvk")})
    values.update({f"company_{key}": str(value) for key, value in company.items()})
    values["cookie_name"] = site_view["cookie"]["name"]
    values["revision"] = str(site_view["revision"])
    values["retention_days"] = str(retention_days)
    return values


def cookie_rows(site_view: dict[str, Any], ui: dict[str, Any]) -> list[dict[str, str]]:
    """Every cookie of every service, in config order: the banner's own list."""
    rows = []
    for category in site_view["categories"]:
        for service in category["services"]:
            for cookie in service["cookies"]:
                rows.append(
                    {
                        "name": cookie["name"],
                        "provider": cookie["provider"],
                        "purpose": cookie["purpose"],
                        "lifetime": cookie["lifetime"],
                        "category": category["title"],
                        "categoryId": category["id"],
                        "service": service["label"],
                        "serviceId": service["id"],
                        "party": cookie["party"],
                        "partyLabel": ui[cookie["party"] + "_party"],
                    }
                )
    return rows


def ledger_notes(
    kinds: tuple[str, ...], ui: dict[str, Any], values: dict[str, str], routes: dict[str, str]
) -> list[dict[str, str]]:
    """Where a right applies to consent records: say how, and name the route."""
    notes = []
    for kind in kinds:
        if kind not in LEDGER_KINDS:
            raise ValueError(f"unknown ledger note {kind!r}")
        note = {"kind": kind, "text": fill(ui["ledger_" + kind], values)}
        if kind == "access":
            note["intro"] = fill(ui["ledger_intro"], values)
            note.update(method="GET", url=routes["records"])
        elif kind == "export":
            note.update(method="GET", url=routes["records"] + "?format=csv")
        elif kind == "erase":
            note.update(method="POST", url=routes["erase"], after=ui["erase_kept"])
        notes.append(note)
    return notes


def format_date(day: Any, ui: dict[str, Any]) -> str:
    return f"{day.day} {ui['months'][day.month - 1]} {day.year}"


def build_page(
    library: Library,
    doc: Document,
    site_view: dict[str, Any],
    *,
    retention_days: int,
    routes: dict[str, str],
) -> dict[str, Any]:
    """The document in one language with config values, cookie table and ledger notes."""
    ui = library.ui[doc.language]
    values = placeholder_values(site_view, retention_days)
    sections = []
    for section in doc.sections:
        entry: dict[str, Any] = {
            "id": section.id,
            "heading": section.heading,
            "level": section.level,
            "blocks": blocks(section.body, values),
            "ledger": ledger_notes(section.ledger, ui, values, routes),
        }
        if section.generated == "cookie-table":
            entry["intro"] = fill(ui["cookie_table_intro"], values)
            entry["cookieTable"] = cookie_rows(site_view, ui)
        sections.append(entry)
    return {
        "document": doc.name,
        "language": doc.language,
        "languages": library.languages(doc.name, doc.version),
        "version": doc.version,
        "versions": library.versions(doc.name),
        "effective": doc.effective.isoformat(),
        "effectiveText": format_date(doc.effective, ui),
        "title": fill(doc.title, values),
        "subtitle": fill(doc.subtitle, values) if doc.subtitle else None,
        "revision": site_view["revision"],
        "sections": sections,
    }
