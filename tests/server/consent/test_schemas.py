"""Validation of ``POST /api/consent`` bodies, without a database or an app."""

import pytest

from server.consent.schemas import parse_consent_id, parse_decision
from server.errors import InvalidField
from server.settings import DEFAULT_SITE_CONFIG
from server.site_config import load_site

SITE = load_site(DEFAULT_SITE_CONFIG)
CONSENT_ID = "0b6c7c4e-8f2a-4c1e-9d3b-2a7e5f1c6d80"
VALID = {
    "consentId": CONSENT_ID,
    "action": "custom",
    "categories": ["necessary", "analytics"],
    "revision": 1,
    "language": "nl",
}


def body(**changes):
    """VALID with fields changed; a value of ... removes the field."""
    merged = {**VALID, **changes}
    return {k: v for k, v in merged.items() if v is not ...}


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ([], "body", "body: must be a JSON object"),
        ("accept", "body", "body: must be a JSON object"),
        (body(foo=1), "foo", "foo: unknown field"),
        (body(consentId=...), "consentId", "consentId: is required"),
        (body(action=...), "action", "action: is required"),
        (body(categories=...), "categories", "categories: is required"),
        (body(revision=...), "revision", "revision: is required"),
        (body(language=...), "language", "language: is required"),
        (body(consentId=42), "consentId", "consentId: must be a string"),
        (body(consentId="not-a-uuid"), "consentId", "consentId: must be a random UUID"),
        (body(consentId=CONSENT_ID.replace("-4c1e", "-1c1e")), "consentId", "version 4"),
        (body(consentId="{" + CONSENT_ID + "}"), "consentId", "consentId: must be"),
        (body(action="accept"), "action", "action: must be one of accept_all, reject_all"),
        (body(action=None), "action", "action: must be one of"),
        (body(revision="1"), "revision", "revision: must be an integer"),
        (body(revision=True), "revision", "revision: must be an integer"),
        (body(revision=1.0), "revision", "revision: must be an integer"),
        (body(revision=0), "revision", "revision: 0 is not the current config revision 1"),
        (body(language="de"), "language", "language: must be one of nl, en"),
        (body(language=["nl"]), "language", "language: must be one of nl, en"),
        (body(categories="analytics"), "categories", "categories: must be a list of category"),
        (body(categories=["necessary", 3]), "categories[1]", "categories[1]: must be a string"),
        (body(categories=["necessary", "ads"]), "categories", "categories: unknown category 'ads'"),
        (
            body(categories=["necessary", "analytics", "analytics"]),
            "categories",
            "categories: 'analytics' is listed twice",
        ),
        (
            body(categories=["analytics"]),
            "categories",
            "categories: must include the required category 'necessary'",
        ),
        (
            body(action="accept_all"),
            "categories",
            "categories: accept_all must grant every category, also marketing",
        ),
        (
            body(action="reject_all"),
            "categories",
            "categories: reject_all grants only required categories, not analytics",
        ),
        (body(services=["google-analytics"]), "services", "services: must be an object"),
        (body(services={"ads": []}), "services.ads", "services.ads: unknown category"),
        (
            body(services={"analytics": "google-analytics"}),
            "services.analytics",
            "services.analytics: must be a list of service ids",
        ),
        (
            body(services={"analytics": ["tracking-pixel"]}),
            "services.analytics",
            "services.analytics: unknown service 'tracking-pixel'",
        ),
        (
            body(services={"marketing": ["tracking-pixel"]}),
            "services.marketing",
            "services.marketing: category 'marketing' is not granted",
        ),
        (body(method="email"), "method", "method: must be one of banner, preferences, api, gpc"),
        (body(textsHash="0" * 64), "textsHash", "textsHash: does not match the nl texts"),
        (body(pageUrl=5), "pageUrl", "pageUrl: must be a string"),
        (body(pageUrl="/pricing"), "pageUrl", "pageUrl: must be an absolute http or https URL"),
        (body(pageUrl="javascript:alert(1)"), "pageUrl", "pageUrl: must be an absolute http"),
        (body(pageUrl="https://[::1/x"), "pageUrl", "pageUrl: is not a valid URL"),
        (body(pageUrl="https://a.example:99999/"), "pageUrl", "pageUrl: is not a valid URL"),
        (body(pageUrl="https://a.example/" + "x" * 2048), "pageUrl", "at most 2048 characters"),
        (body(pageUrl="http://%00/"), "pageUrl", "pageUrl: has a host that is not a valid domain"),
        (body(pageUrl="http://a b.example/"), "pageUrl", "pageUrl: has a host that is not a valid"),
        (body(pageUrl="http://-a.example/"), "pageUrl", "pageUrl: has a host that is not a valid"),
        (body(pageUrl="https://a.example/<script>x</script>"), "pageUrl", "must percent-encode"),
        (body(pageUrl='https://a.example/"onload=x'), "pageUrl", "must percent-encode"),
        (body(pageUrl="https://a.example/%zz"), "pageUrl", "must percent-encode"),
        (body(pageUrl="https://a.example/a b"), "pageUrl", "must percent-encode"),
    ],
)
def test_invalid_decisions_name_the_field(payload, field, message):
    with pytest.raises(InvalidField) as caught:
        parse_decision(payload, SITE)
    assert caught.value.field == field
    assert message in caught.value.description


