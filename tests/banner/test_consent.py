import pytest

from banner.consent import (
    accept_all,
    action_for,
    changes,
    choice_of,
    is_older_revision,
    is_uuid4,
    new_state,
    newest,
    normalize_choice,
    preferences,
    read_state,
    reject_all,
    uuid4_from_bytes,
    withdrawn,
    without_gpc,
)
from banner.timestamps import MS_PER_DAY
from tests.support import CONSENT_ID, NOW, site_config

CONFIG = site_config()
ANALYTICS_ONLY = {"analytics": ["google-analytics"]}


def state_for(choice, previous=None, now=NOW):
    return new_state(CONFIG, choice, previous, CONSENT_ID, now, "en")


def test_new_state_has_every_contract_field():
    state = state_for(ANALYTICS_ONLY)
    assert state == {
        "categories": ["necessary", "analytics"],
        "services": {
            "necessary": ["consent", "language"],
            "analytics": ["google-analytics"],
            "marketing": [],
        },
        "revision": 1,
        "data": None,
        "consentId": CONSENT_ID,
        "consentTimestamp": "2026-09-21T14:13:20.000Z",
        "lastConsentTimestamp": "2026-09-21T14:13:20.000Z",
        "languageCode": "en",
        "expirationTime": NOW + 182 * MS_PER_DAY,
    }


def test_a_changed_decision_keeps_the_visitor_identity():
    first = state_for(accept_all(CONFIG))
    later = new_state(CONFIG, reject_all(CONFIG), first, "other-id", NOW + 5000, "nl")
    assert later["consentId"] == CONSENT_ID
    assert later["consentTimestamp"] == first["consentTimestamp"]
    assert later["lastConsentTimestamp"] != first["lastConsentTimestamp"]
    assert later["expirationTime"] == NOW + 5000 + 182 * MS_PER_DAY


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        ({}, {"necessary": ["consent", "language"]}),
        (
            {"analytics": None},
            {"necessary": ["consent", "language"], "analytics": ["google-analytics"]},
        ),
        (
            {"marketing": ["video-embed", "nope"]},
            {"necessary": ["consent", "language"], "marketing": ["video-embed"]},
        ),
        ({"marketing": []}, {"necessary": ["consent", "language"]}),
        ({"unknown": [], "necessary": []}, {"necessary": ["consent", "language"]}),
    ],
)
def test_normalize_choice_clamps_to_the_config(choice, expected):
    assert normalize_choice(CONFIG, choice) == expected


def test_stored_state_is_valid_until_it_expires():
    state = state_for(ANALYTICS_ONLY)
    assert read_state(state, CONFIG, NOW + 181 * MS_PER_DAY) == state
    assert read_state(state, CONFIG, NOW + 182 * MS_PER_DAY) is None


def _tampered(**changes):
    state = state_for(ANALYTICS_ONLY)
    state.update(changes)
    return state


@pytest.mark.parametrize(
    "stored",
    [
        None,
        [],
        "text",
        _tampered(revision=0),
        _tampered(revision="1"),
        _tampered(consentId="not-a-uuid"),
        _tampered(consentTimestamp="yesterday"),
        _tampered(consentTimestamp="2099-01-01T00:00:00.000Z"),
        _tampered(expirationTime="never"),
        _tampered(expirationTime=True),
        _tampered(categories="analytics"),
        _tampered(categories=[1, 2]),
        _tampered(services=["google-analytics"]),
        _tampered(services={"analytics": "google-analytics"}),
    ],
)
def test_foreign_outdated_or_tampered_state_means_no_consent(stored):
    assert read_state(stored, CONFIG, NOW + 1000) is None


def test_stored_state_is_clamped_to_the_config():
    stored = _tampered(
        categories=["analytics", "ghost"], services={"analytics": ["google-analytics", "x"]}
    )
    state = read_state(stored, CONFIG, NOW + 1)
    assert state["categories"] == ["necessary", "analytics"]
    assert state["services"]["analytics"] == ["google-analytics"]


def test_vanilla_cookie_without_services_keeps_whole_categories():
    stored = _tampered(categories=["necessary", "marketing"], services={})
    assert read_state(stored, CONFIG, NOW + 1)["services"]["marketing"] == [
        "tracking-pixel",
        "video-embed",
    ]


