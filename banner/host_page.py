"""Unblocking the host page's markup, and erasing cookies on withdrawal.

Which elements may run is decided by ``activation.plan``; this module reads
the page's attributes and hands the chosen elements to the loader, which
swaps them in (scripts in document order, see ``banner/loader.js``).
"""

from browser import document, window

from banner.activation import plan
from banner.cookie import cookie_names, expire_cookie_strings, names_to_erase, path_variants
from banner.names import BLOCKED_SELECTOR, DONE_ATTRIBUTE


def _blocked_elements() -> list:
    return list(document.querySelectorAll(BLOCKED_SELECTOR))


def _describe(node) -> tuple:
    return (
        node.getAttribute("data-category"),
        node.getAttribute("data-service"),
        node.hasAttribute(DONE_ATTRIBUTE),
    )


def activate(choice: dict, taken_back: dict, run) -> int:
    """Run everything ``choice`` unlocks on this page; returns how many elements.

    ``run`` is the loader's (``CookieConsentBoot.run``): the loader makes the
    same swap when it replays a stored verdict, and one implementation keeps
    the two paths alike.
    """
    nodes = _blocked_elements()
    chosen = [nodes[i] for i in plan([_describe(n) for n in nodes], choice, taken_back)]
    if chosen:
        run(chosen)
    return len(chosen)


def has_run(category: str) -> bool:
    """Did a script of this category run on this page (it stays in memory until reload)?"""
    live = 'script[data-category="' + category + '"]:not([type="text/plain"])'
    return document.querySelector(live) is not None


def erase_cookies(patterns: list, paths: list, domains: list = ()) -> list:
    """Delete every cookie matching the patterns (names, ``_ga_*`` globs or JS
    RegExps), on each domain and path it may use, and on ``domains`` too."""
    if not patterns:  # reading document.cookie right after a decision wrote it: 13 ms at 4×
        return []
    location = window.location
    present = cookie_names(document.cookie)
    globs = [p for p in patterns if isinstance(p, str)]
    expressions = [p for p in patterns if not isinstance(p, str)]
    doomed = names_to_erase(present, globs)
    doomed += [n for n in present if n not in doomed and any(e.test(n) for e in expressions)]
    for name in doomed:
        for text in expire_cookie_strings(
            name, location.hostname, path_variants(location.pathname, paths), domains
        ):
            document.cookie = text
    return doomed


def load_script(src: str, attributes: dict, nonce):
    """vanilla's ``loadScript``: a Promise of whether ``src`` loaded (true at once if
    the page has it already). The page's CSP nonce goes on it, as on activated scripts."""

    def start(resolve, reject) -> None:
        if document.querySelector('script[src="' + src + '"]'):
            resolve(True)
            return
        node = document.createElement("script")
        for name, value in attributes.items():
            node.setAttribute(name, value)
        if nonce:
            node.setAttribute("nonce", nonce)
        node.bind("load", lambda event: resolve(True))
        node.bind("error", lambda event: resolve(False))
        node.src = src
        document.head.appendChild(node)

    return window.Promise.new(start)
