"""Which language the banner and the policy speak: a pure choice from hints.

One rule for every part: the banner (hints from the page), the server's
``/api/config`` and policy pages (``?lang=``), and the loader's copy in
``banner/loader_rules.js``.
"""


def match_language(tag, available: list) -> str | None:
    """``nl``, ``NL``, ``nl-BE`` or ``nl_NL`` onto an offered language, else None.

    The whole tag first, so a site that offers ``pt-br`` beside ``pt`` keeps them apart.
    """
    if not isinstance(tag, str):
        return None
    tag = tag.strip().lower().replace("_", "-")
    for candidate in (tag, tag.split("-")[0]):
        if candidate and candidate in available:
            return candidate
    return None


def choose_language(hints: list, available: list, default: str) -> str:
    """First hint the config has texts for, in the order the caller ranks them.

    The DOM layer passes ``[script data-lang, <html lang>, navigator.language]``
    so an explicit choice by the site owner beats the page, and the page beats
    the browser.
    """
    for hint in hints:
        lang = match_language(hint, available)
        if lang:
            return lang
    return default
