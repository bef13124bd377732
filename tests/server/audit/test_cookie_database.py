import pytest

from server.audit.cookie_database import CookieDatabaseError, load_database, parse_database
from server.settings import DEFAULT_COOKIE_DATABASE

RAW = {
    "Google Analytics": [
        {
            "cookie": "_ga",
            "category": "Analytics",
            "dataController": "Google",
            "retentionPeriod": "2 years",
            "description": "ID",
            "wildcardMatch": "0",
        },
        {
            "cookie": "_ga_",
            "category": "Analytics",
            "dataController": "Google",
            "retentionPeriod": "2 years",
            "description": "session",
            "wildcardMatch": "1",
        },
        {"cookie": "_g", "category": "Marketing", "wildcardMatch": "1"},
    ],
    "Odd": [{"cookie": "odd", "category": "Something new", "wildcardMatch": "0"}],
}


def test_exact_names_first_then_the_longest_prefix():
    database = parse_database(RAW)
    assert database.lookup("_ga").description == "ID"
    assert database.lookup("_ga_ABC").description == "session"
    assert database.lookup("_gx").category == "marketing"
    assert database.lookup("nothing") is None


def test_categories_map_to_site_config_ids_and_providers_default_to_the_platform():
    database = parse_database(RAW)
    assert database.lookup("odd").category == "functional"
    assert database.lookup("odd").provider == "Odd"


def test_the_pinned_data_set_knows_google_analytics():
    database = load_database(str(DEFAULT_COOKIE_DATABASE))
    ga, gid = database.lookup("_ga"), database.lookup("_gid")
    assert (ga.category, ga.provider, gid.category, gid.provider) == (
        "analytics",
        "Google",
        "analytics",
        "Google",
    )


def test_a_missing_data_set_says_how_to_get_it(tmp_path):
    with pytest.raises(CookieDatabaseError, match="npm ci"):
        load_database(str(tmp_path / "missing.json"))
