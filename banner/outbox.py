"""Decisions the ledger has not stored yet, kept on the device until it has.

The choice itself never waits for the ledger: it is applied and kept in
``cc_cookie`` at once. Its proof is a record on the consent server, so a
post that fails (server down, network gone, page closed) stays in
``localStorage["cc_unsent"]`` and goes out again on a later page until the
server answers for good. Each decision carries its own idempotency key, so
however often it is sent, the ledger stores it once.

Pure: the DOM layer (``ledger_client``) passes in the stored text and the
JSON functions.
"""

# Enough for any visitor's honest history between two stored ones; bounded so
# a server that is down for weeks cannot fill the device's storage.
MAX_UNSENT = 20
KEY_FIELD = "idempotencyKey"
# Answers after which trying again cannot help or is not wanted.
_RETRY_STATUSES = (408, 425, 429)


def read(text, loads) -> list:
    """The unsent decisions stored as ``text``; [] for none or for anything garbled."""
    if not text:
        return []
    try:
        stored = loads(text)
    except Exception:  # whatever the parser raises, garbage means none
        return []
    if not isinstance(stored, list):
        return []
    return [b for b in stored if isinstance(b, dict) and isinstance(b.get(KEY_FIELD), str)]


def with_decision(unsent: list, body: dict) -> list:
    """``unsent`` and ``body``, the oldest dropped beyond MAX_UNSENT."""
    kept = [b for b in unsent if b[KEY_FIELD] != body[KEY_FIELD]] + [body]
    return kept[-MAX_UNSENT:]


def without(unsent: list, key: str) -> list:
    return [body for body in unsent if body[KEY_FIELD] != key]


def settled(status: int) -> bool:
    """Has the server answered for good? Stored (2xx), or refused in a way a retry repeats (4xx)."""
    if 200 <= status < 300:
        return True
    return 400 <= status < 500 and status not in _RETRY_STATUSES
