"""The deliberately broken pages: each makes its one mistake, and no normal page links there."""

import pytest

from demo_site import create_app
from demo_site.broken import PAGES

TRACKER = "http://127.0.0.1:8001"


@pytest.fixture
def client():
    return create_app(consent_url="http://127.0.0.1:5000", tracker_url=TRACKER).test_client()


@pytest.mark.parametrize(
    ("name", "mistake"),
    [
        ("unblocked-tag", f'<script async src="{TRACKER}/gtag/js?id=G-LEAK"></script>'),
        ("noscript-pixel", f'<noscript><img src="{TRACKER}/pixel.gif?page=noscript"'),
        ("late-tracker", f'<script src="/broken/widget.js" data-tracker="{TRACKER}"></script>'),
        ("undeclared-cookie", '<script src="/broken/ab-test.js"></script>'),
        ("unknown-category", '<script type="text/plain" data-category="statistics">'),
    ],
)
def test_each_page_makes_its_mistake(client, name, mistake):
    page = client.get(f"/broken/{name}").get_data(as_text=True)
    assert mistake in page
    assert '/consent.js" async></script>' in page  # the banner is there all the same
    assert [other for other in PAGES if other != name and f"Broken: {other}<" in page] == []


def test_the_index_lists_every_page_and_the_scripts_are_javascript(client):
    index = client.get("/broken/").get_data(as_text=True)
    assert all(f'href="/broken/{name}"' in index for name in PAGES)
    for script in ("widget.js", "ab-test.js"):
        assert client.get(f"/broken/{script}").mimetype == "text/javascript"
    assert client.get("/broken/nothing").status_code == 404


@pytest.mark.parametrize("path", ["/en/", "/nl/", "/en/product", "/nl/contact"])
def test_no_normal_page_links_to_the_broken_ones(client, path):
    assert "/broken/" not in client.get(path).get_data(as_text=True)
