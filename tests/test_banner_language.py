import pytest

from banner.language import choose_language, primary_subtag


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


def test_primary_subtag_ignores_junk():
    assert primary_subtag(" pt-BR ") == "pt"
    assert primary_subtag(42) == ""
