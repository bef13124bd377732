"""The page a decision was made on: a valid http(s) URL, kept without query or fragment.

The ledger stores it and hands it back in exports and on the policy page,
so it must be what a browser's ``location.href`` gives: an ASCII host name
or IP literal and a percent-encoded path. Anything else (``http://%00/``, a
host with a space, raw markup in the path) is refused, not stored. Query
strings, fragments and credentials often carry personal data and are
dropped.
"""

import ipaddress
import re
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ..errors import InvalidField

FIELD = "pageUrl"
PAGE_URL_MAX = 2048
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
# RFC 3986 path characters, with every % starting an escape.
_PATH = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$")


def _host(host: str) -> str:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None:
        return f"[{address.compressed}]" if address.version == 6 else address.compressed
    labels = host.rstrip(".").split(".")
    if len(host) > 253 or not all(_LABEL.match(label) for label in labels):
        raise InvalidField(FIELD, "has a host that is not a valid domain name or IP address")
    return host


def parse_page_url(value: Any) -> str | None:
    """The stored form of a posted ``pageUrl``; None when there is none."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InvalidField(FIELD, "must be a string")
    if len(value) > PAGE_URL_MAX:
        raise InvalidField(FIELD, f"must be at most {PAGE_URL_MAX} characters")
    try:
        parts = urlsplit(value.strip())
        host = parts.hostname
        port = parts.port
    except ValueError:
        raise InvalidField(FIELD, "is not a valid URL") from None
    if parts.scheme not in ("http", "https") or not host:
        raise InvalidField(FIELD, "must be an absolute http or https URL")
    netloc = _host(host)
    if port is not None:
        netloc = f"{netloc}:{port}"
    if not _PATH.match(parts.path):
        raise InvalidField(FIELD, "has a path with characters a URL must percent-encode")
    return urlunsplit((parts.scheme, netloc, parts.path or "/", "", ""))
