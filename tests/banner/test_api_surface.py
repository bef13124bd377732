"""The API we promise is vanilla-cookieconsent 3.1.0's, read from its own types.

``banner/names.py`` lists the methods and events the loader and the banner
offer; this compares that list with vanilla's ``types/index.d.ts`` (pinned in
package-lock.json), so a method or event vanilla has and we lack fails here.
The browser test e2e/test_vanilla_api.py checks the live object against it.
"""

import re

from banner.names import API_EVENTS, API_METHODS, DEFERRED_METHODS, READ_METHODS
from benchmarks.vanilla import PACKAGE

TYPES = PACKAGE / "types" / "index.d.ts"


def vanilla_methods(types: str) -> set:
    return set(re.findall(r"^\s*function (\w+)\s*[<(]", types, re.MULTILINE))


def vanilla_events(types: str) -> set:
    """Each page callback of ``run()`` (onConsent, …) is also a ``cc:`` event on window."""
    callbacks = re.findall(r"^\s*(on(?:FirstConsent|Consent|Change|Modal\w+))\?:", types, re.M)
    return {"cc:" + name for name in callbacks}


def test_every_vanilla_method_is_offered():
    methods = vanilla_methods(TYPES.read_text(encoding="utf-8"))
    assert len(methods) >= 19
    assert methods - set(API_METHODS) == set()


def test_every_vanilla_event_is_offered():
    events = vanilla_events(TYPES.read_text(encoding="utf-8"))
    assert "cc:onModalReady" in events
    assert events - set(API_EVENTS) == set()


def test_the_lists_name_nothing_vanilla_lacks():
    types = TYPES.read_text(encoding="utf-8")
    assert set(API_METHODS) == vanilla_methods(types)
    assert not set(READ_METHODS) & set(DEFERRED_METHODS)  # the loader answers or keeps each
    assert set(API_EVENTS) == vanilla_events(types)
