"""Reading a small JSON request body with the right status for each failure.

415 for the wrong media type, 413 for an oversized body, 400 for broken
JSON: callers can tell "you sent the wrong thing" from "you sent it wrong".
"""

import json
from typing import Any

from flask import request
from werkzeug.exceptions import RequestEntityTooLarge, UnsupportedMediaType

from .errors import InvalidField


def read_json_body(max_bytes: int) -> Any:
    """Parse the body as JSON, reading at most ``max_bytes`` of it."""
    if not request.is_json:
        raise UnsupportedMediaType("send the body as JSON with Content-Type: application/json")
    too_large = RequestEntityTooLarge(f"the body must be at most {max_bytes} bytes")
    # One byte of slack: werkzeug truncates a streamed (chunked) body at the
    # limit silently, so only reading past it tells "exactly full" from "over".
    request.max_content_length = max_bytes + 1
    try:
        raw = request.get_data(cache=False)
    except RequestEntityTooLarge:
        raise too_large from None
    if len(raw) > max_bytes:
        raise too_large
    try:
        return json.loads(raw)
    except (ValueError, RecursionError) as error:  # JSONDecodeError, bad UTF-8, huge ints
        raise InvalidField("body", f"is not valid JSON ({error})") from None
