"""WCAG 2.x contrast between two sRGB colours, to refuse themes nobody can read.

The site config is checked with it twice: by the server at start-up and by
the banner before it draws anything.
"""

HEX_DIGITS = "0123456789abcdef"


def parse_hex(value):
    """``#rgb`` or ``#rrggbb`` (any case) as lowercase ``#rrggbb``; anything else is None."""
    if not isinstance(value, str) or not value.startswith("#"):
        return None
    digits = value[1:].lower()
    if len(digits) == 3:
        digits = "".join(ch + ch for ch in digits)
    if len(digits) != 6 or digits.strip(HEX_DIGITS):  # leaves what is not hex, in one call
        return None
    return "#" + digits


def _linear(pair: str) -> float:
    c = int(pair, 16) / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """Relative luminance of a ``#rrggbb`` colour: 0 for black, 1 for white."""
    r, g, b = [_linear(colour[i : i + 2]) for i in (1, 3, 5)]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """From 1 (same colour) to 21 (black on white); the order of a and b does not matter."""
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)
