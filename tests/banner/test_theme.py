"""The site config's theme: validation at load, and the stylesheet it becomes."""

import pytest

from banner.config import ConfigError, parse_config
from banner.contrast import contrast_ratio, parse_hex
from banner.theme import at_top, css_variable, position_classes, stylesheet
from banner.theme_config import DEFAULT_COLORS, parse_theme
from tests.support import raw_config, site_config


def themed(theme) -> dict:
    raw = raw_config()
    raw["theme"] = theme
    return parse_config(raw)


def test_no_theme_is_todays_look():
    theme = site_config()["theme"]
    assert theme["consentModal"] == {"layout": "corner", "position": "bottom left"}
    assert theme["colors"] == DEFAULT_COLORS
    assert position_classes(theme) == "cc-layout-corner cc-pos-bottom-left"


def test_colours_become_custom_properties_per_scheme():
    theme = themed(
        {
            "colors": {
                "light": {"btnPrimaryBg": "#1A7F37", "btnPrimaryColor": "#fff"},
                "dark": {"bg": "#000000"},
            }
        }
    )["theme"]
    css = stylesheet(theme)
    light, dark = css.split("@media (prefers-color-scheme:dark)", 1)
    assert "--cc-btn-primary-bg:#1a7f37;" in light
    assert "--cc-btn-primary-color:#ffffff;" in light
    assert "--cc-bg:#ffffff;" in light  # what the theme leaves out stays as it was
    assert "--cc-bg:#000000;" in dark.split("}}")[0]
    assert "--cc-btn-primary-bg:#8cc0ff;" in dark.split("}}")[0]


def test_accept_and_reject_are_drawn_from_the_same_variables():
    css = stylesheet(site_config()["theme"])
    pair = ".cc-choice{flex:1 1 0;background:var(--cc-btn-primary-bg);"
    assert pair + "color:var(--cc-btn-primary-color)}" in css
    assert "accept" not in css.lower() and "reject" not in css.lower()


@pytest.mark.parametrize(
    ("modal", "classes", "top"),
    [
        (
            {"layout": "corner", "position": "bottom right"},
            "cc-layout-corner cc-pos-bottom-right",
            False,
        ),
        ({"layout": "box"}, "cc-layout-box cc-pos-bottom-center", False),
        ({"layout": "bar"}, "cc-layout-bar cc-pos-bottom", False),
        ({"layout": "bar", "position": "top"}, "cc-layout-bar cc-pos-top", True),
        ({"layout": "corner", "position": "top left"}, "cc-layout-corner cc-pos-top-left", True),
        ({"layout": "corner", "position": "top right"}, "cc-layout-corner cc-pos-top-right", True),
    ],
)
def test_layout_and_position_become_classes(modal, classes, top):
    theme = themed({"consentModal": modal})["theme"]
    assert position_classes(theme) == classes
    assert at_top(theme) is top


def test_css_variables_are_vanillas_names():
    assert css_variable("btnPrimaryBg") == "--cc-btn-primary-bg"
    assert css_variable("separatorBorderColor") == "--cc-separator-border-color"
    assert css_variable("bg") == "--cc-bg"


UNEQUAL = "Accept all and Reject all share one style"


