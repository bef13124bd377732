"""The site config's ``theme``: the banner's colours and where its consent modal sits.

A theme cannot make the banner unfair or unreadable. "Accept all" and
"Reject all" get one style between them (the ``btnPrimary*`` colours), so
they cannot be styled apart, and a key that tries is refused by name (EDPB
cookie banner taskforce 2023). A text colour below 4.5:1 on its background
(WCAG 1.4.3), or a switch track below 3:1 (WCAG 1.4.11), is refused too.
"""

from banner.config_error import refuse, require
from banner.contrast import contrast_ratio, parse_hex
from banner.in_steps import finished

# Today's look. Keys are vanilla-cookieconsent v3's CSS variables in camelCase
# without ``--cc-``: ``btnPrimaryBg`` is ``--cc-btn-primary-bg``.
DEFAULT_COLORS = {
    "light": {
        "bg": "#ffffff",
        "primaryColor": "#1d2433",
        "secondaryColor": "#4a5365",
        "separatorBorderColor": "#d5d9e0",
        "btnPrimaryBg": "#0b4f9c",
        "btnPrimaryColor": "#ffffff",
        "btnSecondaryBg": "#eef1f5",
        "btnSecondaryColor": "#1d2433",
        "toggleOnBg": "#0b4f9c",
        "toggleOffBg": "#6b7385",
    },
    "dark": {
        "bg": "#1b2130",
        "primaryColor": "#eef1f5",
        "secondaryColor": "#c3c9d4",
        "separatorBorderColor": "#3a4357",
        "btnPrimaryBg": "#8cc0ff",
        "btnPrimaryColor": "#0d1422",
        "btnSecondaryBg": "#2c3446",
        "btnSecondaryColor": "#eef1f5",
        "toggleOnBg": "#8cc0ff",
        "toggleOffBg": "#9aa3b5",
    },
}
# The consent modal's positions per layout, default first (vanilla's guiOptions.consentModal).
POSITIONS = {
    "corner": ("bottom left", "bottom right", "top left", "top right"),
    "box": ("bottom center",),
    "bar": ("bottom", "top"),
}
DEFAULT_LAYOUT = "corner"
TEXT = "text (WCAG 1.4.3)"
TRACK = "a switch track (WCAG 1.4.11)"
# (foreground, background, minimum ratio, what the foreground is)
CONTRAST_PAIRS = (
    ("primaryColor", "bg", 4.5, TEXT),
    ("secondaryColor", "bg", 4.5, TEXT),
    ("btnPrimaryColor", "btnPrimaryBg", 4.5, TEXT),
    ("btnSecondaryColor", "btnSecondaryBg", 4.5, TEXT),
    ("toggleOnBg", "bg", 3, TRACK),
    ("toggleOffBg", "bg", 3, TRACK),
)
# A key naming either side of the choice pair could only style one apart from the other.
CHOICE_WORDS = ("accept", "reject")


def _refuse_unequal_choice_keys(raw, field: str) -> None:
    if not isinstance(raw, dict):
        return
    for key, value in raw.items():
        named = field + "." + key
        lowered = key.lower()
        for word in CHOICE_WORDS:  # a loop, not any(): Brython's generators are slow
            if word in lowered:
                refuse(
                    named,
                    "Accept all and Reject all share one style (btnPrimaryBg, btnPrimaryColor); "
                    "a key that styles one of them apart is refused",
                )
        _refuse_unequal_choice_keys(value, named)


def _object(raw, field: str, allowed) -> dict:
    """``raw`` as an object with only ``allowed`` keys (missing means empty)."""
    if raw is None:
        raw = {}
    require(isinstance(raw, dict), field, "must be an object")
    for key in raw:
        if key not in allowed:  # worded only when refused
            refuse(field + "." + key, "unknown key; use " + ", ".join(allowed))
    return raw


def _floor2(ratio: float) -> str:
    """Rounded down, so a ratio just short of the minimum never prints as the minimum."""
    return str(int(ratio * 100) / 100)


def _too_low(palette: dict, fg: str, bg: str, ratio: float, minimum, what: str) -> str:
    return (
        f"{fg} {palette[fg]} on {bg} {palette[bg]} has contrast {_floor2(ratio)}:1; "
        f"{what} needs at least {minimum}:1"
    )


def _palette_in_steps(raw, scheme: str):
    """A palette's colours, then (a step later) their contrast checked."""
    field = "theme.colors." + scheme
    palette = dict(DEFAULT_COLORS[scheme])
    for key, value in _object(raw, field, list(palette)).items():
        colour = parse_hex(value)
        require(colour is not None, field + "." + key, "must be a hex colour like #1d2433")
        palette[key] = colour
    yield
    for fg, bg, minimum, what in CONTRAST_PAIRS:
        ratio = contrast_ratio(palette[fg], palette[bg])
        if ratio < minimum:  # worded only when refused
            refuse(field, _too_low(palette, fg, bg, ratio, minimum, what))
    return palette


def parse_theme(raw) -> dict:
    """Validate ``theme`` and fill in today's look for whatever it leaves out."""
    return finished(theme_in_steps(raw))


def theme_in_steps(raw):
    """``parse_theme`` in steps, two a palette (its colours, their contrast): under
    Brython the theme's check took as long as the rest of the config's."""
    _refuse_unequal_choice_keys(raw, "theme")
    theme = _object(raw, "theme", ("consentModal", "colors"))
    modal = _object(theme.get("consentModal"), "theme.consentModal", ("layout", "position"))
    layout = modal.get("layout", DEFAULT_LAYOUT)
    require(
        isinstance(layout, str) and layout in POSITIONS,
        "theme.consentModal.layout",
        "must be one of " + ", ".join(POSITIONS),
    )
    position = modal.get("position", POSITIONS[layout][0])
    require(
        position in POSITIONS[layout],
        "theme.consentModal.position",
        "must be one of " + ", ".join(POSITIONS[layout]) + " for layout " + layout,
    )
    colors = _object(theme.get("colors"), "theme.colors", list(DEFAULT_COLORS))
    palettes = {}
    for scheme in DEFAULT_COLORS:
        palettes[scheme] = yield from _palette_in_steps(colors.get(scheme), scheme)
    return {"consentModal": {"layout": layout, "position": position}, "colors": palettes}
