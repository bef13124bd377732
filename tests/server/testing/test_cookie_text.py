import pytest

from server.testing.cookie_text import parse_cookie_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("_ga=GA1.1.2.3; max-age=63072000; path=/", ("_ga", "", False)),
        ("_fm_px=ab; Domain=.tracker.test; Path=/", ("_fm_px", "tracker.test", False)),
        ("_ga=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT", ("_ga", "", True)),
        ("_gid=; expires=Thu, 01 Jan 1970 00:00:00 GMT", ("_gid", "", True)),
        ("x=1; expires=not a date", ("x", "", False)),
        ("no-equals-sign", ("no-equals-sign", "", False)),
        ("=orphan", ("", "", False)),
    ],
)
def test_name_domain_and_removal(text, expected):
    parsed = parse_cookie_text(text)
    assert (parsed["name"], parsed["domain"], parsed["removal"]) == expected