@pytest.mark.parametrize(
    ("theme", "message"),
    [
        ("dark", "theme: must be an object"),
        ({"font": "serif"}, "theme.font: unknown key; use consentModal, colors"),
        # Any attempt to style one side of the choice pair apart, at any depth:
        (
            {"colors": {"light": {"acceptAllBg": "#000000"}}},
            "theme.colors.light.acceptAllBg: " + UNEQUAL,
        ),
        (
            {"colors": {"dark": {"btnRejectColor": "#ffffff"}}},
            "theme.colors.dark.btnRejectColor: " + UNEQUAL,
        ),
        ({"buttons": {"rejectAll": {"fontWeight": 400}}}, "theme.buttons.rejectAll: " + UNEQUAL),
        (
            {"consentModal": {"acceptButtonSize": "large"}},
            "theme.consentModal.acceptButtonSize: " + UNEQUAL,
        ),
        ({"acceptAll": {}}, "theme.acceptAll: " + UNEQUAL),
        (
            {"colors": {"light": {"btnPrimaryFontWeight": "400"}}},
            "theme.colors.light.btnPrimaryFontWeight: unknown key",
        ),
        ({"colors": {"sepia": {}}}, "theme.colors.sepia: unknown key; use light, dark"),
        ({"colors": {"light": "#ffffff"}}, "theme.colors.light: must be an object"),
        # Malformed colours:
        (
            {"colors": {"light": {"bg": "white"}}},
            "theme.colors.light.bg: must be a hex colour like #1d2433",
        ),
        (
            {"colors": {"dark": {"btnPrimaryBg": "#12345"}}},
            "theme.colors.dark.btnPrimaryBg: must be a hex",
        ),
        (
            {"colors": {"dark": {"toggleOnBg": "#12345g"}}},
            "theme.colors.dark.toggleOnBg: must be a hex",
        ),
        (
            {"colors": {"light": {"primaryColor": 0x1D2433}}},
            "theme.colors.light.primaryColor: must be a hex",
        ),
        ({"colors": {"light": {"bg": "#fff;}body{"}}}, "theme.colors.light.bg: must be a hex"),
        # Layouts and positions:
        (
            {"consentModal": {"layout": "cloud"}},
            "theme.consentModal.layout: must be one of corner, box, bar",
        ),
        ({"consentModal": {"layout": ["bar"]}}, "theme.consentModal.layout: must be one of"),
        (
            {"consentModal": {"layout": "bar", "position": "bottom left"}},
            "theme.consentModal.position: must be one of bottom, top for layout bar",
        ),
        (
            {"consentModal": {"position": "middle center"}},
            "theme.consentModal.position: must be one of bottom left, bottom right",
        ),
        # Contrast, checked on the colours the banner will really use:
        (
            {"colors": {"light": {"bg": "#777777"}}},
            "theme.colors.light: primaryColor #1d2433 on bg #777777 has contrast 3.46:1; "
            "text (WCAG 1.4.3) needs at least 4.5:1",
        ),
        (
            {"colors": {"light": {"secondaryColor": "#777777"}}},
            "theme.colors.light: secondaryColor #777777 on bg #ffffff has contrast 4.47:1",
        ),
        (
            {"colors": {"light": {"btnPrimaryBg": "#ffcc00"}}},
            "theme.colors.light: btnPrimaryColor #ffffff on btnPrimaryBg #ffcc00 "
            "has contrast 1.51:1",
        ),
        (
            {"colors": {"dark": {"btnSecondaryBg": "#eef1f5"}}},
            "theme.colors.dark: btnSecondaryColor #eef1f5 on btnSecondaryBg #eef1f5 "
            "has contrast 1.0:1",
        ),
        (
            {"colors": {"dark": {"toggleOffBg": "#2c3446"}}},
            "theme.colors.dark: toggleOffBg #2c3446 on bg #1b2130 has contrast 1.29:1; "
            "a switch track (WCAG 1.4.11) needs at least 3:1",
        ),
    ],
)
def test_bad_theme_is_refused_naming_the_field(theme, message):
    with pytest.raises(ConfigError) as refused:
        themed(theme)
    assert str(refused.value).startswith(message)


def test_a_colour_just_above_the_minimum_is_allowed():
    theme = parse_theme({"colors": {"light": {"secondaryColor": "#767676"}}})
    assert theme["colors"]["light"]["secondaryColor"] == "#767676"


def test_parse_does_not_modify_the_theme():
    raw = {"colors": {"light": {"bg": "#FFF"}}}
    parse_theme(raw)
    assert raw == {"colors": {"light": {"bg": "#FFF"}}}


@pytest.mark.parametrize(
    ("value", "parsed"),
    [
        ("#ABC", "#aabbcc"),
        ("#1d2433", "#1d2433"),
        ("1d2433", None),
        ("#abcd", None),
        ("#12345g", None),
        (None, None),
    ],
)
def test_parse_hex(value, parsed):
    assert parse_hex(value) == parsed


def test_contrast_ratio_matches_wcag():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21)
    assert contrast_ratio("#0b4f9c", "#0b4f9c") == pytest.approx(1)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
