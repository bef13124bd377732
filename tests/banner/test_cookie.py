import json

import pytest

from banner.consent import accept_all, new_state
from banner.cookie import (
    cookie_names,
    decode_value,
    domain_variants,
    encode_value,
    expire_cookie_strings,
    matches,
    names_to_erase,
    path_variants,
    read_cookie,
    read_cookies,
    set_cookie_string,
)
from tests.support import (
    CONSENT_ID,
    NOW,
    decode_uri_component,
    encode_uri_component,
    site_config,
)


def _codec_roundtrip(state):
    raw = encode_value(state, json.dumps, encode_uri_component)
    return raw, decode_value(raw, json.loads, decode_uri_component)


def test_state_roundtrips_through_the_vanilla_v3_format():
    state = new_state(site_config(), accept_all(site_config()), None, CONSENT_ID, NOW, "nl")
    raw, decoded = _codec_roundtrip(state)
    assert raw.startswith("%7B%22categories%22")
    assert ";" not in raw and " " not in raw
    assert decoded == state


@pytest.mark.parametrize(
    "raw",
    [None, "", "garbage", "%7B%22a", "%E0%A4%A", "%5B1%2C2%5D", "null", "42", "%22text%22"],
)
def test_garbled_or_foreign_values_decode_to_no_consent(raw):
    assert decode_value(raw, json.loads, decode_uri_component) is None


def test_read_cookie_finds_exact_names_only():
    header = "cc_cookie_old=1; cc_cookie=abc%3D; _ga=GA1.1"
    assert read_cookie(header, "cc_cookie") == "abc%3D"
    assert read_cookie(header, "cc") is None
    assert read_cookie("", "cc_cookie") is None
    assert cookie_names(header) == ["cc_cookie_old", "cc_cookie", "_ga"]


def test_consent_cookie_is_lax_first_party_and_secure_on_https():
    settings = site_config()["cookie"]
    plain = set_cookie_string("cc_cookie", "v", settings, secure=False)
    assert plain == "cc_cookie=v; Path=/; Max-Age=15724800; SameSite=Lax"
    secure = set_cookie_string("cc_cookie", "v", dict(settings, domain="example.com"), secure=True)
    assert secure.endswith("; Domain=example.com; SameSite=Lax; Secure")


@pytest.mark.parametrize(
    ("name", "pattern", "expected"),
    [
        ("_ga", "_ga", True),
        ("_ga_ABC123", "_ga_*", True),
        ("_ga", "_ga_*", False),
        ("_gat", "_ga", False),
        ("x_fbp_y", "*_fbp_*", True),
        ("ab", "a*b*", True),
        ("aXb", "a*b", True),
        ("ab", "a*ab", False),
    ],
)
def test_glob_patterns(name, pattern, expected):
    assert matches(name, pattern) is expected


def test_names_to_erase_covers_patterns_and_leaves_the_rest():
    present = ["_ga", "_ga_DEMO", "_gid", "cc_cookie", "fm_lang", "_gat"]
    assert names_to_erase(present, ["_ga", "_ga_*", "_gid"]) == ["_ga", "_ga_DEMO", "_gid"]


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("www.shop.example.com", ["", "www.shop.example.com", ".shop.example.com", ".example.com"]),
        ("example.com", ["", "example.com"]),
        ("localhost", [""]),
        ("127.0.0.1", [""]),
    ],
)
def test_domain_variants(host, expected):
    assert domain_variants(host) == expected


def test_expiry_strings_cover_each_domain_and_path():
    texts = expire_cookie_strings("_ga", "www.example.com", path_variants("/en/product/x", ["/"]))
    assert len(texts) == 3 * 3
    expected = "_ga=; Path=/en/product; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT"
    assert expected + "; Domain=.example.com" in texts
    assert all(t.startswith("_ga=; Path=/") for t in texts)


def test_expiring_also_covers_the_domains_a_caller_names():
    strings = expire_cookie_strings("_ga", "localhost", ["/"], [".example.com"])
    assert strings[-1].endswith("; Domain=.example.com")
    assert len(strings) == 2


def test_every_copy_of_a_cookie_is_read():
    assert read_cookies("cc_cookie=a; x=1; cc_cookie=b", "cc_cookie") == ["a", "b"]
    assert read_cookies("", "cc_cookie") == []
