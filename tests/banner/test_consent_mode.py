import pytest

from banner.config import ConfigError, parse_config
from banner.consent_mode import default_commands, signals
from tests.support import raw_config, site_config


def test_every_signal_is_denied_without_consent():
    assert signals(site_config(), ["necessary"]) == {
        "analytics_storage": "denied",
        "ad_storage": "denied",
        "ad_user_data": "denied",
        "ad_personalization": "denied",
    }


def test_signals_follow_their_category():
    granted = signals(site_config(), ["necessary", "analytics"])
    assert granted["analytics_storage"] == "granted"
    assert granted["ad_storage"] == "denied"
    assert set(signals(site_config(), ["analytics", "marketing"]).values()) == {"granted"}


def test_a_signal_must_name_a_category():
    raw = raw_config()
    raw["consentMode"]["ad_storage"] = "ads"
    with pytest.raises(ConfigError, match="consentMode.ad_storage: must name a category"):
        parse_config(raw)


def test_consent_mode_is_optional():
    raw = raw_config()
    del raw["consentMode"]
    assert signals(parse_config(raw), ["analytics"]) == {}


def test_every_page_load_opens_with_each_signal_denied():
    [command] = default_commands(site_config())
    assert command == ["consent", "default", signals(site_config(), [])]


def test_without_consent_mode_no_page_load_pushes_anything():
    raw = raw_config()
    del raw["consentMode"]
    assert default_commands(parse_config(raw)) == []
