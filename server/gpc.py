"""Global Privacy Control as the server sees it: the ``Sec-GPC`` request header.

Some browsers and extensions send only the header, without
``navigator.globalPrivacyControl``; the server is the one place that sees it.
"""

from flask import request

HEADER = "Sec-GPC"


def requested() -> bool:
    """True when this request carries ``Sec-GPC: 1``, the only value the spec defines."""
    return request.headers.get(HEADER, "").strip() == "1"