def test_valid_decision_is_normalised_to_config_order():
    decision = parse_decision(
        body(
            consentId=CONSENT_ID.upper(),
            categories=["marketing", "necessary"],
            services={"marketing": ["video-embed", "tracking-pixel"]},
        ),
        SITE,
    )
    assert decision.consent_id == CONSENT_ID
    assert decision.categories == ("necessary", "marketing")
    assert decision.services == {
        "necessary": ("consent", "language"),
        "marketing": ("tracking-pixel", "video-embed"),
    }
    assert decision.language == "nl"
    assert decision.page_url is None


def test_granted_category_without_a_services_entry_keeps_all_its_services():
    decision = parse_decision(body(services={"analytics": []}), SITE)
    assert decision.services == {"necessary": ("consent", "language"), "analytics": ()}


def test_empty_service_list_for_a_refused_category_is_accepted():
    # vanilla-cookieconsent's cookie lists every category, refused ones as [].
    decision = parse_decision(body(services={"marketing": []}), SITE)
    assert "marketing" not in decision.services


def test_accept_all_and_reject_all_with_consistent_categories():
    accepted = parse_decision(body(action="accept_all", categories=SITE.categories), SITE)
    rejected = parse_decision(body(action="reject_all", categories=["necessary"]), SITE)
    assert accepted.categories == ("necessary", "analytics", "marketing")
    assert rejected.services == {"necessary": ("consent", "language")}


@pytest.mark.parametrize("action", ["custom", "withdraw"])
def test_custom_and_withdraw_may_grant_any_subset(action):
    decision = parse_decision(body(action=action, categories=["necessary"]), SITE)
    assert decision.action == action


def test_client_timestamps_are_accepted_and_ignored():
    decision = parse_decision(body(timestamp="1999-01-01T00:00:00Z", consentTimestamp=0), SITE)
    assert not hasattr(decision, "timestamp")


@pytest.mark.parametrize(
    ("url", "stored"),
    [
        (
            "https://flowmailer.com/nl/prijzen?utm_source=x&email=a@b.c#top",
            "https://flowmailer.com/nl/prijzen",
        ),
        ("http://user:secret@Example.COM:8080/a/b", "http://example.com:8080/a/b"),
        ("https://flowmailer.com", "https://flowmailer.com/"),
        ("https://[2001:db8::1]/x?y", "https://[2001:db8::1]/x"),
        ("http://192.0.2.1:8000/a%20b/", "http://192.0.2.1:8000/a%20b/"),
        ("https://xn--bcher-kva.example/caf%C3%A9", "https://xn--bcher-kva.example/caf%C3%A9"),
        ("https://a.example/a(1);b?q#f", "https://a.example/a(1);b"),
        ("", None),
        (None, None),
    ],
)
def test_page_url_loses_query_fragment_and_credentials(url, stored):
    assert parse_decision(body(pageUrl=url), SITE).page_url == stored


@pytest.mark.parametrize(
    "value",
    [CONSENT_ID, CONSENT_ID.upper(), "6ba7b810-9dad-11d1-80b4-00c04fd430c8"],
)
def test_record_lookup_accepts_any_canonical_uuid(value):
    assert parse_consent_id(value, version4=False) == value.lower()
