"""The ``cc_cookie`` codec and the cookie strings the banner writes or expires.

Pure functions over strings: the DOM layer passes in ``document.cookie`` and
the JSON/URI functions of the platform it runs on (``javascript.JSON`` and
``encodeURIComponent`` in the browser, ``json`` and ``urllib.parse`` in tests),
so nothing here pulls Python's heavy standard library into the bundle.
"""

SECONDS_PER_DAY = 86400


def read_cookie(cookie_header: str, name: str):
    """The raw value of cookie ``name`` in a ``document.cookie`` string, or None."""
    for part in (cookie_header or "").split(";"):
        key, sep, value = part.strip().partition("=")
        if sep and key == name:
            return value
    return None


def read_cookies(cookie_header: str, name: str) -> list:
    """Every raw value of cookie ``name``: copies on other domains or paths show up too."""
    values = []
    for part in (cookie_header or "").split(";"):
        key, sep, value = part.strip().partition("=")
        if sep and key == name:
            values.append(value)
    return values


def cookie_names(cookie_header: str) -> list:
    names = []
    for part in (cookie_header or "").split(";"):
        key, sep, _ = part.strip().partition("=")
        if sep and key:
            names.append(key)
    return names


def encode_value(state: dict, dumps, quote) -> str:
    """URL-encoded JSON, the format vanilla-cookieconsent v3 writes."""
    return quote(dumps(state))


def decode_value(raw, loads, unquote):
    """The stored object, or None for anything garbled or foreign.

    A cookie someone else wrote, or a half-written one, must mean "no consent",
    never an exception on the host page.
    """
    if not raw:
        return None
    try:
        value = loads(unquote(raw))
    except Exception:
        return None
    return value if isinstance(value, dict) else None


def set_cookie_string(name: str, value: str, settings: dict, secure: bool) -> str:
    """A ``document.cookie`` assignment for the consent cookie.

    SameSite=Lax keeps it first-party; Secure whenever the page is https.
    """
    max_age = int(settings["expiresAfterDays"] * SECONDS_PER_DAY)
    parts = [name + "=" + value, "Path=" + settings["path"], "Max-Age=" + str(max_age)]
    if settings["domain"]:
        parts.append("Domain=" + settings["domain"])
    parts.append("SameSite=Lax")
    if secure:
        parts.append("Secure")
    return "; ".join(parts)


def matches(name: str, pattern: str) -> bool:
    """Glob match where ``*`` stands for any run of characters (``_ga_*``)."""
    pieces = pattern.split("*")
    if len(pieces) == 1:
        return name == pattern
    if not name.startswith(pieces[0]):
        return False
    position = len(pieces[0])
    for piece in pieces[1:-1]:
        found = name.find(piece, position)
        if found < 0:
            return False
        position = found + len(piece)
    last = pieces[-1]
    return len(name) - len(last) >= position and name.endswith(last)


def names_to_erase(present: list, patterns: list) -> list:
    """The cookies present on the page that a withdrawn category's patterns cover."""
    return [name for name in present if any(matches(name, p) for p in patterns)]


def domain_variants(hostname: str) -> list:
    """Where a tracker may have scoped a cookie: host-only, the host, each parent.

    ``www.shop.example.com`` gives ``["", "www.shop.example.com",
    ".shop.example.com", ".example.com"]``; a top-level label alone is never a
    cookie domain. IP addresses and ``localhost`` only get the host-only form.
    """
    variants = [""]
    labels = hostname.split(".")
    if len(labels) < 2 or labels[-1].isdigit():
        return variants
    variants.append(hostname)
    for i in range(1, len(labels) - 1):
        variants.append("." + ".".join(labels[i:]))
    return variants


def path_variants(pathname: str, configured: list) -> list:
    """Cookie paths to try: the configured ones, "/" and each prefix of the page path."""
    paths = []
    for path in list(configured) + ["/"]:
        if path not in paths:
            paths.append(path)
    prefix = ""
    for segment in pathname.split("/")[1:-1]:
        prefix += "/" + segment
        if prefix not in paths:
            paths.append(prefix)
    return paths


def expire_cookie_strings(name: str, hostname: str, paths: list, domains=()) -> list:
    """Every ``document.cookie`` assignment needed to delete ``name`` everywhere
    (``domains``: more a caller names, such as vanilla's ``eraseCookies`` argument)."""
    result = []
    variants = domain_variants(hostname)
    for domain in variants + [d for d in domains if d not in variants]:
        for path in paths:
            text = name + "=; Path=" + path + "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT"
            if domain:
                text += "; Domain=" + domain
            result.append(text)
    return result
