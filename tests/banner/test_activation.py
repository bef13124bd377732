import pytest

from banner.activation import plan, should_activate

CHOICE = {"necessary": [], "analytics": ["google-analytics"], "marketing": ["video-embed"]}
NOTHING_WITHDRAWN = {}
ANALYTICS_WITHDRAWN = {"categories": ["analytics"], "services": ["google-analytics"]}


@pytest.mark.parametrize(
    ("category", "service", "taken_back", "expected"),
    [
        ("analytics", None, NOTHING_WITHDRAWN, True),
        ("analytics", "google-analytics", NOTHING_WITHDRAWN, True),
        ("marketing", "tracking-pixel", NOTHING_WITHDRAWN, False),
        ("marketing", "video-embed", NOTHING_WITHDRAWN, True),
        ("ads", None, NOTHING_WITHDRAWN, False),
        ("", None, NOTHING_WITHDRAWN, False),
        (None, None, NOTHING_WITHDRAWN, False),
        ("!analytics", None, NOTHING_WITHDRAWN, False),
        ("!marketing", None, NOTHING_WITHDRAWN, False),
        ("!analytics", None, ANALYTICS_WITHDRAWN, True),
        ("!analytics", "google-analytics", ANALYTICS_WITHDRAWN, True),
        ("!marketing", None, ANALYTICS_WITHDRAWN, False),
        ("marketing", "!tracking-pixel", {"categories": [], "services": ["tracking-pixel"]}, True),
        ("marketing", "!tracking-pixel", NOTHING_WITHDRAWN, False),
    ],
)
def test_should_activate(category, service, taken_back, expected):
    assert should_activate(category, service, CHOICE, taken_back) is expected


def test_a_withdrawn_service_runs_when_its_whole_category_is_withdrawn():
    """vanilla runs data-category="analytics" data-service="!google-analytics" then too."""
    rejected = {"necessary": []}
    assert should_activate("analytics", "!google-analytics", rejected, ANALYTICS_WITHDRAWN)
    assert not should_activate("analytics", "!google-analytics", rejected, NOTHING_WITHDRAWN)


def test_plan_keeps_document_order_and_skips_what_already_ran():
    elements = [
        ("analytics", None, False),
        ("marketing", "tracking-pixel", False),
        ("analytics", None, True),
        ("marketing", None, False),
        ("!analytics", None, False),
    ]
    assert plan(elements, CHOICE, NOTHING_WITHDRAWN) == [0, 3]
    assert plan(elements, {"necessary": []}, ANALYTICS_WITHDRAWN) == [4]
