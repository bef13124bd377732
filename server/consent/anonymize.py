"""Personal data is cut down before it is stored, never afterwards.

A full IP address identifies a household; the truncated one still shows
roughly where a decision came from, which is all a consent proof needs.
"""

import ipaddress

USER_AGENT_MAX = 512


def truncate_ip(address: str | None) -> str | None:
    """Zero the last IPv4 octet or keep an IPv6 address's /48 network prefix."""
    if not address:
        return None
    try:
        ip = ipaddress.ip_address(address.strip().split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False).network_address)


def shorten_user_agent(user_agent: str | None) -> str | None:
    """Keep enough of the user agent to recognise the browser, bounded in size."""
    if not user_agent:
        return None
    return user_agent[:USER_AGENT_MAX]
