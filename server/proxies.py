"""Which address a request came from, when reverse proxies stand in front.

``X-Forwarded-For`` is a list anyone can write: believed blindly (or by hop
count, as Werkzeug's ``ProxyFix`` does), a client that reaches the server
directly picks its own address, escapes its rate limit and plants that
address in the ledger. So the header counts only when the connection comes
from a configured proxy address or network (``TRUSTED_PROXIES``), and it is
read from the right: the client is the nearest hop that is not a trusted
proxy itself. ``X-Forwarded-Proto`` is taken from a trusted proxy only.
"""

import ipaddress
import re
from collections.abc import Callable
from typing import Any

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(value: Any) -> tuple[Network, ...]:
    """``"10.0.0.0/8, 127.0.0.1"`` or a list -> networks; a hop count is refused."""
    if value in (None, "", 0, []):
        return ()
    if isinstance(value, int):
        raise ValueError(
            "TRUSTED_PROXIES takes the proxies' addresses or networks (like 10.0.0.0/8), "
            "not a number of hops: a count lets anyone who reaches the server directly "
            "forge X-Forwarded-For"
        )
    items = re.split(r"[\s,]+", value) if isinstance(value, str) else list(value)
    try:
        return tuple(ipaddress.ip_network(item, strict=False) for item in items if item)
    except ValueError as error:
        raise ValueError(f"TRUSTED_PROXIES: {error}") from None


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _is_trusted(address: Any, networks: tuple[Network, ...]) -> bool:
    return address is not None and any(address in network for network in networks)


def client_address(peer: str, forwarded_for: str, networks: tuple[Network, ...]) -> str:
    """The client's address, given the connection's peer and its X-Forwarded-For header."""
    client = peer
    if not _is_trusted(_address(peer), networks):
        return client
    for hop in reversed(forwarded_for.split(",")) if forwarded_for else ():
        address = _address(hop)
        if address is None:
            break  # garbage from beyond the proxies: the last proxy's peer is all we know
        client = address.compressed
        if not _is_trusted(address, networks):
            break
    return client


class TrustedProxies:
    """WSGI middleware setting REMOTE_ADDR (and the scheme) from trusted proxies only."""

    def __init__(self, app: Callable[..., Any], networks: tuple[Network, ...]) -> None:
        self.app = app
        self.networks = networks

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        peer = environ.get("REMOTE_ADDR", "")
        forwarded = environ.get("HTTP_X_FORWARDED_FOR", "")
        environ["REMOTE_ADDR"] = client_address(peer, forwarded, self.networks)
        proto = environ.get("HTTP_X_FORWARDED_PROTO", "").split(",")[-1].strip().lower()
        if proto in ("http", "https") and _is_trusted(_address(peer), self.networks):
            environ["wsgi.url_scheme"] = proto
        return self.app(environ, start_response)
