"""Google Consent Mode v2, basic mode: denied by default, updated before tags run."""

from e2e.assertions import DATA_LAYER, DENIED, GRANTED, commands
from e2e.banner_actions import BannerActions


def test_default_is_denied_before_any_choice(page, servers, recorder):
    banner = BannerActions(page, servers)
    banner.open()
    assert page.evaluate(DATA_LAYER) == [["consent", "default", DENIED]]
    assert recorder.urls(servers.tracker) == []


def test_accepting_updates_consent_before_the_google_tag_runs(page, servers, recorder):
    banner = BannerActions(page, servers)
    banner.open()
    with page.expect_request(servers.tracker + "/collect*"):
        banner.accept_all()
    layer = page.evaluate(DATA_LAYER)
    assert layer[1] == ["consent", "update", GRANTED]
    assert commands(page)[:4] == [["consent", "default"], ["consent", "update"], ["js"], ["config"]]
    banner.open("/en/product")
    page.wait_for_function("() => window.demoAnalyticsRuns === 1")
    assert commands(page)[:4] == [["consent", "default"], ["consent", "update"], ["js"], ["config"]]
    assert page.evaluate(DATA_LAYER)[1] == ["consent", "update", GRANTED]


def test_refusing_keeps_everything_denied_and_no_tag_loads(page, servers, recorder):
    banner = BannerActions(page, servers)
    banner.open()
    banner.reject_all()
    assert page.evaluate(DATA_LAYER) == [
        ["consent", "default", DENIED],
        ["consent", "update", DENIED],
    ]
    banner.open("/en/contact")
    assert page.evaluate(DATA_LAYER) == [
        ["consent", "default", DENIED],
        ["consent", "update", DENIED],
    ]
    assert recorder.urls(servers.tracker) == []


def test_analytics_only_grants_only_analytics_storage(page, servers, recorder):
    banner = BannerActions(page, servers)
    banner.open()
    banner.open_preferences()
    banner.save_preferences(Analytics=True)
    update = page.evaluate(DATA_LAYER)[1][2]
    assert update == {**DENIED, "analytics_storage": "granted"}
