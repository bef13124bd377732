"""The verdict Python leaves for the loader (``banner/replay.py``).

The loader's copy of the unlock rule is checked against Python's in
``test_loader_rules.py``.
"""

import json

import pytest

from banner import consent, consent_mode, replay
from banner.timestamps import MS_PER_DAY
from tests.support import CONSENT_ID, NOW, site_config


def decided(choice: dict) -> dict:
    return consent.new_state(site_config(), choice, None, CONSENT_ID, NOW, "en")


def test_verdict_holds_the_normalized_choice_and_the_lifetime():
    config = site_config()
    state = decided({"analytics": None})
    verdict = replay.verdict("k" * 16, "raw-cookie", state, config)
    assert verdict["key"] == "k" * 16
    assert verdict["cookie"] == "raw-cookie"
    necessary = config["categories"][0]
    assert necessary["readOnly"]
    assert verdict["choice"] == {
        "necessary": [s["id"] for s in necessary["services"]],
        "analytics": ["google-analytics"],
    }
    assert verdict["from"] == NOW
    assert verdict["until"] == NOW + 182 * MS_PER_DAY
    assert json.loads(json.dumps(verdict)) == verdict  # it goes through localStorage


def test_verdict_answers_the_read_methods_as_python_would():
    config = site_config()
    state = decided({"analytics": None})
    answers = replay.verdict("k", "c", state, config)["answers"]
    assert answers["cookie"] == state
    assert answers["preferences"]["acceptType"] == "custom"
    assert answers["preferences"] == consent.preferences(config, state)
    assert json.loads(json.dumps(answers)) == answers


def test_verdict_replays_consent_mode_denied_first_then_the_choice():
    config = site_config()
    commands = replay.verdict("k", "c", decided({"analytics": None}), config)["gtag"]
    assert [c[:2] for c in commands] == [["consent", "default"], ["consent", "update"]]
    assert set(commands[0][2].values()) == {"denied"}
    assert commands[1][2]["analytics_storage"] == "granted"
    assert commands[1][2]["ad_storage"] == "denied"


@pytest.mark.parametrize(
    "config", [site_config(), dict(site_config(), consentMode={})], ids=["consent mode", "none"]
)
def test_verdict_commands_open_with_the_default_the_loader_pushed_before_reading_the_cookie(
    config,
):
    """banner/loader.js pushes ``default_commands`` at once and replays what follows."""
    default = consent_mode.default_commands(config)
    commands = replay.verdict("k", "c", decided({"analytics": None}), config)["gtag"]
    assert commands[: len(default)] == default


def test_without_consent_mode_nothing_is_pushed():
    config = dict(site_config(), consentMode={})
    assert replay.verdict("k", "c", decided({}), config)["gtag"] == []


def test_a_refusal_replays_nothing_but_the_denials():
    config = site_config()
    verdict = replay.verdict("k", "c", decided({}), config)
    assert list(verdict["choice"]) == ["necessary"]
    assert set(verdict["gtag"][1][2].values()) == {"denied"}
