"""Which blocked elements a consent state unlocks. Pure; the DOM layer acts.

Blocked markup follows vanilla-cookieconsent v3: ``data-category`` names the
category, optional ``data-service`` narrows it to one service, and a leading
``!`` on either means "run when this was withdrawn" (granted before, refused
now), never on a first refusal and never on an ordinary page load.
"""


def _granted(name: str, accepted: list, taken_back: list) -> bool:
    if name.startswith("!"):
        return name[1:] in taken_back
    return name in accepted


def should_activate(category, service, choice: dict, taken_back: dict) -> bool:
    """Whether an element with these attributes may run under ``choice``.

    ``choice`` maps accepted categories to accepted services; ``taken_back`` is
    ``consent.withdrawn()`` of the decision just made ({} on page load).
    """
    if not category:
        return False
    if service and service.startswith("!") and not category.startswith("!"):
        # As vanilla: a withdrawn service, also when its whole category went with it.
        return service[1:] in taken_back.get("services", [])
    withdrawn_categories = taken_back.get("categories", [])
    if not _granted(category, list(choice), withdrawn_categories):
        return False
    if not service:
        return True
    if category.startswith("!"):
        return not service.startswith("!") or service[1:] in taken_back.get("services", [])
    accepted_services = choice.get(category, [])
    return _granted(service, accepted_services, taken_back.get("services", []))


def plan(elements: list, choice: dict, taken_back: dict) -> list:
    """Indexes of the elements to activate, in document order.

    ``elements`` are ``(category, service, already_done)`` tuples read from the
    page; an element runs at most once per page, whatever the visitor clicks.
    """
    return [
        i
        for i, (category, service, done) in enumerate(elements)
        if not done and should_activate(category, service, choice, taken_back)
    ]
