"""Sending each decision to the consent ledger, and keeping its receipt on the device.

The page never waits for the ledger: the choice is stored and applied first,
the post goes out with ``keepalive`` so it survives a navigation, and the
signed receipt the server answers with is the visitor's own proof.
"""

import javascript
from browser import window

from banner.names import RECEIPT_KEY

JSON = javascript.JSON
RECEIPT_FIELDS = ("recordId", "consentId", "action", "timestamp", "receipt")


def decision_body(state: dict, action: str, method: str, language: str) -> dict:
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
    }


def _keep_receipt(response) -> None:
    if not response.ok:
        window.console.warn("cookie consent: decision not logged, status", response.status)
        return
    response.json().then(
        lambda receipt: window.localStorage.setItem(
            RECEIPT_KEY, JSON.stringify({k: receipt[k] for k in RECEIPT_FIELDS})
        )
    )


def log_decision(origin: str, body: dict) -> None:
    request = {
        "method": "POST",
        "mode": "cors",
        "credentials": "omit",
        "keepalive": True,
        "headers": {"Content-Type": "application/json"},
        "body": JSON.stringify(body),
    }
    window.fetch(origin + "/api/consent", request).then(_keep_receipt).catch(
        lambda error: window.console.warn("cookie consent: decision not logged", error)
    )
