"""The demo site: both languages, the blocked tracker markup, the form and the language choice."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from demo_site import create_app, create_tracker_app, start_server
from demo_site.contact import validate_contact
from demo_site.content import TEXTS
from tests.support import REPO

CONSENT = "http://127.0.0.1:5000"
TRACKER = "http://127.0.0.1:8001"
PAGES = [(lang, page) for lang in ("nl", "en") for page in ("", "product", "contact")]


class Element:
    def __init__(self, tag: str, attrs: dict[str, str | None], in_head: bool) -> None:
        self.tag = tag
        self.attrs = attrs
        self.in_head = in_head
        self.text = ""

    def get(self, name: str) -> str | None:
        return self.attrs.get(name)


class PageParser(HTMLParser):
    """Collects every element with its attributes, and the text of scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[Element] = []
        self.in_head = False
        self.open_script: Element | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "head":
            self.in_head = True
        element = Element(tag, dict(attrs), self.in_head)
        self.elements.append(element)
        if tag == "script":
            self.open_script = element

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False
        if tag == "script":
            self.open_script = None

    def handle_data(self, data: str) -> None:
        if self.open_script is not None:
            self.open_script.text += data


def parse(html: str) -> list[Element]:
    parser = PageParser()
    parser.feed(html)
    return parser.elements


@pytest.fixture
def site() -> Flask:
    return create_app(consent_url=CONSENT + "/", tracker_url=TRACKER)


@pytest.fixture
def site_client(site: Flask) -> FlaskClient:
    return site.test_client()


def get_page(client: FlaskClient, path: str) -> list[Element]:
    response = client.get(path)
    assert response.status_code == 200, path
    return parse(response.get_data(as_text=True))


def blocked(elements: list[Element], category: str) -> list[Element]:
    return [e for e in elements if e.get("data-category") == category]


@pytest.mark.parametrize(("lang", "page"), PAGES)
def test_page_declares_its_language(site_client: FlaskClient, lang: str, page: str) -> None:
    [html] = [e for e in get_page(site_client, f"/{lang}/{page}") if e.tag == "html"]
    assert html.get("lang") == lang


@pytest.mark.parametrize(("lang", "page"), PAGES)
def test_page_embeds_the_banner_with_one_async_script_in_head(
    site_client: FlaskClient, lang: str, page: str
) -> None:
    elements = get_page(site_client, f"/{lang}/{page}")
    live_scripts = [e for e in elements if e.tag == "script" and e.get("type") is None]

    [embed] = live_scripts
    assert embed.attrs == {"src": f"{CONSENT}/consent.js", "async": None}
    assert embed.in_head


@pytest.mark.parametrize(("lang", "page"), PAGES)
def test_google_analytics_is_blocked_until_consent(
    site_client: FlaskClient, lang: str, page: str
) -> None:
    elements = get_page(site_client, f"/{lang}/{page}")
    tag, inline = blocked(elements, "analytics")

    assert tag.attrs == {
        "type": "text/plain",
        "data-category": "analytics",
        "data-service": "google-analytics",
        "data-src": f"{TRACKER}/gtag/js?id=G-DEMO",
    }
    assert tag.text == ""
    assert inline.attrs == {
        "type": "text/plain",
        "data-category": "analytics",
        "data-service": "google-analytics",
    }
    code = " ".join(inline.text.split())
    assert code == (
        "window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} "
        "gtag('js', new Date()); gtag('config', 'G-DEMO'); "
        "window.demoAnalyticsRuns = (window.demoAnalyticsRuns || 0) + 1;"
    )


@pytest.mark.parametrize(("lang", "page"), PAGES)
def test_withdrawal_script_waits_for_analytics_to_be_withdrawn(
    site_client: FlaskClient, lang: str, page: str
) -> None:
    [script] = blocked(get_page(site_client, f"/{lang}/{page}"), "!analytics")
    assert script.tag == "script"
    assert script.get("type") == "text/plain"
    assert script.text == (
        "window.demoAnalyticsWithdrawnRuns = (window.demoAnalyticsWithdrawnRuns || 0) + 1;"
    )


