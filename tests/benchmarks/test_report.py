"""benchmarks/report.py: each benchmark rewrites only its own section of results.md."""

from benchmarks.report import replace_section, write_section

LEDGER = "<!-- bench:ledger -->\n# Ledger\n\n642 writes/s\n<!-- /bench:ledger -->\n"


def test_a_missing_section_is_appended_after_the_others():
    document = replace_section(LEDGER, "page", "# Page\n\nfast")
    assert document.startswith(LEDGER)
    assert document.endswith("<!-- bench:page -->\n# Page\n\nfast\n<!-- /bench:page -->\n")


def test_rewriting_a_section_keeps_the_sections_around_it(tmp_path):
    path = tmp_path / "results.md"
    path.write_text("# Benchmarks\n\n" + LEDGER)
    write_section("page", "old page numbers", path)
    write_section("other", "other numbers", path)
    write_section("page", "new page numbers", path)
    text = path.read_text()
    assert "old page numbers" not in text
    assert text.count("new page numbers") == 1
    assert text.startswith("# Benchmarks\n\n" + LEDGER)
    assert text.index("new page numbers") < text.index("other numbers")


def test_a_file_without_markers_keeps_its_text():
    """Until ledger.py writes its own section, its whole-file output stays above ours."""
    document = replace_section("# Ledger\n642 writes/s\n", "page", "page numbers")
    assert document.startswith("# Ledger\n642 writes/s\n\n<!-- bench:page -->")


def test_an_unclosed_section_is_replaced_to_the_end():
    document = replace_section(LEDGER + "<!-- bench:page -->\nhalf writ", "page", "whole")
    assert document == LEDGER + "<!-- bench:page -->\nwhole\n<!-- /bench:page -->"


def test_a_new_file_holds_only_the_section(tmp_path):
    path = tmp_path / "results.md"
    write_section("page", "numbers\n", path)
    assert path.read_text() == "<!-- bench:page -->\nnumbers\n<!-- /bench:page -->\n"
