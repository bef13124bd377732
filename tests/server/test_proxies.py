"""X-Forwarded-For counts only from configured proxies; a forged one changes nothing."""

import ipaddress

import pytest
from sqlalchemy import select

from server import create_app, db
from server.consent import ConsentRecord
from server.proxies import client_address, parse_networks

PROXIES = parse_networks("10.0.0.0/8, 2001:db8:ff::1")


@pytest.mark.parametrize(
    ("peer", "forwarded", "client"),
    [
        ("203.0.113.5", "198.51.100.77", "203.0.113.5"),  # direct: the header is a lie
        ("10.0.0.1", "198.51.100.77", "198.51.100.77"),
        ("10.0.0.1", "1.2.3.4, 198.51.100.77", "198.51.100.77"),  # the client prepended 1.2.3.4
        ("10.0.0.1", "198.51.100.77, 10.0.0.9", "198.51.100.77"),  # two proxies of ours
        ("10.0.0.1", "10.0.0.7", "10.0.0.7"),
        ("10.0.0.1", "", "10.0.0.1"),
        ("10.0.0.1", "not-an-ip", "10.0.0.1"),
        ("10.0.0.1", "198.51.100.77, <script>", "10.0.0.1"),
        ("2001:db8:ff::1", "2001:DB8::7", "2001:db8::7"),
    ],
)
def test_the_client_is_the_nearest_hop_that_is_not_a_trusted_proxy(peer, forwarded, client):
    assert client_address(peer, forwarded, PROXIES) == client


@pytest.mark.parametrize("value", [1, 2, "1.2.3.4/99", "proxy.example"])
def test_a_hop_count_or_a_bad_network_stops_start_up(app_config, value):
    with pytest.raises(ValueError, match="TRUSTED_PROXIES"):
        create_app({**app_config, "TRUSTED_PROXIES": value})


def test_parse_networks_takes_lists_and_strings():
    assert parse_networks(["10.0.0.0/8"]) == (ipaddress.ip_network("10.0.0.0/8"),)
    assert parse_networks("") == ()


def test_a_forged_header_from_a_direct_client_neither_escapes_the_limit_nor_is_stored(
    app_config, make_decision
):
    app = create_app(
        {
            **app_config,
            "TRUSTED_PROXIES": "10.0.0.1",
            "RATELIMIT_ENABLED": True,
            "RATE_LIMIT_CONSENT": "3 per minute",
        }
    )
    client = app.test_client()
    statuses = [
        client.post(
            "/api/consent",
            json=make_decision(),
            headers={"X-Forwarded-For": f"198.51.100.{n}"},
            environ_base={"REMOTE_ADDR": "203.0.113.5"},
        ).status_code
        for n in range(10)
    ]
    assert statuses == [201] * 3 + [429] * 7
    via_proxy = client.post(
        "/api/consent",
        json=make_decision(),
        headers={"X-Forwarded-For": "198.51.100.77"},
        environ_base={"REMOTE_ADDR": "10.0.0.1"},
    )
    assert via_proxy.status_code == 201
    with app.app_context():
        decisions = select(ConsentRecord.ip).where(ConsentRecord.action != "published")
        ips = db.session.scalars(decisions.order_by(ConsentRecord.id)).all()
        db.engine.dispose()
    assert ips == ["203.0.113.0"] * 3 + ["198.51.100.0"]


@pytest.mark.parametrize(("peer", "scheme"), [("10.0.0.1", "https"), ("203.0.113.5", "http")])
def test_the_scheme_comes_from_a_trusted_proxy_only(app_config, peer, scheme):
    """The policy page links to the ledger with absolute URLs: they must not be downgraded."""
    client = create_app({**app_config, "TRUSTED_PROXIES": "10.0.0.1"}).test_client()
    page = client.get(
        "/privacy?lang=en",
        headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.77"},
        environ_base={"REMOTE_ADDR": peer},
    ).get_data(as_text=True)
    assert f"{scheme}://localhost/api/consent/" in page