@pytest.mark.parametrize(
    ("before", "after", "action"),
    [
        (None, accept_all(CONFIG), "accept_all"),
        (None, reject_all(CONFIG), "reject_all"),
        (None, ANALYTICS_ONLY, "custom"),
        (None, {"analytics": None, "marketing": ["tracking-pixel"]}, "custom"),
        (ANALYTICS_ONLY, accept_all(CONFIG), "accept_all"),
        (accept_all(CONFIG), ANALYTICS_ONLY, "withdraw"),
        (accept_all(CONFIG), reject_all(CONFIG), "withdraw"),
        (reject_all(CONFIG), reject_all(CONFIG), "reject_all"),
        ({"marketing": None}, {"marketing": ["tracking-pixel"]}, "withdraw"),
    ],
)
def test_action_names_the_decision(before, after, action):
    previous = state_for(before) if before is not None else None
    assert action_for(CONFIG, previous, state_for(after, previous)) == action


def test_withdrawn_and_changes_describe_what_was_taken_back():
    previous = state_for(accept_all(CONFIG))
    current = state_for(ANALYTICS_ONLY, previous)
    assert withdrawn(previous, current) == {
        "categories": ["marketing"],
        "services": ["tracking-pixel", "video-embed"],
    }
    assert withdrawn(None, current) == {"categories": [], "services": []}
    assert changes(previous, current) == {
        "changedCategories": ["marketing"],
        "changedServices": {"marketing": ["tracking-pixel", "video-embed"]},
    }


def test_user_preferences_like_vanilla():
    assert preferences(CONFIG, None)["acceptType"] == "necessary"
    assert preferences(CONFIG, state_for(accept_all(CONFIG)))["acceptType"] == "all"
    custom = preferences(CONFIG, state_for(ANALYTICS_ONLY))
    assert custom["acceptType"] == "custom"
    assert custom["rejectedCategories"] == ["marketing"]
    assert custom["rejectedServices"]["marketing"] == ["tracking-pixel", "video-embed"]
    assert choice_of(None) == {}


def test_uuid4():
    generated = uuid4_from_bytes(list(range(200, 216)))
    assert is_uuid4(generated)
    assert generated == "c8c9cacb-cccd-4ecf-90d1-d2d3d4d5d6d7"
    assert is_uuid4(CONSENT_ID)
    assert not is_uuid4("3f1c2a4e-9b7d-1c21-8e5f-0a1b2c3d4e5f")  # version 1
    assert not is_uuid4(12)


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        ({"revision": 0}, True),
        ({"revision": 1}, False),
        ({"revision": 2}, False),
        ({"revision": True}, False),
        ({"revision": "0"}, False),
        ({}, False),
        (None, False),
    ],
)
def test_older_revision_is_recognised(stored, expected):
    assert is_older_revision(stored, CONFIG) is expected


def test_gpc_takes_marketing_out_of_blanket_choices_only():
    assert without_gpc(CONFIG, accept_all(CONFIG)) == {
        "necessary": ["consent", "language"],
        "analytics": ["google-analytics"],
    }
    assert without_gpc(CONFIG, ANALYTICS_ONLY) == ANALYTICS_ONLY


def test_a_declared_vanilla_revision_counts_as_the_first_one():
    """vanilla's default revision is 0; visitors of such a site are not asked again."""
    vanilla_cookie = {**state_for(ANALYTICS_ONLY), "revision": 0}
    assert read_state(vanilla_cookie, CONFIG, NOW + 1000) is None  # undeclared: asked again
    declared = {**CONFIG, "vanillaRevision": 0}
    assert read_state(vanilla_cookie, declared, NOW + 1000)["categories"] == [
        "necessary",
        "analytics",
    ]
    assert not is_older_revision(vanilla_cookie, declared)
    raised = {**declared, "revision": 2}  # terms changed since: ask them again
    assert read_state(vanilla_cookie, raised, NOW + 1000) is None
    assert is_older_revision(vanilla_cookie, raised)


def test_of_several_stored_copies_the_valid_one_decided_last_holds():
    older = state_for(ANALYTICS_ONLY)
    later = {
        **older,
        "categories": ["necessary"],
        "lastConsentTimestamp": "2026-09-22T00:00:00.000Z",
    }
    now = NOW + 2 * MS_PER_DAY
    assert newest([older, later], CONFIG, now) == 1
    assert newest([later, older], CONFIG, now) == 0
    assert newest([None, {"revision": 0}, older], CONFIG, now) == 2
    assert newest([None, {}], CONFIG, now) == 0
