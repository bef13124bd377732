"""What the audit makes of a crawl: escapes, undeclared and unseen cookies, dead markup."""

import pytest

from banner.config import localize
from server.audit.classifier import audit_report, failures
from server.audit.cookie_database import parse_database
from server.audit.crawler import Visit
from server.audit.states import ACCEPTED, NO_CHOICE, REJECTED
from tests.support import site_config

SITE = "http://localhost:8000"
CONSENT = "http://127.0.0.1:5000"
TRACKER = "http://127.0.0.1:8001"
DATABASE = parse_database(
    {
        "Google Analytics": [
            {
                "cookie": "_ga",
                "category": "Analytics",
                "dataController": "Google",
                "wildcardMatch": "0",
            }
        ],
        "Hotjar": [
            {
                "cookie": "_hj",
                "category": "Analytics",
                "dataController": "Hotjar",
                "wildcardMatch": "1",
            }
        ],
    }
)


def request(url, element="", initiator="", kind="script"):
    return {"url": url, "type": kind, "initiator": initiator, "element": element}


def cookie(name, set_by="", domain="localhost"):
    return {"name": name, "domain": domain, "set_by": set_by}


def report(*visits):
    crawl = {
        "site": SITE,
        "consent": CONSENT,
        "config": localize(site_config(), "en"),
        "visits": list(visits),
    }
    return audit_report(crawl, DATABASE)


def kinds(result):
    return [
        (f["kind"], f["state"], f["subject"]) for f in result["findings"] if f["kind"] != "unseen"
    ]


def test_first_party_and_consent_server_requests_are_not_escapes():
    visit = Visit(
        NO_CHOICE, SITE + "/", requests=[request(SITE + "/a.css"), request(CONSENT + "/consent.js")]
    )
    assert kinds(report(visit)) == []


@pytest.mark.parametrize("state", [NO_CHOICE, REJECTED])
def test_a_third_party_request_without_consent_names_its_element(state):
    tag = '<script src="http://127.0.0.1:8001/gtag/js">'
    visit = Visit(state, SITE + "/", requests=[request(TRACKER + "/gtag/js", element=tag)])
    (finding,) = report(visit)["findings"][:1]
    assert (finding["kind"], finding["subject"], finding["element"]) == (
        "escape",
        TRACKER + "/gtag/js",
        tag,
    )


def test_after_accept_all_third_parties_are_expected():
    visit = Visit(
        ACCEPTED, SITE + "/", requests=[request(TRACKER + "/gtag/js")], cookies=[cookie("_ga")]
    )
    assert kinds(report(visit)) == []


def test_a_script_that_added_an_element_is_named_with_it():
    visit = Visit(
        NO_CHOICE,
        SITE + "/",
        requests=[
            request(
                TRACKER + "/p.gif",
                element="<img src=x>",
                initiator="script http://s/w.js:5",
                kind="image",
            )
        ],
    )
    assert (
        report(visit)["findings"][0]["element"]
        == "<img src=x> (added by the script http://s/w.js:5)"
    )


def test_non_essential_cookies_and_beacons_without_consent_are_escapes():
    visit = Visit(
        REJECTED,
        SITE + "/",
        cookies=[cookie("_ga", "http://t/gtag.js:3"), cookie("cc_cookie")],
        beacons=[{"via": "sendBeacon", "url": "https://ads.test/b", "sent_by": "x:1"}],
    )
    assert kinds(report(visit)) == [
        ("escape", REJECTED, "https://ads.test/b"),
        ("escape", REJECTED, "_ga"),
    ]


def test_noscript_content_escapes_only_when_it_leaves_the_site():
    visit = Visit(
        NO_CHOICE,
        SITE + "/",
        noscript=[
            {"url": TRACKER + "/p.gif", "element": "<noscript><img>"},
            {"url": SITE + "/local.gif", "element": "<noscript><img>"},
        ],
    )
    assert kinds(report(visit)) == [("escape", NO_CHOICE, TRACKER + "/p.gif")]


def test_undeclared_names_are_reported_once_with_the_data_sets_view():
    first = Visit(
        ACCEPTED,
        SITE + "/",
        cookies=[cookie("_hjSession", "http://h/hj.js:1")],
        storage=[{"area": "localStorage", "key": "ab_test", "set_by": ""}],
    )
    again = Visit(ACCEPTED, SITE + "/b", cookies=[cookie("_hjSession")])
    result = report(first, again)
    undeclared = [f for f in result["findings"] if f["kind"] == "undeclared"]
    assert [(f["subject"], f["page"]) for f in undeclared] == [
        ("_hjSession", SITE + "/"),
        ("ab_test", SITE + "/"),
    ]
    assert "Open Cookie Database: analytics, Hotjar" in undeclared[0]["detail"]
    assert result["states"][ACCEPTED]["cookies"][0]["source"] == "Open Cookie Database"


def test_declared_cookies_never_seen_are_unseen():
    visit = Visit(ACCEPTED, SITE + "/", cookies=[cookie("_ga"), cookie("_ga_X")])
    unseen = {f["subject"] for f in report(visit)["findings"] if f["kind"] == "unseen"}
    assert "_ga" not in unseen and "_ga_*" not in unseen
    assert {"_gid", "fm_lang", "VISITOR_INFO1_LIVE"} <= unseen


def test_markup_naming_no_category_or_service_is_dead():
    visit = Visit(
        NO_CHOICE,
        SITE + "/",
        markup=[
            {"category": "analytics", "service": "google-analytics", "element": "<script ok>"},
            {"category": "!analytics", "service": None, "element": "<script withdraw>"},
            {"category": "statistics", "service": None, "element": "<script a>"},
            {"category": "analytics", "service": "hotjar", "element": "<script b>"},
            {"category": None, "service": "video-embed", "element": "<iframe ok>"},
        ],
    )
    assert [
        (f["kind"], f["element"]) for f in report(visit)["findings"] if f["kind"] == "dead-markup"
    ] == [("dead-markup", "<script a>"), ("dead-markup", "<script b>")]


def test_fail_on_chooses_the_kinds_that_fail():
    result = report(Visit(ACCEPTED, SITE + "/", cookies=[cookie("_hjX")]))
    assert failures(result, ("undeclared",))
    assert failures(result, ("escape",)) == []
    assert failures(result, ()) == []
