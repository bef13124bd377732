"""Validation of the contact form: no Flask, no I/O, so it is tested directly."""

from __future__ import annotations

from collections.abc import Mapping

TOPICS = ("demo", "pricing", "support")
FIELD_LIMITS = {"name": 120, "company": 120, "email": 254, "message": 5000}


def validate_contact(form: Mapping[str, str]) -> tuple[dict[str, str], list[str]]:
    """Return the cleaned fields and the names of the fields that are wrong."""
    data = {field: (form.get(field) or "").strip()[:limit] for field, limit in FIELD_LIMITS.items()}
    data["topic"] = (form.get("topic") or "").strip()
    errors = []
    if not data["name"]:
        errors.append("name")
    if not _looks_like_email(data["email"]):
        errors.append("email")
    if data["topic"] not in TOPICS:
        errors.append("topic")
    if not data["message"]:
        errors.append("message")
    return data, errors


def _looks_like_email(value: str) -> bool:
    local, at, domain = value.rpartition("@")
    return bool(at and local and "." in domain.strip(".") and " " not in value)
