"""Sending each decision to the consent ledger, and keeping its receipt on the device.

The page never waits for the ledger: the choice is stored and applied first,
the post goes out with ``keepalive`` so it survives a navigation, and the
signed receipt the server answers with is the visitor's own proof. A post
that gets no answer for good stays in ``cc_unsent`` (``outbox.py``) and is
sent again by the next page; its idempotency key makes every attempt one
record. The first record's answer brings the visitor's access key, kept in
``cc_access``: with it, and only with it, the visitor opens their records.
"""

import javascript
from browser import window

from banner import outbox
from banner.names import ACCESS_KEY, RECEIPT_KEY, UNSENT_KEY

JSON = javascript.JSON
RECEIPT_FIELDS = ("recordId", "consentId", "action", "timestamp", "receipt")


def decision_body(state: dict, action: str, method: str, language: str, key: str) -> dict:
    """The ``POST /api/consent`` body for ``state``; ``method`` says how it was collected."""
    location = window.location
    return {
        "consentId": state["consentId"],
        "action": action,
        "categories": state["categories"],
        "services": {c: state["services"][c] for c in state["categories"]},
        "revision": state["revision"],
        "language": language,
        "pageUrl": location.origin + location.pathname,
        "method": method,
        outbox.KEY_FIELD: key,
    }


def _store(name: str, value) -> None:
    """Write (or with None remove) one item; storage may be blocked or full."""
    try:
        if value is None:
            window.localStorage.removeItem(name)
        else:
            window.localStorage.setItem(name, JSON.stringify(value))
    except Exception as error:  # a DOMException
        window.console.warn("cookie consent: could not keep", name, error)


def _unsent() -> list:
    try:
        text = window.localStorage.getItem(UNSENT_KEY)
    except Exception:  # storage blocked: nothing was kept either
        return []
    return outbox.read(text, JSON.parse)


def _update_unsent(change) -> None:
    """Re-read before each change: another tab of the site may have changed it."""
    unsent = change(_unsent())
    _store(UNSENT_KEY, unsent or None)


def _keep_answer(answer) -> None:
    _store(RECEIPT_KEY, {k: answer[k] for k in RECEIPT_FIELDS})
    access_key = getattr(answer, "accessKey", None)  # a JS object: only the first record has it
    if access_key:
        _store(ACCESS_KEY, {"consentId": answer["consentId"], "accessKey": access_key})


def _answered(response, key: str) -> None:
    if outbox.settled(response.status):
        _update_unsent(lambda unsent: outbox.without(unsent, key))
    if not response.ok:
        window.console.warn("cookie consent: decision not logged, status", response.status)
        return
    response.json().then(_keep_answer)


def _send(origin: str, body: dict) -> None:
    request = {
        "method": "POST",
        "mode": "cors",
        "credentials": "omit",
        "keepalive": True,
        "headers": {"Content-Type": "application/json"},
        "body": JSON.stringify(body),
    }
    key = body[outbox.KEY_FIELD]
    window.fetch(origin + "/api/consent", request).then(lambda r: _answered(r, key)).catch(
        lambda error: window.console.warn("cookie consent: decision kept to send later", error)
    )


def log_decision(origin: str, body: dict) -> None:
    """Keep the decision as unsent, then send it; the answer takes it off the list."""
    _update_unsent(lambda unsent: outbox.with_decision(unsent, body))
    _send(origin, body)


def send_unsent(origin: str) -> None:
    """Send again what earlier pages could not get stored."""
    for body in _unsent():
        _send(origin, body)
