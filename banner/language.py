"""Which language the banner speaks: a pure choice from the page's hints."""


def primary_subtag(tag) -> str:
    """'nl-NL' -> 'nl'; anything that is not a usable tag -> ''."""
    if not isinstance(tag, str):
        return ""
    return tag.strip().replace("_", "-").split("-")[0].lower()


def choose_language(hints: list, available: list, default: str) -> str:
    """First hint the config has texts for, in the order the caller ranks them.

    The DOM layer passes ``[script data-lang, <html lang>, navigator.language]``
    so an explicit choice by the site owner beats the page, and the page beats
    the browser.
    """
    for hint in hints:
        lang = primary_subtag(hint)
        if lang in available:
            return lang
    return default
