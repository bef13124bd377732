"""Canonical JSON: orjson writes the bytes of the documented stdlib rule."""

import json

import pytest

from server.canonical import canonical_json
from server.settings import DEFAULT_SITE_CONFIG
from server.site_config import load_site


def stdlib_rule(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


TRICKY = [
    {"b": 1, "a": [True, False, None], "é": "ü", "Z": {"y": "x", "x": "y"}},
    {"quote": '"', "backslash": "\\", "controls": "\x00\x01\x08\t\n\x0c\r\x1f\x7f"},
    {"separators": "\u2028\u2029", "astral": "😀𝄞", "bmp": "\uffff", "": ""},
    {"ints": [0, -1, 2**53, -(2**63), 2**63 - 1], "nested": [[[]], {}]},
    {"keys in code-point order": {"a": 1, "B": 2, "é": 3, "z": 4, "😀": 5, "\uffff": 6}},
]


@pytest.mark.parametrize("value", TRICKY)
def test_orjson_matches_the_documented_rule(value):
    assert canonical_json(value) == stdlib_rule(value)


def test_the_shipped_site_texts_hash_as_before():
    site = load_site(DEFAULT_SITE_CONFIG)
    for lang in site.languages:
        assert canonical_json(site.localized(lang)) == stdlib_rule(site.localized(lang))
    assert canonical_json(site.config) == stdlib_rule(site.config)
