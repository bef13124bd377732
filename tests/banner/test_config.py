import copy

import pytest

from banner.config import (
    ConfigError,
    category_ids,
    cookie_patterns,
    localize,
    localize_in_steps,
    optional_category_ids,
    parse_config,
    parse_in_steps,
    service_ids,
)
from banner.theme_config import DEFAULT_COLORS
from tests.support import raw_config, site_config


def test_shipped_config_describes_the_first_customer():
    config = site_config()
    assert category_ids(config) == ["necessary", "analytics", "marketing"]
    assert optional_category_ids(config) == ["analytics", "marketing"]
    assert service_ids(config)["analytics"] == ["google-analytics"]
    assert cookie_patterns(config, "analytics") == ["_ga", "_ga_*", "_gid"]
    assert "fm_lang" in cookie_patterns(config, "necessary")
    assert config["cookie"] == {
        "name": "cc_cookie",
        "expiresAfterDays": 182,
        "domain": "",
        "path": "/",
    }


def test_localize_gives_one_language_and_falls_back_to_the_default():
    dutch = localize(site_config(), "nl")
    assert dutch["language"] == "nl"
    assert dutch["texts"]["acceptAll"] == "Alles accepteren"
    assert dutch["categories"][1]["title"] == "Analytisch"
    assert dutch["categories"][1]["services"][0]["cookies"][0]["lifetime"] == "2 jaar"
    assert dutch["company"]["country"] == "Nederland"
    assert localize(site_config(), "fr")["language"] == "en"


def test_localize_pauses_after_each_category_and_keeps_the_configs_order():
    config = site_config()
    steps = localize_in_steps(config, "nl")
    pauses = 0
    while True:
        try:
            next(steps)
            pauses += 1
        except StopIteration as done:
            view = done.value
            break
    assert pauses == len(config["categories"]) == 3
    assert list(view) == [k for k in config if k != "texts"] + ["language", "texts"]
    assert [c["id"] for c in view["categories"]] == ["necessary", "analytics", "marketing"]


def test_texts_name_the_company_and_every_optional_purpose():
    for lang in ("nl", "en"):
        description = localize(site_config(), lang)["texts"]["consentDescription"]
        assert "Flowmailer B.V." in description
        assert "Google Analytics" in description
        assert "tracking pixels" in description


def _broken(path: list, value):
    raw = raw_config()
    target = raw
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return raw


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (["revision"], "1", "revision: must be a whole number"),
        (["revision"], True, "revision: must be a whole number"),
        (["vanillaRevision"], -1, "vanillaRevision: must be a whole number >= 0"),
        (["vanillaRevision"], "0", "vanillaRevision: must be a whole number >= 0"),
        (["languages"], [], "languages: must be a list"),
        (["defaultLanguage"], "de", "defaultLanguage: must be one of languages"),
        (["categories", 1, "id"], "Analytics!", "categories[1].id: may only use"),
        (["categories", 1, "id"], "marketing", "categories: duplicate id 'marketing'"),
        (["categories", 1, "title"], {"nl": "Analytisch"}, "categories[1].title.en: must be"),
        (["categories", 0, "readOnly"], "yes", "categories[0].readOnly: must be true or false"),
        (["categories", 2, "services", 0, "cookies", 0, "party"], "fourth", ".party: must be"),
        (["categories", 2, "services", 1, "id"], "google-analytics", "services: duplicate id"),
        (["cookie", "expiresAfterDays"], 0, "cookie.expiresAfterDays: must be a positive number"),
        (["cookie", "name"], "cc cookie", "cookie.name: not a cookie name"),
        (["cookie", "path"], "cookies", "cookie.path: must start with '/'"),
        (["texts", "nl", "rejectAll"], KeyError, "texts.nl.rejectAll: must be a non-empty string"),
        (["texts", "en"], KeyError, "texts.en: is missing"),
        (["company", "name"], "", "company.name: must be a non-empty string"),
    ],
)
def test_bad_config_names_the_field(path, value, message):
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_config(_broken(path, value))


def test_parse_does_not_modify_its_input():
    raw = raw_config()
    before = copy.deepcopy(raw)
    parse_config(raw)
    assert raw == before


def test_not_an_object_is_refused():
    with pytest.raises(ConfigError, match="config: must be a JSON object"):
        parse_config(["revision", 1])


def test_revision_note_is_optional_and_localized():
    assert site_config()["revisionNote"] is None
    raw = raw_config()
    raw["revisionNote"] = {"nl": "Nieuw: video", "en": "New: video"}
    config = parse_config(raw)
    assert localize(config, "nl")["revisionNote"] == "Nieuw: video"
    raw["revisionNote"] = {"nl": "Nieuw: video"}
    with pytest.raises(ConfigError, match="revisionNote.en"):
        parse_config(raw)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_banner_texts_never_claim_legitimate_interest(lang):
    view = localize(site_config(), lang)
    texts = " ".join(view["texts"].values()) + " ".join(
        c["title"] + c["description"] for c in view["categories"]
    )
    for wording in ("legitimate interest", "gerechtvaardigd belang", "legitiem belang"):
        assert wording not in texts.lower()


def test_reload_on_withdraw_defaults_off_and_must_be_boolean():
    assert site_config()["reloadOnWithdraw"] is False
    raw = raw_config()
    raw["reloadOnWithdraw"] = "yes"
    with pytest.raises(ConfigError, match="reloadOnWithdraw: must be true or false"):
        parse_config(raw)


def test_checked_in_steps_it_pauses_between_its_parts_and_ends_with_the_config():
    raw = raw_config()
    steps = parse_in_steps(copy.deepcopy(raw))
    pauses = 0
    with pytest.raises(StopIteration) as done:
        while True:
            next(steps)
            pauses += 1
    # and after the company, after the texts, after each palette's colours
    assert pauses == len(raw["categories"]) + 2 + len(DEFAULT_COLORS)
    assert done.value.value == parse_config(raw)


def test_checked_in_steps_a_palettes_contrast_is_checked_a_step_after_its_colours():
    raw = raw_config()
    raw["theme"] = {"colors": {"light": {"primaryColor": "#ffffff"}}}  # white on white
    steps = parse_in_steps(raw)
    for _ in range(len(raw["categories"]) + 2 + 1):  # ... up to the light palette's colours
        next(steps)
    with pytest.raises(ConfigError, match=r"^theme\.colors\.light: primaryColor #ffffff on bg"):
        next(steps)


def test_checked_in_steps_a_bad_category_stops_at_its_own_step():
    raw = raw_config()
    raw["categories"][1]["services"][0]["cookies"][0]["name"] = ""
    steps = parse_in_steps(raw)
    next(steps)  # the first category is fine
    with pytest.raises(ConfigError, match=r"categories\[1\]"):
        next(steps)
