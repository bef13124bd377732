"""Reading a ``document.cookie`` assignment or a ``Set-Cookie`` header: name, domain, removal."""

from email.utils import parsedate_to_datetime


def parse_cookie_text(text: str) -> dict:
    """``{"name", "domain", "removal"}`` of one cookie string; ``name`` is "" if it has none."""
    first, *attributes = text.split(";")
    name, _, _ = first.strip().partition("=")
    domain, removal = "", False
    for attribute in attributes:
        key, _, value = attribute.strip().partition("=")
        key = key.lower()
        if key == "domain":
            domain = value.strip().lstrip(".")
        elif key == "max-age":
            removal = removal or value.strip().lstrip("-").isdigit() and int(value) <= 0
        elif key == "expires":
            try:
                removal = removal or parsedate_to_datetime(value.strip()).year < 1971
            except (TypeError, ValueError):
                pass
    return {"name": name.strip(), "domain": domain, "removal": removal}
