import pytest

from banner.language import choose_language, match_language


@pytest.mark.parametrize(
    ("hints", "expected"),
    [
        (["nl", "en", "en-US"], "nl"),
        ([None, "nl-NL", "en-US"], "nl"),
        ([None, "", "nl-BE"], "nl"),
        (["fr", "de", "en_GB"], "en"),
        ([None, None, "fr-FR"], "en"),
        ([None, None, None], "en"),
        (["NL"], "nl"),
    ],
)
def test_script_attribute_then_page_then_browser_then_default(hints, expected):
    assert choose_language(hints, ["nl", "en"], "en") == expected


@pytest.mark.parametrize(
    ("tag", "available", "expected"),
    [
        (" pt-BR ", ["pt"], "pt"),
        ("pt_BR", ["pt", "pt-br"], "pt-br"),
        ("NL-be", ["nl", "en"], "nl"),
        ("fr", ["nl", "en"], None),
        ("", ["nl"], None),
        (42, ["nl"], None),
        (None, ["nl"], None),
    ],
)
def test_match_language_takes_the_whole_tag_then_its_primary_subtag(tag, available, expected):
    assert match_language(tag, available) == expected