@pytest.mark.parametrize(
    ("lang", "page", "pixel_page"),
    [
        ("nl", "", "home"),
        ("en", "product", "product"),
        ("en", "contact", "contact"),
    ],
)
def test_tracking_pixel_is_blocked_until_marketing_consent(
    site_client: FlaskClient, lang: str, page: str, pixel_page: str
) -> None:
    elements = get_page(site_client, f"/{lang}/{page}")
    [pixel] = [e for e in blocked(elements, "marketing") if e.tag == "img"]
    assert pixel.attrs == {
        "class": "tracking-pixel",
        "data-category": "marketing",
        "data-service": "tracking-pixel",
        "data-src": f"{TRACKER}/pixel.gif?page={pixel_page}",
        "alt": "",
        "width": "1",
        "height": "1",
    }


@pytest.mark.parametrize(
    ("lang", "page", "note", "button"),
    [
        ("nl", "product", "zodra je marketingcookies toestaat", "Cookie-instellingen openen"),
        ("en", "product", "once you allow marketing cookies", "Open cookie settings"),
        ("nl", "", "zodra je marketingcookies toestaat", "Cookie-instellingen openen"),
        ("en", "", "once you allow marketing cookies", "Open cookie settings"),
    ],
)
def test_video_waits_for_marketing_consent_and_says_so(
    site_client: FlaskClient, lang: str, page: str, note: str, button: str
) -> None:
    html = site_client.get(f"/{lang}/{page}").get_data(as_text=True)
    [iframe] = [e for e in blocked(parse(html), "marketing") if e.tag == "iframe"]

    assert iframe.get("data-service") == "video-embed"
    assert iframe.get("data-src") == f"{TRACKER}/embed/video"
    assert iframe.get("src") is None
    assert iframe.get("title") == TEXTS[lang]["video_frame_title"]
    placeholder = html[html.index("video-placeholder") :]
    assert note in placeholder
    assert re.search(
        rf'<button type="button"[^>]*data-cc="show-preferencesModal">{button}</button>', placeholder
    )


@pytest.mark.parametrize(("lang", "page"), PAGES)
def test_nothing_loads_from_anywhere_but_the_site_and_the_consent_server(
    site_client: FlaskClient, lang: str, page: str
) -> None:
    for element in get_page(site_client, f"/{lang}/{page}"):
        loads = [element.get("src"), element.get("srcset"), element.get("poster")]
        if element.tag == "link":
            loads.append(element.get("href"))
        for url in filter(None, loads):
            assert url.startswith("/") and not url.startswith("//") or url.startswith(CONSENT), (
                element.tag,
                url,
            )


def test_stylesheet_loads_no_fonts_or_images_from_elsewhere(site_client: FlaskClient) -> None:
    with site_client.get("/static/site.css") as response:
        css = response.get_data(as_text=True)
    assert "@import" not in css
    assert "url(" in css, "the check below must have something to check"
    assert re.findall(r"url\(\s*(?!['\"]?data:)", css) == []


@pytest.mark.parametrize(
    ("lang", "settings", "privacy", "cookies"),
    [
        ("nl", "Cookie-instellingen", "Privacybeleid", "Cookiebeleid"),
        ("en", "Cookie settings", "Privacy policy", "Cookie policy"),
    ],
)
def test_footer_links_to_policies_and_cookie_settings(
    site_client: FlaskClient, lang: str, settings: str, privacy: str, cookies: str
) -> None:
    html = site_client.get(f"/{lang}/contact").get_data(as_text=True)
    footer = html[html.index("<footer") : html.index("</footer>")]

    assert f'data-cc="show-preferencesModal">{settings}</button>' in footer
    assert f'<a href="{CONSENT}/privacy?lang={lang}">{privacy}</a>' in footer
    assert f'<a href="{CONSENT}/cookies?lang={lang}">{cookies}</a>' in footer


