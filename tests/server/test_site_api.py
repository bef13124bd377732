"""``GET /api/config``: the banner config in one language."""

import pytest


@pytest.mark.parametrize(
    ("query", "language", "accept_all"),
    [
        ("", "en", "Accept all"),
        ("?lang=en", "en", "Accept all"),
        ("?lang=nl", "nl", "Alles accepteren"),
        ("?lang=NL", "nl", "Alles accepteren"),
        ("?lang=nl-BE", "nl", "Alles accepteren"),
    ],
)
def test_config_in_the_requested_language(client, query, language, accept_all):
    response = client.get(f"/api/config{query}")
    assert response.status_code == 200
    config = response.json
    assert config["language"] == language
    assert config["texts"]["acceptAll"] == accept_all
    assert config["languages"] == ["nl", "en"]
    assert config["revision"] == 1
    assert response.headers["Cache-Control"] == "public, max-age=300"


def test_config_lists_categories_services_and_cookies(client):
    config = client.get("/api/config?lang=nl").json
    assert [c["id"] for c in config["categories"]] == ["necessary", "analytics", "marketing"]
    necessary, analytics, _ = config["categories"]
    assert necessary["readOnly"] is True
    assert analytics["title"] == "Analytisch"
    ga = analytics["services"][0]
    assert ga["id"] == "google-analytics"
    assert [c["name"] for c in ga["cookies"]] == ["_ga", "_ga_*", "_gid"]
    assert ga["cookies"][0]["lifetime"] == "2 jaar"
    assert config["company"]["country"] == "Nederland"
    assert config["cookie"]["name"] == "cc_cookie"


def test_unsupported_language_is_404_naming_the_supported_ones(client):
    response = client.get("/api/config?lang=de")
    assert response.status_code == 404
    assert response.json["description"] == "language 'de' is not offered; use one of: nl, en"


def test_config_api_is_open_to_allowed_origins_only(client):
    allowed = client.get("/api/config", headers={"Origin": "https://www.flowmailer.test"})
    assert allowed.headers["Access-Control-Allow-Origin"] == "https://www.flowmailer.test"
    other = client.get("/api/config", headers={"Origin": "https://evil.test"})
    assert "Access-Control-Allow-Origin" not in other.headers
