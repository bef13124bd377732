"""The fake tracker records every hit and answers like the real trackers' hosts."""

from __future__ import annotations

import struct

import pytest
from flask import Flask
from flask.testing import FlaskClient

from demo_site.tracker import HitLog, create_tracker_app


@pytest.fixture
def tracker() -> Flask:
    return create_tracker_app()


@pytest.fixture
def tracker_client(tracker: Flask) -> FlaskClient:
    return tracker.test_client()


def hits(client: FlaskClient) -> list[dict]:
    response = client.get("/hits")
    assert response.status_code == 200
    return response.get_json()


def test_starts_with_no_hits(tracker_client: FlaskClient) -> None:
    assert hits(tracker_client) == []


def test_records_path_query_referer_cookie_and_time(tracker_client: FlaskClient) -> None:
    tracker_client.set_cookie("_fm_px", "abc123")
    tracker_client.get("/pixel.gif?page=home", headers={"Referer": "http://localhost:8000/"})

    [hit] = hits(tracker_client)
    assert hit["method"] == "GET"
    assert hit["path"] == "/pixel.gif"
    assert hit["query"] == "page=home"
    assert hit["args"] == {"page": "home"}
    assert hit["referer"] == "http://localhost:8000/"
    assert hit["cookie"] == "_fm_px=abc123"
    assert isinstance(hit["time"], float)


def test_records_unknown_paths_too(tracker_client: FlaskClient) -> None:
    """Any request reaching the tracker counts, even one it cannot answer."""
    assert tracker_client.get("/favicon.ico").status_code == 404
    assert [hit["path"] for hit in hits(tracker_client)] == ["/favicon.ico"]


def test_reading_and_resetting_the_log_are_not_hits(tracker_client: FlaskClient) -> None:
    tracker_client.get("/collect?en=page_view")
    tracker_client.get("/embed/video")
    hits(tracker_client)

    response = tracker_client.post("/hits/reset")

    assert response.get_json() == {"cleared": 2}
    assert hits(tracker_client) == []


def test_hits_allow_any_origin(tracker_client: FlaskClient) -> None:
    assert tracker_client.get("/hits").headers["Access-Control-Allow-Origin"] == "*"
    assert tracker_client.post("/hits/reset").headers["Access-Control-Allow-Origin"] == "*"


def test_hit_log_is_shared_with_the_caller() -> None:
    log = HitLog()
    app = create_tracker_app(log)
    app.test_client().get("/collect")
    assert [hit["path"] for hit in log.snapshot()] == ["/collect"]
    assert app.extensions["hit_log"] is log


@pytest.mark.parametrize("path", ["/gtag/js?id=G-DEMO", "/pixel.gif", "/embed/video", "/collect"])
def test_responses_are_never_cached(tracker_client: FlaskClient, path: str) -> None:
    """A cached tag would load without a request, hiding it from the hit log."""
    assert tracker_client.get(path).headers["Cache-Control"] == "no-store"


def test_collect_accepts_get_and_beacon_posts(tracker_client: FlaskClient) -> None:
    assert tracker_client.get("/collect?v=2&en=page_view").status_code == 204
    assert tracker_client.post("/collect?v=2&en=page_view", data="").status_code == 204
    assert [hit["method"] for hit in hits(tracker_client)] == ["GET", "POST"]


def test_pixel_is_a_transparent_one_by_one_gif(tracker_client: FlaskClient) -> None:
    response = tracker_client.get("/pixel.gif?page=home")

    assert response.status_code == 200
    assert response.mimetype == "image/gif"
    assert response.data[:6] in (b"GIF87a", b"GIF89a")
    assert struct.unpack("<HH", response.data[6:10]) == (1, 1)


def test_pixel_sets_and_keeps_its_third_party_cookie(tracker_client: FlaskClient) -> None:
    first = tracker_client.get("/pixel.gif")
    cookie = tracker_client.get_cookie("_fm_px")
    assert cookie is not None and cookie.value
    assert "Max-Age=7776000" in first.headers["Set-Cookie"]

    tracker_client.get("/pixel.gif")
    assert tracker_client.get_cookie("_fm_px").value == cookie.value


def test_video_embed_looks_like_a_player(tracker_client: FlaskClient) -> None:
    response = tracker_client.get("/embed/video")

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert "<title>Flowmailer product video</title>" in page
    assert 'aria-label="Play video"' in page
    assert 'src="' not in page and "url(" not in page, "the player itself loads nothing"
    assert tracker_client.get_cookie("VISITOR_INFO1_LIVE") is not None


def test_gtag_is_javascript(tracker_client: FlaskClient) -> None:
    response = tracker_client.get("/gtag/js?id=G-DEMO")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"


def test_gtag_sets_the_google_analytics_cookies_on_the_host_page(
    tracker_client: FlaskClient,
) -> None:
    script = tracker_client.get("/gtag/js?id=G-DEMO").get_data(as_text=True)

    assert "document.cookie = name + " in script
    for call in (
        'writeCookie("_ga", ga, TWO_YEARS)',
        'writeCookie("_gid", gid, ONE_DAY)',
        'var name = "_ga_" + measurementId.replace(/^G-/, "")',  # G-DEMO -> _ga_DEMO
    ):
        assert call in script
    assert "path=/" in script
    assert "var TWO_YEARS = 2 * 365 * 24 * 3600" in script
    assert "var ONE_DAY = 24 * 3600" in script


def test_gtag_sends_page_views_to_its_own_origin(tracker_client: FlaskClient) -> None:
    script = tracker_client.get("/gtag/js?id=G-DEMO").get_data(as_text=True)

    assert "document.currentScript" in script
    assert 'trackerOrigin + "/collect?"' in script
    assert 'hit(measurementId, "page_view")' in script
    assert "window.dataLayer = window.dataLayer || []" in script
