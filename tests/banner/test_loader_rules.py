"""The loader's copies of Python rules (``banner/loader_rules.js``) against the Python.

The loader's own JavaScript runs here in V8, the engine the build already
uses, over one table of inputs per rule, so the copy is checked, not restated.
Each rule's table is also run against broken copies of the JavaScript, as a
careless edit would make them: the table must catch every one.
"""

import itertools
import json

import pytest
from py_mini_racer import JSEvalException, MiniRacer

from banner.activation import should_activate
from banner.consent import accepted_category, accepted_service
from banner.cookie import read_cookie
from banner.language import choose_language, match_language
from tests.support import REPO

RULES = REPO / "banner" / "loader_rules.js"
AVAILABLE = [["nl", "en"], ["en"], ["pt", "pt-br"], []]
TAGS = [
    None,
    42,
    "",
    "  ",
    "nl",
    "NL",
    " nl ",
    "nl-BE",
    "nl_NL",
    "NL-be",
    "en-GB",
    "en_us",
    "fr",
    "fr-FR",
    "pt-BR",
    "pt_br",
    "pt",
    "-",
    "nl-",
    "x-nl",
    "constructor",
    "__proto__",
]
HINT_LISTS = [list(h) for h in itertools.product([None, "", "fr", "en-US", "NL"], repeat=3)]
NAME = "cc_cookie"
HEADERS = [
    None,
    "",
    "cc_cookie=abc",
    "a=1; cc_cookie=x%7B%7D",
    "cc_cookie=1; a=2",
    "xcc_cookie=1",
    "cc_cookie_old=1",
    "cc_cookie2=1; cc_cookie=2",
    "cc_cookie",
    "cc_cookie=",
    " cc_cookie = v",
    "cc_cookie =v",
    "cc_cookie=a=b",
    "cc_cookie=1; cc_cookie=2",
    "a=1;cc_cookie=3",
    "CC_COOKIE=1",
    ";;cc_cookie=4;",
    "=cc_cookie",
    "a=cc_cookie=5",
]
CHOICES = [
    {},
    {"necessary": []},
    {"necessary": [], "analytics": ["google-analytics"]},
    {"necessary": [], "marketing": ["video-embed"]},
    {
        "necessary": [],
        "analytics": ["google-analytics"],
        "marketing": ["tracking-pixel", "video-embed"],
    },
]
CATEGORIES = [
    None,
    "necessary",
    "analytics",
    "marketing",
    "ads",
    "",
    "!analytics",
    "!marketing",
    "constructor",
    "__proto__",
]
SERVICES = [None, "", "google-analytics", "video-embed", "tracking-pixel", "!video-embed", "other"]


class Rules:
    """One V8 context that has run a copy of ``loader_rules.js``."""

    def __init__(self, source: str) -> None:
        self._v8 = MiniRacer()
        self._v8.eval(source)

    def __call__(self, function: str, *args):
        """The function's answer; a thrown error answers differently from any Python value."""
        try:
            return self._v8.eval(f"{function}({', '.join(json.dumps(a) for a in args)})")
        except JSEvalException as error:
            return ("threw", str(error))


def language_mismatches(js: Rules) -> list:
    found = [
        ("matchLanguage", tag, available)
        for tag, available in itertools.product(TAGS, AVAILABLE)
        if js("matchLanguage", tag, available) != match_language(tag, available)
    ]
    found += [
        ("chooseLanguage", hints)
        for hints in HINT_LISTS
        if js("chooseLanguage", hints, ["nl", "en"], "en")
        != choose_language(hints, ["nl", "en"], "en")
    ]
    return found


def cookie_mismatches(js: Rules) -> list:
    return [h for h in HEADERS if js("readCookie", h, NAME) != read_cookie(h, NAME)]


def unlock_mismatches(js: Rules) -> list:
    return [
        (choice, category, service)
        for choice, category, service in itertools.product(CHOICES, CATEGORIES, SERVICES)
        if js("unlocks", choice, category, service)
        is not should_activate(category, service, choice, {})
    ]


def accepted_mismatches(js: Rules) -> list:
    found = [
        (choice, category)
        for choice, category in itertools.product(CHOICES, CATEGORIES + [42, ["analytics"]])
        if js("acceptedCategory", choice, category) is not accepted_category(choice, category)
    ]
    return found + [
        (choice, category, service)
        for choice, category, service in itertools.product(CHOICES, CATEGORIES, SERVICES)
        if js("acceptedService", choice, service, category)
        is not accepted_service(choice, service, category)
    ]


CHECKS = {
    "language": language_mismatches,
    "cookie": cookie_mismatches,
    "unlock": unlock_mismatches,
    "accepted": accepted_mismatches,
}
# Edits that change a rule's meaning: (check, text in loader_rules.js, replacement).
BROKEN_COPIES = [
    ("language", ".toLowerCase()", ""),
    ("language", '.replace(/_/g, "-")', ""),
    ("language", ".trim()", ""),
    ("language", 'var candidates = [tag, tag.split("-")[0]];', "var candidates = [tag];"),
    ("language", "[tag, tag.split(", "[tag.split("),
    ("cookie", "part.slice(0, at) === name", "part.slice(0, at).indexOf(name) === 0"),
    ("cookie", "parts[i].trim()", "parts[i]"),
    (
        "cookie",
        'var part = parts[i].trim(), at = part.indexOf("=");',
        'var part = parts[i].trim(), at = part.lastIndexOf("=");',
    ),
    ("unlock", "services !== null && ", ""),
    ("unlock", "(!service || ", "(service === null || "),
    ("accepted", 'typeof name === "string" && ', ""),
    ("accepted", "choice[category].indexOf(service) >= 0", "choice[category].length > 0"),
]


@pytest.fixture(scope="module")
def source() -> str:
    return RULES.read_text(encoding="utf-8")


@pytest.mark.parametrize("check", CHECKS)
def test_the_loader_decides_as_python_does(source, check):
    assert CHECKS[check](Rules(source)) == []


@pytest.mark.parametrize(("check", "text", "replacement"), BROKEN_COPIES)
def test_each_table_catches_a_broken_copy(source, check, text, replacement):
    assert text in source, f"{RULES.name} no longer holds {text!r}: update this table"
    assert CHECKS[check](Rules(source.replace(text, replacement))) != []


def test_the_loader_is_built_with_these_rules():
    from bundler.loader import source_text

    loader = source_text()
    for function in ("matchLanguage", "chooseLanguage", "readCookie", "unlocks", "acceptedService"):
        assert f"function {function}(" in loader
    assert "NAMES." not in loader.split("*/", 1)[1]  # every shared name written in