@pytest.mark.parametrize(
    ("cookie", "accept_language", "expected"),
    [
        (None, None, "/nl/"),
        (None, "en-US,en;q=0.9", "/en/"),
        (None, "nl-BE,nl;q=0.9,en;q=0.5", "/nl/"),
        (None, "de-DE,de;q=0.9", "/nl/"),
        (None, "de-DE,de;q=0.9,en;q=0.5", "/en/"),
        ("en", "nl", "/en/"),
        ("nl", "en", "/nl/"),
        ("fr", "en", "/en/"),
    ],
)
def test_root_redirects_to_the_visitors_language(
    site_client: FlaskClient, cookie: str | None, accept_language: str | None, expected: str
) -> None:
    if cookie is not None:
        site_client.set_cookie("fm_lang", cookie)
    headers = {"Accept-Language": accept_language} if accept_language else {}

    response = site_client.get("/", headers=headers)

    assert response.status_code == 302
    assert response.headers["Location"] == expected
    assert {"Cookie", "Accept-Language"} <= set(response.vary)


def test_language_switch_remembers_the_choice_for_a_year(site_client: FlaskClient) -> None:
    response = site_client.get("/lang/en?next=/en/product")

    assert response.status_code == 302
    assert response.headers["Location"] == "/en/product"
    set_cookie = response.headers["Set-Cookie"]
    assert set_cookie.startswith("fm_lang=en;")
    assert "Max-Age=31536000" in set_cookie
    assert "Path=/" in set_cookie
    assert "SameSite=Lax" in set_cookie
    assert site_client.get("/").headers["Location"] == "/en/"


@pytest.mark.parametrize(
    "target", ["//evil.example/", "https://evil.example/", "/\\evil.example", ""]
)
def test_language_switch_stays_on_the_site(site_client: FlaskClient, target: str) -> None:
    response = site_client.get("/lang/nl", query_string={"next": target})
    assert response.headers["Location"] == "/nl/"


@pytest.mark.parametrize(
    ("path", "switch"),
    [
        ("/nl/", "/lang/en?next=/en/"),
        ("/nl/product", "/lang/en?next=/en/product"),
        ("/en/contact", "/lang/nl?next=/nl/contact"),
    ],
)
def test_language_switch_link_leads_to_the_same_page(
    site_client: FlaskClient, path: str, switch: str
) -> None:
    elements = get_page(site_client, path)
    assert any(e.tag == "a" and e.get("href") == switch for e in elements)


def test_pages_set_no_cookies(site_client: FlaskClient) -> None:
    """Only the visitor's own language choice may store something before consent."""
    for lang, page in PAGES:
        assert "Set-Cookie" not in site_client.get(f"/{lang}/{page}").headers


def test_unknown_language_is_not_found(site_client: FlaskClient) -> None:
    response = site_client.get("/de/")
    assert response.status_code == 404
    assert '<html lang="nl">' in response.get_data(as_text=True)


def test_contact_form_thanks_the_visitor_without_any_cookie(
    site: Flask, site_client: FlaskClient
) -> None:
    response = site_client.post(
        "/en/contact",
        data={
            "name": "Ada <Lovelace>",
            "company": "Analytical Engines",
            "email": "ada@example.com",
            "topic": "demo",
            "message": "Please show me a demo.",
        },
    )

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Thank you for your message" in html
    assert "Thank you, Ada &lt;Lovelace&gt;." in html
    assert "ada@example.com" in html
    assert "Set-Cookie" not in response.headers
    assert blocked(parse(html), "analytics"), "the thank-you page carries the blocked tags too"
    [message] = site.extensions["contact_messages"]
    assert message["name"] == "Ada <Lovelace>"
    assert message["topic"] == "demo"
    assert message["lang"] == "en"


