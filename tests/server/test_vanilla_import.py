"""``flask --app server consent import-vanilla``: a vanilla v3 config becomes a site config."""

import json

import pytest

from banner.config import parse_config
from server.site_config.vanilla_import import import_vanilla
from tests.support import REPO, raw_config

VANILLA = REPO / "tests" / "server" / "data" / "vanilla-config.json"


def vanilla() -> dict:
    return json.loads(VANILLA.read_text(encoding="utf-8"))


def imported(config: dict) -> tuple:
    return import_vanilla(config, "Shop B.V.", raw_config()["texts"])


def test_a_vanilla_config_becomes_a_valid_site_config(runner, tmp_path):
    out = tmp_path / "site.json"
    result = runner.invoke(
        args=["consent", "import-vanilla", str(VANILLA), "--company", "Shop B.V.", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    config = parse_config(json.loads(out.read_text(encoding="utf-8")))
    assert [c["id"] for c in config["categories"]] == ["necessary", "analytics"]
    analytics = config["categories"][1]
    assert [s["id"] for s in analytics["services"]] == ["ga", "analytics"]
    assert [k["name"] for k in analytics["services"][1]["cookies"]] == ["_ga*", "_gid"]
    assert analytics["services"][1]["cookies"][1]["lifetime"] == {"en": "1 day"}
    assert config["revision"] == 1 and config["vanillaRevision"] == 0
    assert (
        config["texts"]["en"]["consentDescription"] == "We use cookies to measure visits. Privacy"
    )
    assert config["texts"]["en"]["preferencesDescription"] == "Choose what you allow."
    assert config["theme"]["consentModal"] == {"layout": "corner", "position": "bottom right"}
    assert config["company"]["name"] == "Shop B.V."
    assert "not carried: autoShow: not applied" in result.output
    assert "not carried: cookie.sameSite" in result.output


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda c: c.update(mode="opt-out"), "mode: opt-out runs optional cookies"),
        (
            lambda c: c["guiOptions"]["consentModal"].update(equalWeightButtons=False),
            "guiOptions.consentModal.equalWeightButtons: accept and reject must weigh the same",
        ),
        (lambda c: c.update(categories={}), "categories: must name the categories"),
        (
            lambda c: c["categories"]["analytics"]["services"]["ga"].update(
                cookies=[{"name": "_unknown"}]
            ),
            "categories[1].services[0].cookies[0].purpose.en: must be a non-empty string",
        ),
    ],
)
def test_what_our_validation_refuses_is_refused_with_the_key_named(
    runner, tmp_path, change, message
):
    config = vanilla()
    change(config)
    path = tmp_path / "vanilla.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    result = runner.invoke(args=["consent", "import-vanilla", str(path), "--company", "Shop"])
    assert result.exit_code == 1
    assert message in result.output


def test_not_json_is_refused_plainly(runner, tmp_path):
    path = tmp_path / "vanilla.json"
    path.write_text("CookieConsent.run({})", encoding="utf-8")
    result = runner.invoke(args=["consent", "import-vanilla", str(path), "--company", "Shop"])
    assert result.exit_code == 1 and "is not JSON" in result.output


def test_what_cannot_be_carried_is_reported():
    config = vanilla()
    config["categories"]["analytics"]["enabled"] = True
    config["language"]["translations"]["nl"] = "/lang/nl.json"
    _, notes = imported(config)
    assert "categories.analytics.enabled: never switched on before consent here" in notes
    assert any(n.startswith("language.translations.nl: a URL") for n in notes)
    assert any("the pattern ^_ga became _ga*" in n for n in notes)


def test_a_vanilla_revision_above_zero_is_kept():
    config = vanilla()
    config["revision"] = 3
    site, _ = imported(config)
    assert site["revision"] == 3 and "vanillaRevision" not in site
