"""Consent state: what the visitor chose, whether a stored choice still holds.

A *choice* maps each accepted category id to the ids of its accepted services.
A *state* is what ``cc_cookie`` holds (vanilla-cookieconsent v3's fields), so a
site that switches from vanilla-cookieconsent keeps its visitors' choices.
Everything here is pure: the caller passes the clock, ids and the old state.
"""

from banner.config import optional_category_ids, service_ids
from banner.timestamps import MS_PER_DAY, iso_from_ms, ms_from_iso

HEX = "0123456789abcdef"
# The ledger's names for a decision (``action_for``); the server accepts these only.
ACTIONS = ("accept_all", "reject_all", "custom", "withdraw")


def is_uuid4(value) -> bool:
    if not isinstance(value, str) or len(value) != 36:
        return False
    parts = value.lower().split("-")
    if [len(p) for p in parts] != [8, 4, 4, 4, 12]:
        return False
    if "".join(parts).strip(HEX):  # leaves what is not hex, in one call
        return False
    return parts[2][0] == "4" and parts[3][0] in "89ab"


def normalize_choice(config: dict, choice: dict) -> dict:
    """Clamp a choice to what the config allows.

    A category mapped to None means all of its services. Read-only
    categories are always in, with every service; unknown ids are dropped; a
    category whose services are all switched off is refused.
    """
    services = service_ids(config)
    result = {}
    for category in config["categories"]:
        known = services[category["id"]]
        if category["readOnly"]:
            result[category["id"]] = list(known)
            continue
        if category["id"] not in choice:
            continue
        wanted = choice[category["id"]]
        kept = list(known) if wanted is None else [s for s in known if s in wanted]
        if known and not kept:
            continue
        result[category["id"]] = kept
    return result


def accept_all(config: dict) -> dict:
    return dict(service_ids(config))


def without_gpc(config: dict, choice: dict) -> dict:
    """A choice with the categories a Global Privacy Control signal opts out of removed.

    Only blanket choices go through this; an explicit switch in the
    preferences is the visitor's own opt-in and is kept.
    """
    return {c: s for c, s in choice.items() if c not in config["gpcCategories"]}


def reject_all(config: dict) -> dict:
    return normalize_choice(config, {})


def choice_of(state) -> dict:
    """The choice a stored state expresses ({} for no state)."""
    if not state:
        return {}
    return {c: list(state["services"].get(c, [])) for c in state["categories"]}


def accepted_category(choice: dict, name) -> bool:
    """``CookieConsent.acceptedCategory(name)`` over a choice (``choice_of``)."""
    return isinstance(name, str) and name in choice


def accepted_service(choice: dict, service, category) -> bool:
    """``CookieConsent.acceptedService(service, category)`` over a choice."""
    return accepted_category(choice, category) and service in choice[category]


def new_state(
    config: dict, choice: dict, previous, consent_id: str, now_ms: int, lang: str
) -> dict:
    """The cookie value for a fresh decision.

    A changed decision keeps the first consent's id and timestamp, so every
    record of one visitor in the ledger shares one consent id.
    """
    choice = normalize_choice(config, choice)
    now_iso = iso_from_ms(now_ms)
    first = previous or {}
    return {
        "categories": [c for c in service_ids(config) if c in choice],
        "services": {c: choice.get(c, []) for c in service_ids(config)},
        "revision": config["revision"],
        "data": first.get("data"),
        "consentId": first.get("consentId") or consent_id,
        "consentTimestamp": first.get("consentTimestamp") or now_iso,
        "lastConsentTimestamp": now_iso,
        "languageCode": lang,
        "expirationTime": now_ms + int(config["cookie"]["expiresAfterDays"] * MS_PER_DAY),
    }


def stored_revision(stored: dict, config: dict):
    """The revision a stored choice was made under. One written by the site's old
    vanilla-cookieconsent under ``vanillaRevision`` counts as our first, revision 1."""
    revision = stored.get("revision")
    vanilla = config["vanillaRevision"]
    if vanilla is not None and revision == vanilla and not isinstance(revision, bool):
        return 1
    return revision


