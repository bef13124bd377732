import json
from pathlib import Path

import pytest

from server import SiteConfigError, create_app, settings


def test_testing_flag_comes_from_test_config(app_config):
    assert create_app(app_config).testing
    assert not create_app({**app_config, "TESTING": False}).testing


def test_environment_configures_the_app(monkeypatch, tmp_path, bundle_path):
    monkeypatch.setenv("CONSENT_DATABASE_URL", f"sqlite:///{tmp_path / 'env.sqlite'}")
    monkeypatch.setenv("CONSENT_ALLOWED_ORIGINS", "https://a.example, https://b.example/")
    monkeypatch.setenv("CONSENT_ADMIN_TOKEN", "12345678901234567890123456789012345678")
    monkeypatch.setenv("CONSENT_BUNDLE_PATH", str(bundle_path))
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("env.sqlite")
    assert app.config["ALLOWED_ORIGINS"] == ["https://a.example", "https://b.example"]
    # JSON-looking env values stay text
    assert app.config["ADMIN_TOKEN"] == "12345678901234567890123456789012345678"
    assert (tmp_path / "env.sqlite").exists()


def test_default_database_lives_in_the_instance_folder():
    url = settings.defaults("/srv/consent/instance")["DATABASE_URL"]
    assert url == "sqlite:////srv/consent/instance/consent.sqlite"


def test_default_site_config_is_the_shipped_flowmailer_file(app):
    assert Path(app.config["SITE_CONFIG"]) == settings.DEFAULT_SITE_CONFIG
    assert settings.DEFAULT_BUNDLE_PATH.name == "consent.js"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", []),
        (None, []),
        ("https://a.example", ["https://a.example"]),
        ("https://a.example https://b.example", ["https://a.example", "https://b.example"]),
        (
            "https://a.example,\nhttp://localhost:8000/",
            ["https://a.example", "http://localhost:8000"],
        ),
        (["https://a.example/"], ["https://a.example"]),
    ],
)
def test_parse_origins(value, expected):
    assert settings.parse_origins(value) == expected


def _write_config(tmp_path, text):
    path = tmp_path / "site.json"
    path.write_text(text, encoding="utf-8")
    return path


def _shipped_config():
    return json.loads(settings.DEFAULT_SITE_CONFIG.read_text(encoding="utf-8"))


def test_bad_site_config_stops_start_up_naming_the_field(app_config, tmp_path):
    raw = _shipped_config()
    raw["categories"][1]["id"] = "Analytics!"
    path = _write_config(tmp_path, json.dumps(raw))
    with pytest.raises(SiteConfigError, match=r"site\.json is invalid: categories\[1\]\.id"):
        create_app({**app_config, "SITE_CONFIG": str(path)})


@pytest.mark.parametrize(
    ("theme", "message"),
    [
        (
            {"colors": {"light": {"acceptAllBg": "#1a7f37"}}},
            r"theme\.colors\.light\.acceptAllBg: Accept all and Reject all share one style",
        ),
        (
            {"colors": {"dark": {"btnPrimaryColor": "#8cc0ff"}}},
            r"theme\.colors\.dark: btnPrimaryColor #8cc0ff on btnPrimaryBg #8cc0ff has contrast",
        ),
        ({"colors": {"light": {"bg": "white"}}}, r"theme\.colors\.light\.bg: must be a hex"),
    ],
)
def test_bad_theme_stops_start_up_naming_the_keys(app_config, tmp_path, theme, message):
    raw = _shipped_config()
    raw["theme"] = theme
    path = _write_config(tmp_path, json.dumps(raw))
    with pytest.raises(SiteConfigError, match=r"site\.json is invalid: " + message):
        create_app({**app_config, "SITE_CONFIG": str(path)})


def test_site_config_that_is_not_json_stops_start_up(app_config, tmp_path):
    path = _write_config(tmp_path, "{not json")
    with pytest.raises(SiteConfigError, match="is not valid JSON"):
        create_app({**app_config, "SITE_CONFIG": str(path)})


def test_missing_site_config_stops_start_up(app_config, tmp_path):
    with pytest.raises(SiteConfigError, match="cannot read site config .*nowhere.json"):
        create_app({**app_config, "SITE_CONFIG": str(tmp_path / "nowhere.json")})


def test_another_site_config_drives_the_api(app_config, tmp_path):
    raw = _shipped_config()
    raw["revision"] = 7
    path = _write_config(tmp_path, json.dumps(raw))
    client = create_app({**app_config, "SITE_CONFIG": str(path)}).test_client()
    assert client.get("/api/config").json["revision"] == 7


def test_the_theme_reaches_the_api_with_defaults_filled_in(app_config, tmp_path):
    raw = _shipped_config()
    raw["theme"] = {"consentModal": {"layout": "bar"}, "colors": {"dark": {"bg": "#000"}}}
    path = _write_config(tmp_path, json.dumps(raw))
    client = create_app({**app_config, "SITE_CONFIG": str(path)}).test_client()
    theme = client.get("/api/config").json["theme"]
    assert theme["consentModal"] == {"layout": "bar", "position": "bottom"}
    assert theme["colors"]["dark"]["bg"] == "#000000"
    assert theme["colors"]["light"]["bg"] == "#ffffff"