def test_contact_form_explains_mistakes_in_the_pages_language(
    site: Flask, site_client: FlaskClient
) -> None:
    response = site_client.post(
        "/nl/contact",
        data={"name": "Jan", "email": "jan-at-example", "topic": "demo", "message": ""},
    )

    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Controleer de gemarkeerde velden." in html
    assert "Vul een geldig e-mailadres in." in html
    assert "Schrijf een kort bericht." in html
    assert 'value="Jan"' in html
    assert 'value="jan-at-example"' in html
    assert site.extensions["contact_messages"] == []


@pytest.mark.parametrize(
    ("form", "errors"),
    [
        ({"name": "A", "email": "a@b.nl", "topic": "pricing", "message": "Hi"}, []),
        ({"name": " ", "email": "a@b.nl", "topic": "demo", "message": "Hi"}, ["name"]),
        ({"name": "A", "email": "a@b", "topic": "demo", "message": "Hi"}, ["email"]),
        ({"name": "A", "email": "a b@c.nl", "topic": "demo", "message": "Hi"}, ["email"]),
        ({"name": "A", "email": "@c.nl", "topic": "demo", "message": "Hi"}, ["email"]),
        ({"name": "A", "email": "a@b.nl", "topic": "spam", "message": "Hi"}, ["topic"]),
        ({}, ["name", "email", "topic", "message"]),
    ],
)
def test_validate_contact(form: dict[str, str], errors: list[str]) -> None:
    assert validate_contact(form)[1] == errors


def test_validate_contact_trims_and_limits_fields() -> None:
    data, _ = validate_contact({"name": "  Jan  ", "message": "x" * 10_000})
    assert data["name"] == "Jan"
    assert len(data["message"]) == 5000


def test_both_languages_have_the_same_texts() -> None:
    assert TEXTS["nl"].keys() == TEXTS["en"].keys()


def test_start_server_serves_on_a_free_port_until_shutdown() -> None:
    server, base_url = start_server(create_tracker_app(), url_host="localhost")
    try:
        assert re.fullmatch(r"http://localhost:\d+", base_url)
        assert base_url.endswith(f":{server.server_port}")
        with urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}/hits") as response:
            assert response.status == 200
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_demo_runner_starts_all_three_servers_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    ports = {name: free_port() for name in ("DEMO_PORT", "TRACKER_PORT", "CONSENT_PORT")}
    env = {
        **os.environ,
        **{name: str(port) for name, port in ports.items()},
        "CONSENT_DATABASE_URL": f"sqlite:///{tmp_path / 'consent.sqlite'}",
        "PYTHONUNBUFFERED": "1",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "demo_site"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        lines = []
        while "Press Ctrl-C" not in "".join(lines):
            line = process.stdout.readline()
            assert line, "the demo exited before it was ready"
            lines.append(line)
        output = "".join(lines)
        site_url = f"http://localhost:{ports['DEMO_PORT']}"
        consent_url = f"http://127.0.0.1:{ports['CONSENT_PORT']}"
        tracker_url = f"http://127.0.0.1:{ports['TRACKER_PORT']}"
        for url in (site_url, consent_url, tracker_url):
            assert url in output

        with urllib.request.urlopen(f"http://127.0.0.1:{ports['DEMO_PORT']}/en/") as response:
            page = response.read().decode()
        assert f'<script src="{consent_url}/consent.js" async></script>' in page
        assert f'data-src="{tracker_url}/gtag/js?id=G-DEMO"' in page

        preflight = urllib.request.Request(
            f"{consent_url}/api/consent",
            method="OPTIONS",
            headers={
                "Origin": site_url,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type",
            },
        )
        with urllib.request.urlopen(preflight) as response:
            assert response.headers["Access-Control-Allow-Origin"] == site_url
        with urllib.request.urlopen(f"{tracker_url}/hits") as response:
            assert response.read() == b"[]\n"

        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