def _string_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def read_state(stored, config: dict, now_ms: int):
    """The stored state if it is still valid consent, else None.

    Missing, foreign, expired or older-revision cookies all mean "ask again".
    """
    if not isinstance(stored, dict):
        return None
    categories = stored.get("categories")
    services = stored.get("services", {})
    expires = stored.get("expirationTime")
    if not _string_list(categories) or not isinstance(services, dict):
        return None
    if stored_revision(stored, config) != config["revision"] or not is_uuid4(
        stored.get("consentId")
    ):
        return None
    first = ms_from_iso(stored.get("consentTimestamp"))
    if first is None or first > now_ms:
        return None
    if not isinstance(expires, (int, float)) or isinstance(expires, bool) or expires <= now_ms:
        return None
    if not all(_string_list(v) for v in services.values()):
        return None
    choice = {}
    for category in categories:
        choice[category] = services.get(category) or []
    known = service_ids(config)
    for category in categories:
        if category in known and known[category] and not choice[category]:
            choice[category] = list(known[category])  # vanilla v3 cookies may omit services
    state = dict(stored)
    normalized = normalize_choice(config, choice)
    state["categories"] = [c for c in known if c in normalized]
    state["services"] = {c: normalized.get(c, []) for c in known}
    return state


def newest(stored_copies: list, config: dict, now_ms: int) -> int:
    """Which of several stored copies holds: the valid one decided last (vanilla's
    ``Domain`` copy may sit beside ours until the next write removes it), else the first."""
    best, best_ms = 0, None
    for i, stored in enumerate(stored_copies):
        state = read_state(stored, config, now_ms)
        decided = state and ms_from_iso(state.get("lastConsentTimestamp"))
        if decided and (best_ms is None or decided > best_ms):
            best, best_ms = i, decided
    return best


def is_older_revision(stored, config: dict) -> bool:
    """A choice made under an earlier revision: ask again and say what changed."""
    if not isinstance(stored, dict):
        return False
    revision = stored_revision(stored, config)
    return (
        isinstance(revision, int)
        and not isinstance(revision, bool)
        and (revision < config["revision"])
    )


def withdrawn(previous, state: dict) -> dict:
    """What was granted before and is refused now: categories and services."""
    before = choice_of(previous)
    now = choice_of(state)
    categories = [c for c in before if c not in now]
    services = [s for c in before for s in before[c] if s not in now.get(c, [])]
    return {"categories": categories, "services": services}


def action_for(config: dict, previous, state: dict) -> str:
    """The ledger's name for a decision: accept_all, reject_all, custom or withdraw."""
    taken_back = withdrawn(previous, state)
    if taken_back["categories"] or taken_back["services"]:
        return "withdraw"
    optional = optional_category_ids(config)
    accepted = [c for c in optional if c in state["categories"]]
    if len(accepted) == len(optional) and state["services"] == accept_all(config):
        return "accept_all"
    if not accepted:
        return "reject_all"
    return "custom"


def changes(previous, state: dict) -> dict:
    """Categories and services whose status differs, for ``cc:onChange``."""
    before = choice_of(previous)
    now = choice_of(state)
    categories = [c for c in state["services"] if (c in before) != (c in now)]
    services = {}
    for category in state["services"]:
        old = before.get(category, [])
        new = now.get(category, [])
        flipped = [s for s in old if s not in new] + [s for s in new if s not in old]
        if flipped:
            services[category] = flipped
    return {"changedCategories": categories, "changedServices": services}


def preferences(config: dict, state) -> dict:
    """``CookieConsent.getUserPreferences()``, as vanilla-cookieconsent returns it."""
    known = service_ids(config)
    choice = choice_of(state)
    optional = optional_category_ids(config)
    accepted_optional = [c for c in optional if c in choice]
    if state and len(accepted_optional) == len(optional):
        accept_type = "all"
    elif not accepted_optional:
        accept_type = "necessary"
    else:
        accept_type = "custom"
    return {
        "acceptType": accept_type,
        "acceptedCategories": [c for c in known if c in choice],
        "rejectedCategories": [c for c in known if c not in choice],
        "acceptedServices": {c: choice.get(c, []) for c in known},
        "rejectedServices": {c: [s for s in known[c] if s not in choice.get(c, [])] for c in known},
    }


def uuid4_from_bytes(random_bytes: list) -> str:
    """A version-4 UUID from 16 random bytes.

    ``crypto.randomUUID`` exists only on https and localhost; the banner also
    runs on plain-http staging sites, where only ``getRandomValues`` is there.
    """
    octets = [b & 0xFF for b in random_bytes[:16]]
    octets[6] = (octets[6] & 0x0F) | 0x40
    octets[8] = (octets[8] & 0x3F) | 0x80
    text = "".join(HEX[b >> 4] + HEX[b & 0x0F] for b in octets)
    return text[:8] + "-" + text[8:12] + "-" + text[12:16] + "-" + text[16:20] + "-" + text[20:]
