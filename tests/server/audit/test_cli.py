"""The audit command's own errors, before any browser starts (the runs are in e2e)."""


def test_fail_on_names_the_kinds_it_accepts(runner):
    result = runner.invoke(args=["consent", "audit", "http://localhost/", "--fail-on", "typo"])
    assert result.exit_code == 2
    assert "unknown typo; use some of escape, undeclared, unseen, dead-markup" in result.output


def test_a_missing_cookie_database_stops_with_how_to_get_it(runner, tmp_path):
    missing = tmp_path / "none.json"
    result = runner.invoke(
        args=["consent", "audit", "http://localhost/", "--cookie-database", str(missing)]
    )
    assert result.exit_code == 2
    assert f"cannot read the Open Cookie Database at {missing}" in result.output
