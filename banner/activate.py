"""Unblocking the host page's markup, and erasing cookies on withdrawal.

Which elements may run is decided by ``activation.plan``; this module only
reads attributes and swaps scripts in. Scripts are inserted one after another,
each waiting for the previous external one to load, so a tag and the inline
code that configures it run in document order, as the page author wrote them.
"""

from browser import document, window

from banner.activation import plan
from banner.cookie import cookie_names, expire_cookie_strings, names_to_erase, path_variants

BLOCKED = 'script[type="text/plain"][data-category], [data-category][data-src]'
DONE = "data-cc-done"


def _blocked_elements() -> list:
    return list(document.querySelectorAll(BLOCKED))


def _describe(node) -> tuple:
    return (
        node.getAttribute("data-category"),
        node.getAttribute("data-service"),
        node.hasAttribute(DONE),
    )


def _fresh_script(blocked, nonce):
    """A live copy of a blocked script: same attributes, real type and src."""
    script = document.createElement("script")
    for attribute in blocked.attributes:
        if attribute.name not in ("type", "data-src", "data-type", "nonce"):
            script.setAttribute(attribute.name, attribute.value)
    if blocked.getAttribute("data-type"):
        script.setAttribute("type", blocked.getAttribute("data-type"))
    source = blocked.getAttribute("data-src") or blocked.getAttribute("src")
    if nonce:
        script.setAttribute("nonce", nonce)
    if source:
        setattr(script, "async", False)  # keep document order among external scripts
        script.src = source
    else:
        script.text = blocked.text
    return script, bool(source)


def _run_scripts(queue: list, nonce) -> None:
    """Swap the queued scripts in, in order, waiting for each external one to load."""
    while queue:
        blocked = queue.pop(0)
        if not blocked.parentNode:
            continue
        script, external = _fresh_script(blocked, nonce)
        blocked.setAttribute(DONE, "")
        if external:
            resume = lambda event: _run_scripts(queue, nonce)  # noqa: E731
            script.bind("load", resume)
            script.bind("error", resume)
            blocked.parentNode.replaceChild(script, blocked)
            return
        blocked.parentNode.replaceChild(script, blocked)


def _load_media(node) -> None:
    node.setAttribute(DONE, "")
    node.setAttribute("src", node.getAttribute("data-src"))


def activate(choice: dict, taken_back: dict, nonce) -> int:
    """Run everything ``choice`` unlocks on this page; returns how many elements."""
    nodes = _blocked_elements()
    chosen = [nodes[i] for i in plan([_describe(n) for n in nodes], choice, taken_back)]
    scripts = [n for n in chosen if n.tagName == "SCRIPT"]
    for node in chosen:
        if node.tagName != "SCRIPT":
            _load_media(node)
    _run_scripts(scripts, nonce)
    return len(chosen)


def has_run(category: str) -> bool:
    """Did a script of this category run on this page (it stays in memory until reload)?"""
    live = 'script[data-category="' + category + '"]:not([type="text/plain"])'
    return document.querySelector(live) is not None


def erase_cookies(patterns: list, paths: list) -> list:
    """Delete every cookie matching the patterns, on each domain and path it may use."""
    location = window.location
    doomed = names_to_erase(cookie_names(document.cookie), patterns)
    for name in doomed:
        for text in expire_cookie_strings(
            name, location.hostname, path_variants(location.pathname, paths)
        ):
            document.cookie = text
    return doomed
