"""Several benchmarks share ``benchmarks/results.md``; each owns one marked section.

``write_section("page", markdown)`` replaces only the text between
``<!-- bench:page -->`` and ``<!-- /bench:page -->``, so a benchmark run never
erases another benchmark's last results. A missing section is appended.
"""

from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results.md"


def markers(name: str) -> tuple[str, str]:
    return f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"


def replace_section(document: str, name: str, markdown: str) -> str:
    """The document with section ``name`` set to ``markdown``."""
    start, end = markers(name)
    block = f"{start}\n{markdown.strip()}\n{end}"
    head, found, rest = document.partition(start)
    if found:
        # An unclosed section (a run stopped mid-write) runs to the end of the file.
        _, _, tail = rest.partition(end)
        return head + block + tail
    if not document.strip():
        return block + "\n"
    return document.rstrip("\n") + "\n\n" + block + "\n"


def write_section(name: str, markdown: str, path: Path = RESULTS) -> None:
    """Set one benchmark's section of the results file, keeping every other section."""
    document = path.read_text(encoding="utf-8") if path.exists() else ""
    path.write_text(replace_section(document, name, markdown), encoding="utf-8")
