"""Unsent decisions: kept safely, one per key, bounded, dropped once the server has answered."""

import json

import pytest

from banner import outbox


def decision(key: str) -> dict:
    return {"consentId": "c", "action": "accept_all", outbox.KEY_FIELD: key}


@pytest.mark.parametrize(
    "text", [None, "", "not json", "{}", '"x"', "[1, null]", '[{"action": "x"}]', "[{"]
)
def test_garbled_storage_means_nothing_unsent(text):
    assert outbox.read(text, json.loads) == []


def test_stored_decisions_read_back():
    unsent = [decision("a"), decision("b")]
    assert outbox.read(json.dumps(unsent), json.loads) == unsent


def test_a_decision_is_kept_once_per_key_and_taken_off_by_its_key():
    unsent = outbox.with_decision([], decision("a"))
    unsent = outbox.with_decision(unsent, decision("b"))
    assert outbox.with_decision(unsent, decision("a")) == [decision("b"), decision("a")]
    assert outbox.without(unsent, "a") == [decision("b")]


def test_the_oldest_go_beyond_the_bound():
    unsent = []
    for n in range(outbox.MAX_UNSENT + 5):
        unsent = outbox.with_decision(unsent, decision(str(n)))
    assert len(unsent) == outbox.MAX_UNSENT
    assert unsent[0][outbox.KEY_FIELD] == "5"


@pytest.mark.parametrize(
    ("status", "final"),
    [(201, True), (200, True), (400, True), (409, True), (413, True)]
    + [(0, False), (408, False), (429, False), (500, False), (503, False)],
)
def test_only_a_final_answer_settles_a_decision(status, final):
    assert outbox.settled(status) is final
