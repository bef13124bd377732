import pytest

from server.consent.anonymize import USER_AGENT_MAX, shorten_user_agent, truncate_ip


@pytest.mark.parametrize(
    ("address", "stored"),
    [
        ("203.0.113.197", "203.0.113.0"),
        ("10.1.2.3", "10.1.2.0"),
        ("2001:db8:abcd:12:34:56:78:9a", "2001:db8:abcd::"),
        ("2001:0db8:abcd:ffff::1", "2001:db8:abcd::"),
        ("::ffff:198.51.100.23", "198.51.100.0"),
        ("fe80::1%eth0", "fe80::"),
        ("::1", "::"),
        ("not-an-ip", None),
        ("", None),
        (None, None),
    ],
)
def test_ip_is_truncated_before_storage(address, stored):
    assert truncate_ip(address) == stored


def test_user_agent_is_bounded():
    assert shorten_user_agent("x" * 5000) == "x" * USER_AGENT_MAX
    assert shorten_user_agent("") is None
