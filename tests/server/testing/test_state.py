"""A stored consent written by the plugin is one the banner accepts as its own."""

import json
from urllib.parse import unquote

import pytest
from py_mini_racer import MiniRacer

from banner.config import localize
from banner.consent import read_state
from banner.cookie import decode_value
from server.testing.state import choice_for, encode_uri_component, stored_consent_cookie
from tests.support import NOW, site_config

SITE = "http://localhost:8000"


@pytest.fixture
def config():
    return localize(site_config(), "en")


def state_of(cookie: dict, config: dict):
    return read_state(decode_value(cookie["value"], json.loads, unquote), config, NOW + 1)


@pytest.mark.parametrize(
    ("wanted", "categories", "marketing"),
    [
        ("all", ["necessary", "analytics", "marketing"], ["tracking-pixel", "video-embed"]),
        ("none", ["necessary"], []),
        (["analytics"], ["necessary", "analytics"], []),
        ({"marketing": ["video-embed"]}, ["necessary", "marketing"], ["video-embed"]),
    ],
)
def test_the_banner_reads_the_stored_choice_back(config, wanted, categories, marketing):
    stored = stored_consent_cookie(config, SITE, wanted, NOW, "en")
    state = state_of(stored["cookie"], config)
    assert state["categories"] == categories
    assert state["services"]["marketing"] == marketing
    assert state == stored["state"]


def test_the_cookie_has_the_configured_name_path_lifetime_and_site(config):
    cookie = stored_consent_cookie(config, "https://www.example.com", "all", NOW, "en")["cookie"]
    assert (cookie["name"], cookie["domain"], cookie["path"]) == (
        "cc_cookie",
        "www.example.com",
        "/",
    )
    assert cookie["expires"] == NOW / 1000 + 182 * 86400
    assert (cookie["sameSite"], cookie["secure"]) == ("Lax", True)


def test_the_value_is_encoded_as_encodeURIComponent_would(config):
    """The banner encodes with the browser's encodeURIComponent: same bytes in V8."""
    stored = stored_consent_cookie(config, SITE, "all", NOW, "en")
    v8 = MiniRacer()
    text = json.dumps(stored["state"], separators=(",", ":"), ensure_ascii=False)
    awkward = text + " !'()*~-_.;,/?:@&=+$#é"
    expected = v8.eval(f"encodeURIComponent({json.dumps(awkward)})")
    assert encode_uri_component(awkward) == expected
    assert stored["cookie"]["value"] == v8.eval(f"encodeURIComponent({json.dumps(text)})")


def test_a_choice_that_is_not_a_choice_is_refused(config):
    with pytest.raises(ValueError, match="not 'some'"):
        choice_for(config, "some")
