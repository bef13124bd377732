"""What a vanilla page's run() options get: getConfig's shape and the differences named."""

from banner.vanilla_config import as_vanilla, differences
from tests.support import site_config


def test_get_config_answers_in_vanillas_shape():
    shape = as_vanilla(site_config())
    assert shape["revision"] == 1 and shape["mode"] == "opt-in"
    assert shape["cookie"]["name"] == "cc_cookie"
    assert list(shape["categories"]) == ["necessary", "analytics", "marketing"]
    assert shape["categories"]["necessary"]["readOnly"] is True
    assert list(shape["categories"]["analytics"]["services"]) == ["google-analytics"]
    assert shape["language"]["default"] == "en"


def test_a_page_config_like_the_site_config_differs_in_nothing():
    page = {
        "revision": 1,
        "categories": {
            "necessary": {"readOnly": True},
            "analytics": {"services": {"google-analytics": {}}},
            "marketing": {},
        },
        "onConsent": None,
    }
    assert differences(page, site_config()) == []


def test_what_the_page_asks_and_does_not_get_is_named():
    page = {
        "revision": 0,
        "mode": "opt-out",
        "cookie": {"name": "old_cookie"},
        "categories": {"necessary": {}, "analytics": {"services": {"hotjar": {}}}, "ads": {}},
        "language": {"default": "en", "translations": {}},
        "guiOptions": {},
    }
    found = differences(page, site_config())
    assert "category 'ads' is not in the site config" in found
    assert "category 'marketing' is asked too" in found
    assert "service 'hotjar' is not in the site config" in found
    assert "service 'google-analytics' is asked too" in found
    assert "revision is 1" in found
    assert "the cookie is cc_cookie" in found
    assert any(f.startswith("mode is opt-in") for f in found)
    assert "not applied: guiOptions, language" in found
