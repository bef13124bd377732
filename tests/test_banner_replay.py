"""The verdict Python leaves for the loader, and the loader's reading of it.

The loader's own JavaScript (``server/loader.js``) runs here in V8, the engine
the build already uses, so its rule is checked against Python's, not restated.
"""

import itertools
import json
import re
from pathlib import Path

import pytest
from py_mini_racer import MiniRacer

from banner import consent, replay
from banner.activation import should_activate
from banner.timestamps import MS_PER_DAY
from tests.banner_support import CONSENT_ID, NOW, site_config

LOADER = Path(__file__).resolve().parent.parent / "server" / "loader.js"


def loader_function(name: str) -> str:
    """One function of the loader, cut out by its two-space indentation."""
    found = re.search(
        rf"\n  (function {name}\(.*?\n  }}\n)", LOADER.read_text(encoding="utf-8"), re.S
    )
    assert found, f"server/loader.js has no function {name}"
    return found.group(1)


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


def test_verdict_replays_consent_mode_denied_first_then_the_choice():
    config = site_config()
    commands = replay.verdict("k", "c", decided({"analytics": None}), config)["gtag"]
    assert [c[:2] for c in commands] == [["consent", "default"], ["consent", "update"]]
    assert set(commands[0][2].values()) == {"denied"}
    assert commands[1][2]["analytics_storage"] == "granted"
    assert commands[1][2]["ad_storage"] == "denied"


def test_without_consent_mode_nothing_is_pushed():
    config = dict(site_config(), consentMode={})
    assert replay.verdict("k", "c", decided({}), config)["gtag"] == []


def test_a_refusal_replays_nothing_but_the_denials():
    config = site_config()
    verdict = replay.verdict("k", "c", decided({}), config)
    assert list(verdict["choice"]) == ["necessary"]
    assert set(verdict["gtag"][1][2].values()) == {"denied"}


CHOICES = [
    {},
    {"necessary": []},
    {"necessary": [], "analytics": ["google-analytics"]},
    {"necessary": [], "marketing": ["video-embed"]},
    {
        "necessary": [],
        "analytics": ["google-analytics"],
        "marketing": ["tracking-pixel", "video-embed"],
    },
]
NAMES = [
    None,
    "necessary",
    "analytics",
    "marketing",
    "ads",
    "",
    "!analytics",
    "!marketing",
    "constructor",
    "__proto__",
]
SERVICES = [None, "", "google-analytics", "video-embed", "tracking-pixel", "!video-embed", "other"]


@pytest.fixture(scope="module")
def unlocks():
    v8 = MiniRacer()
    v8.eval("var unlocks = " + loader_function("unlocks"))
    return lambda choice, category, service: v8.eval(
        f"unlocks({json.dumps(choice)}, {json.dumps(category)}, {json.dumps(service)})"
    )


def test_the_loader_unlocks_exactly_what_python_would_on_a_page_load(unlocks):
    for choice, category, service in itertools.product(CHOICES, NAMES, SERVICES):
        expected = should_activate(category, service, choice, {})
        assert unlocks(choice, category, service) is expected, (choice, category, service)
