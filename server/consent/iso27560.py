"""A decision as an ISO/IEC TS 27560 consent record, in W3C DPV's JSON-LD profile.

TS 27560 defines what a consent record holds (who, which controller, which
purposes, what status, when, through which notice); DPV's published
profile (the Data Privacy Vocabulary's 27560 guide) spells it with DPV
terms. Here each purpose is a category of the site config, with its own
status, and the notice is the archived texts the visitor was shown, named
by their SHA-256 (``publications.py``). Ledger events are not consent
records and have no 27560 form.
"""

from typing import Any

from banner.consent import ACTIONS as DECISIONS

from ..site_config import Site

CONTEXT = {
    "dpv": "https://w3id.org/dpv#",
    "dct": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
VERSION = "ISO/IEC TS 27560:2023"
GIVEN, REFUSED, WITHDRAWN = "dpv:ConsentGiven", "dpv:ConsentRefused", "dpv:ConsentWithdrawn"


def record_status(action: str, granted_optional: bool) -> str:
    """The record's status: a withdrawal withdraws; else given if any optional purpose was."""
    if action == "withdraw":
        return WITHDRAWN
    return GIVEN if granted_optional else REFUSED


def consent_record(record: dict[str, Any], site: Site) -> dict[str, Any] | None:
    """``record`` (``records.export_dict``) as a DPV consent record; None for ledger events."""
    if record["action"] not in DECISIONS:
        return None
    granted = set(record["categories"])
    optional = [c for c in site.categories if c not in site.required_categories]
    # Strictly necessary storage needs no consent (ePrivacy art. 5(3)): no consent basis for it.
    purposes = [
        {
            "@type": "dpv:Purpose",
            "dct:identifier": category,
            "dct:hasPart": record["services"].get(category, []),
            "dpv:hasConsentStatus": {"@id": GIVEN if category in granted else REFUSED},
            **({"dpv:hasLegalBasis": {"@id": "dpv:Consent"}} if category in optional else {}),
        }
        for category in site.categories
    ]
    notice = {"@id": f"urn:sha256:{record['textsHash']}"} if record["textsHash"] else None
    return {
        "@context": CONTEXT,
        "@id": f"urn:consent-record:{record['hash']}",
        "@type": "dpv:ConsentRecord",
        "dct:hasVersion": VERSION,
        "dpv:hasIdentifier": str(record["recordId"]),
        "dpv:hasDataSubject": {
            "@type": "dpv:DataSubject",
            "dpv:hasIdentifier": record["consentId"],
        },
        "dpv:hasDataController": {
            "@type": "dpv:DataController",
            "dpv:hasName": site.config["company"]["name"],
        },
        "dpv:hasConsentStatus": {
            "@id": record_status(record["action"], bool(granted & set(optional)))
        },
        "dct:date": {"@type": "xsd:dateTime", "@value": record["timestamp"]},
        "dpv:hasIndicationMethod": record["method"],
        "dct:language": record["language"],
        "dpv:hasNotice": notice,
        "dpv:hasPurpose": purposes,
    }
