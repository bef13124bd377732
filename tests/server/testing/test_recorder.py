"""The recorder's questions over what it recorded (the browser side is in e2e)."""

from types import SimpleNamespace

import pytest

from server.testing.recorder import Beacon, CookieWrite, Recorder, StorageWrite

SITE = "http://localhost:8000"
CONSENT = "http://127.0.0.1:5000"
PAGE = SITE + "/en/"


@pytest.fixture
def recorder() -> Recorder:
    record = Recorder()
    for url in (PAGE, CONSENT + "/consent.js", "http://127.0.0.1:8001/gtag/js", "data:,x"):
        record.requests.append(SimpleNamespace(url=url))
    record.beacons.append(Beacon("sendBeacon", "https://ads.test/b", PAGE + ":3", PAGE))
    record.cookies += [
        CookieWrite("_ga", "localhost", "http://127.0.0.1:8001/gtag/js:40", PAGE),
        CookieWrite("_gid", "localhost", "http://127.0.0.1:8001/gtag/js:40", PAGE, removal=True),
        CookieWrite("fm_ab", "localhost", PAGE + ":9", PAGE),
    ]
    record.storage.append(StorageWrite("localStorage", "cc_replay", CONSENT + "/x.js:1", PAGE))
    return record


def test_requests_outside_the_site_and_consent_server_include_beacons(recorder):
    assert recorder.requests_outside(SITE, CONSENT) == [
        "http://127.0.0.1:8001/gtag/js",
        "https://ads.test/b",
    ]
    assert recorder.requests_to("127.0.0.1:8001") == ["http://127.0.0.1:8001/gtag/js"]
    assert recorder.requests_to("ads.test") == ["https://ads.test/b"]


def test_a_removal_is_not_a_cookie_set(recorder):
    assert [c.name for c in recorder.cookies_matching("_g*")] == ["_ga"]
    recorder.assert_no_cookie("_gid")
    with pytest.raises(AssertionError, match="_ga"):
        recorder.assert_no_cookie("_ga*")


def test_undeclared_covers_cookies_and_storage_keys(recorder):
    assert [getattr(u, "name", None) or u.key for u in recorder.undeclared(["_ga*"])] == [
        "fm_ab",
        "cc_replay",
    ]
    recorder.assert_only_declared(["_ga", "fm_ab", "cc_*"])
    with pytest.raises(AssertionError, match="fm_ab"):
        recorder.assert_only_declared(["_ga", "cc_*"])
    with pytest.raises(AssertionError, match="ads.test"):
        recorder.assert_no_request_to("ads.test")
