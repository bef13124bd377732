"""The policy source: versioned TOML documents, one file per version and language.

``content/<document>/<version>.<lang>.toml`` holds a document's title, version,
effective date and sections (``id``, optional ``heading``, ``level`` 2 or 3,
``body``). A body is blocks separated by blank lines: a block whose lines all
start with ``- `` is a list, any other block a paragraph whose line breaks are
kept. ``[text](https://…)`` is a link. ``${company_name}`` and friends are
filled from the site config at render time, so the company's details live in
one place. Nothing here touches Flask: it is plain data, testable on its own.
"""

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from string import Template
from typing import Any

CONTENT_DIR = Path(__file__).resolve().parent / "content"
DOCUMENTS = ("privacy", "cookies")
LINK = re.compile(r"\[([^\]]+)\]\((https://[^\s)]+)\)")


class PolicySourceError(ValueError):
    """A policy file is malformed; raised at start-up, never per request."""


@dataclass(frozen=True)
class Section:
    id: str
    heading: str | None
    level: int
    body: str
    ledger: tuple[str, ...] = ()
    generated: str | None = None


@dataclass(frozen=True)
class Document:
    name: str
    language: str
    version: str
    effective: date
    title: str
    subtitle: str | None
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class Library:
    """Every document, version and language, plus the page texts around them."""

    documents: dict[tuple[str, str, str], Document]
    ui: dict[str, dict[str, Any]]

    def versions(self, name: str) -> list[str]:
        """Versions of one document, oldest first (numeric where possible)."""
        found = {version for (doc, version, _) in self.documents if doc == name}
        return sorted(found, key=lambda v: (len(v), v))

    def languages(self, name: str, version: str) -> list[str]:
        return [lang for (doc, ver, lang) in self.documents if (doc, ver) == (name, version)]

    def get(self, name: str, version: str, language: str) -> Document | None:
        return self.documents.get((name, version, language))


def _section(raw: dict[str, Any], where: str) -> Section:
    if not isinstance(raw.get("id"), str) or not isinstance(raw.get("body"), str):
        raise PolicySourceError(f"{where}: every section needs a string id and body")
    level = raw.get("level", 2)
    if level not in (2, 3):
        raise PolicySourceError(f"{where}: section {raw['id']!r} level must be 2 or 3")
    return Section(
        id=raw["id"],
        heading=raw.get("heading"),
        level=level,
        body=raw["body"],
        ledger=tuple(raw.get("ledger", ())),
        generated=raw.get("generated"),
    )


def load_document(path: Path) -> Document:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise PolicySourceError(f"{path}: {error}") from error
    if not isinstance(raw.get("effective"), date):
        raise PolicySourceError(f"{path}: effective must be a TOML date (2019-07-12)")
    sections = tuple(_section(s, str(path)) for s in raw.get("sections", []))
    ids = [s.id for s in sections]
    if len(set(ids)) != len(ids):
        raise PolicySourceError(f"{path}: section ids must be unique")
    return Document(
        name=raw["document"],
        language=raw["language"],
        version=str(raw["version"]),
        effective=raw["effective"],
        title=raw["title"],
        subtitle=raw.get("subtitle"),
        sections=sections,
    )


def load_library(content_dir: Path = CONTENT_DIR) -> Library:
    """Read every document; translations must share the original's section ids."""
    documents = {}
    for name in DOCUMENTS:
        for path in sorted((content_dir / name).glob("*.toml")):
            doc = load_document(path)
            version, _, lang = path.stem.partition(".")
            if (doc.name, doc.version, doc.language) != (name, version, lang):
                raise PolicySourceError(f"{path}: document/version/language disagree with name")
            documents[(name, version, lang)] = doc
    for (name, version, _), doc in documents.items():
        ids = [s.id for s in doc.sections]
        for other in documents.values():
            if (other.name, other.version) == (name, version):
                if [s.id for s in other.sections] != ids:
                    raise PolicySourceError(f"{name} v{version}: translations differ in sections")
    ui = tomllib.loads((content_dir / "ui.toml").read_text(encoding="utf-8"))
    return Library(documents=documents, ui=ui)


def fill(text: str, values: dict[str, str]) -> str:
    """Fill ``${name}`` placeholders; an unknown name is a bug in the source."""
    return Template(text).substitute(values)


def segments(line: str, values: dict[str, str]) -> list[dict[str, str]]:
    """One line as text and link pieces; values are filled into text, never into markup."""
    pieces: list[dict[str, str]] = []
    position = 0
    for match in LINK.finditer(line):
        if match.start() > position:
            pieces.append({"text": fill(line[position : match.start()], values)})
        pieces.append({"text": fill(match.group(1), values), "href": match.group(2)})
        position = match.end()
    if position < len(line):
        pieces.append({"text": fill(line[position:], values)})
    return pieces


def blocks(body: str, values: dict[str, str]) -> list[dict[str, Any]]:
    """A section body as paragraphs and lists, each line as segments."""
    result = []
    for chunk in re.split(r"\n\s*\n", body.strip()):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            items = [segments(line[2:], values) for line in lines]
            result.append({"type": "list", "items": items})
        else:
            result.append({"type": "paragraph", "lines": [segments(li, values) for li in lines]})
    return result
