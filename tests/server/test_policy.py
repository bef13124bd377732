"""``/privacy``, ``/cookies`` and ``/api/policy/<document>``: the NL/EN policy.

The Dutch text is compared with the seed block by block, so an edit that
drifts from what Flowmailer published fails here.
"""

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape

from server import create_app, db
from server.settings import DEFAULT_SITE_CONFIG

# A verbatim copy of ../shared/seed/, the policy as Flowmailer published it on 12 July 2019.
SEED = Path(__file__).parent / "data" / "flowmailer-privacy-cookie-policy.nl.txt"

# The seed's section headings, in order (each is checked to be a line of the seed).
SEED_HEADINGS = {
    "privacy": [
        "Inleiding",
        "Welke persoonsgegevens verwerken wij?",
        "Waarom verwerken wij die persoonsgegevens?",
        "Uitwisseling met derden",
        "Gegevens binnen de EER",
        "Geautomatiseerde besluitvorming en profilering",
        "Bewaartermijn",
        "Beveiliging van persoonsgegevens",
        "Rechten van betrokkenen",
        "Informatie en inzage",
        "Rectificatie",
        "Vergetelheid en beperking",
        "Bezwaar (verzet)",
        "Overdraagbaarheid",
        "Uitoefening van de rechten",
        "Termijnen",
        "Identificatie",
        "Individuele afweging bij ieder verzoek",
        "Wijzigingen",
        "Contact en vragen",
    ],
    "cookies": [
        "Wat zijn cookies?",
        "Waarom gebruiken wij cookies?",
        "Hoe kan ik cookies verwijderen?",
        "Meer informatie",
    ],
}
# Not in the seed: the cookie table generated from the site config.
GENERATED_HEADINGS = {"nl": "Welke cookies gebruiken wij?", "en": "Which cookies do we use?"}
# A stray banner title in the scraped seed, between the two documents.
BANNER_LEFTOVER = "Wil je cookies op de Flowmailer website toestaan?"
PAGES = {"privacy": "/privacy", "cookies": "/cookies"}


def seed_blocks() -> dict[str, list[str]]:
    """The seed as text blocks: paragraphs (line breaks kept) and single list items."""
    blocks: list[str] = []
    for chunk in re.split(r"\n\s*\n", SEED.read_text(encoding="utf-8").strip()):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        if all(line.startswith("•") for line in lines):
            blocks.extend(line.lstrip("• ").strip() for line in lines)
        else:
            blocks.append("\n".join(lines))
    split = blocks.index(BANNER_LEFTOVER)
    return {"privacy": blocks[:split], "cookies": blocks[split + 1 :]}


def segments_text(line: list[dict[str, str]]) -> str:
    return "".join(segment["text"] for segment in line)


def document_blocks(page: dict[str, Any]) -> list[str]:
    """The API's content as seed-style blocks, generated sections left out."""
    blocks = [page["title"]] + ([page["subtitle"]] if page["subtitle"] else [])
    for section in page["sections"]:
        if "cookieTable" in section:
            continue
        if section["heading"]:
            blocks.append(section["heading"])
        for block in section["blocks"]:
            if block["type"] == "list":
                blocks.extend(segments_text(item) for item in block["items"])
            else:
                blocks.append("\n".join(segments_text(line) for line in block["lines"]))
    return blocks


def page_headings(body: str) -> list[str]:
    """Section headings of a rendered page (the contents box has an id, so is skipped)."""
    return [html.unescape(text) for _, text in re.findall(r"<h([23])>(.*?)</h\1>", body)]


def cookie_rows(body: str) -> list[tuple[str, str, str]]:
    row = r'<tr data-cookie="([^"]+)" data-category="([^"]+)" data-party="([^"]+)"'
    return re.findall(row, body)


def config_cookies() -> list[dict[str, Any]]:
    config = json.loads(DEFAULT_SITE_CONFIG.read_text(encoding="utf-8"))
    return [
        {**cookie, "category": category["id"]}
        for category in config["categories"]
        for service in category["services"]
        for cookie in service["cookies"]
    ]


@pytest.mark.parametrize("document", ["privacy", "cookies"])
def test_dutch_text_is_the_seed_block_by_block(client, document):
    page = client.get(f"/api/policy/{document}?lang=nl").json
    assert document_blocks(page) == seed_blocks()[document]


@pytest.mark.parametrize("document", ["privacy", "cookies"])
def test_dutch_page_headings_are_the_seeds_in_order(client, document):
    seed_lines = SEED.read_text(encoding="utf-8").splitlines()
    assert all(heading in seed_lines for heading in SEED_HEADINGS[document])
    response = client.get(f"{PAGES[document]}?lang=nl")
    assert response.status_code == 200
    headings = [h for h in page_headings(response.text) if h != GENERATED_HEADINGS["nl"]]
    assert headings == SEED_HEADINGS[document]


@pytest.mark.parametrize("document", ["privacy", "cookies"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_page_in_each_language(client, document, lang):
    response = client.get(f"{PAGES[document]}?lang={lang}")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert response.headers["Content-Language"] == lang
    assert f'<html lang="{lang}">' in response.text
    assert '<time datetime="2019-07-12">' in response.text
    assert ("12 juli 2019" if lang == "nl" else "12 July 2019") in response.text
    assert '<nav class="toc"' in response.text
    other = "en" if lang == "nl" else "nl"
    assert f'href="{PAGES[document]}?lang={other}"' in response.text  # the language switch
    api = client.get(f"/api/policy/{document}?lang={lang}").json
    assert page_headings(response.text) == [s["heading"] for s in api["sections"] if s["heading"]]
    assert api["version"] == "1" and api["effective"] == "2019-07-12"


@pytest.mark.parametrize("document", ["privacy", "cookies"])
def test_english_has_the_same_sections_as_dutch(client, document):
    nl = client.get(f"/api/policy/{document}?lang=nl").json
    en = client.get(f"/api/policy/{document}?lang=en").json
    assert [s["id"] for s in en["sections"]] == [s["id"] for s in nl["sections"]]
    for dutch, english in zip(nl["sections"], en["sections"], strict=True):
        assert (dutch["heading"] is None) == (english["heading"] is None)
        assert [b["type"] for b in dutch["blocks"]] == [b["type"] for b in english["blocks"]]
        assert dutch["heading"] is None or dutch["heading"] != english["heading"]
    nl_ids = re.findall(r'data-section="([^"]+)"', client.get(f"{PAGES[document]}?lang=nl").text)
    en_ids = re.findall(r'data-section="([^"]+)"', client.get(f"{PAGES[document]}?lang=en").text)
    assert nl_ids == en_ids == [s["id"] for s in nl["sections"]]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_cookie_table_lists_exactly_the_configs_cookies(client, lang):
    body = client.get(f"/cookies?lang={lang}").text
    expected = [(c["name"], c["category"], c["party"]) for c in config_cookies()]
    assert cookie_rows(body) == expected
    for cookie in config_cookies():
        assert str(escape(cookie["purpose"][lang])) in body
        assert str(escape(cookie["lifetime"][lang])) in body
    rows = client.get(f"/api/policy/cookies?lang={lang}").json["sections"]
    table = next(s["cookieTable"] for s in rows if "cookieTable" in s)
    assert [(r["name"], r["categoryId"], r["party"]) for r in table] == expected
    assert table[0]["purpose"] == config_cookies()[0]["purpose"][lang]


# Without ?lang= or a usable Accept-Language: the site config's defaultLanguage ("en").
@pytest.mark.parametrize(
    ("query", "headers", "language"),
    [
        ("", {}, "en"),
        ("", {"Accept-Language": "en-GB,en;q=0.9"}, "en"),
        ("", {"Accept-Language": "fr-FR,fr;q=0.9"}, "en"),
        ("", {"Accept-Language": "nl-NL,nl;q=0.9"}, "nl"),
        ("?lang=en", {"Accept-Language": "nl"}, "en"),
        ("?lang=EN", {}, "en"),
        ("?lang=nl-BE", {"Accept-Language": "en"}, "nl"),
    ],
)
def test_language_choice(client, query, headers, language):
    response = client.get(f"/privacy{query}", headers=headers)
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.text
    assert "Accept-Language" in response.headers["Vary"]


@pytest.mark.parametrize(
    ("headers", "language", "note"),
    [
        ({"Accept-Language": "nl"}, "nl", "De taal „de” is niet beschikbaar"),
        ({}, "en", "The language “de” is not available"),
    ],
)
def test_unknown_lang_on_a_page_falls_back_and_says_so(client, headers, language, note):
    response = client.get("/cookies?lang=de", headers=headers)
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.text
    assert note in response.text


def test_the_fallback_is_the_site_configs_default_language(app_config, tmp_path):
    config = json.loads(DEFAULT_SITE_CONFIG.read_text(encoding="utf-8"))
    config["defaultLanguage"] = "nl"
    site = tmp_path / "dutch-first.json"
    site.write_text(json.dumps(config), encoding="utf-8")
    client = create_app({**app_config, "SITE_CONFIG": str(site)}).test_client()
    response = client.get("/privacy", headers={"Accept-Language": "fr"})
    assert '<html lang="nl">' in response.text


def test_unknown_lang_on_the_api_is_a_json_404(client):
    response = client.get("/api/policy/privacy?lang=de")
    assert response.status_code == 404
    assert response.json["code"] == 404
    assert "'de'" in response.json["description"]


@pytest.mark.parametrize(
    "url",
    [
        "/privacy?version=2",
        "/cookies?version=0",
        "/privacy?version=<script>",
        "/api/policy/privacy?version=99",
        "/api/policy/terms",
    ],
)
def test_unknown_version_or_document_is_a_json_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.json["code"] == 404
    assert response.json["message"] == "Not Found"


def test_explicit_current_version_is_served_and_kept_in_the_language_switch(client):
    response = client.get("/privacy?version=1&lang=en")
    assert response.status_code == 200
    assert 'href="/privacy?lang=nl&amp;version=1"' in response.text


def test_rights_link_to_the_ledger_and_state_the_retention(app_config):
    app = create_app({**app_config, "RETENTION_DAYS": 30})
    try:
        client = app.test_client()
        nl = client.get("/privacy?lang=nl").text
        en = client.get("/api/policy/privacy?lang=en").json
    finally:
        with app.app_context():
            db.engine.dispose()
    assert "GET http://localhost/api/consent/{consentId}</code>" in nl
    assert "?format=csv" in nl
    assert "POST http://localhost/api/consent/{consentId}/erase" in nl
    assert "30 dagen" in nl
    notes = {n["kind"]: (s["id"], n) for s in en["sections"] for n in s["ledger"]}
    assert notes["access"][0] == "right-of-access"
    assert notes["erase"][0] == "erasure"
    assert notes["export"][0] == "portability"
    assert notes["access"][1]["url"] == "http://localhost/api/consent/{consentId}"
    assert "30 days" in notes["retention"][1]["text"]


@pytest.fixture
def hostile_site(tmp_path: Path) -> Path:
    """The Flowmailer config with HTML and script in the texts the pages show."""
    config = json.loads(DEFAULT_SITE_CONFIG.read_text(encoding="utf-8"))
    config["company"]["name"] = '<script>alert("name")</script> B.V.'
    config["company"]["email"] = "privacy@example.test"
    cookie = config["categories"][1]["services"][0]["cookies"][0]
    cookie["provider"] = "<img src=x onerror=alert(1)>"
    cookie["purpose"]["en"] = "<b>bold</b> & more"
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    return path


def test_config_text_is_escaped_and_company_details_come_from_config(app_config, hostile_site):
    app = create_app({**app_config, "SITE_CONFIG": str(hostile_site)})
    try:
        client = app.test_client()
        privacy = client.get("/privacy?lang=en").text
        cookies = client.get("/cookies?lang=en").text
        api = client.get("/api/policy/privacy?lang=en").json
    finally:
        with app.app_context():
            db.engine.dispose()
    assert "<script>alert" not in privacy
    assert "&lt;script&gt;alert(&#34;name&#34;)&lt;/script&gt; B.V." in privacy
    assert "privacy@example.test" in privacy
    assert "hello@flowmailer.com" not in privacy
    assert "<img src=x" not in cookies and "&lt;img src=x onerror=alert(1)&gt;" in cookies
    assert "<b>bold</b>" not in cookies and "&lt;b&gt;bold&lt;/b&gt; &amp; more" in cookies
    assert api["subtitle"] == '<script>alert("name")</script> B.V.'  # JSON carries raw text


def test_pages_are_print_friendly_and_responsive(client):
    body = client.get("/privacy").text
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in body
    assert "@media print" in body
    assert "@media (max-width" in body


def test_the_privacy_pages_forms_reach_the_ledgers_own_routes(client, make_decision):
    decision = make_decision()
    consent_id = decision["consentId"]
    posted = client.post("/api/consent", json=decision)
    assert posted.status_code == 201
    key = posted.json["accessKey"]
    page = client.get("/privacy?lang=en").text
    assert 'method="post" action="/privacy/consent-records"' in page
    assert 'method="post" action="/privacy/consent-records/erase"' in page
    assert page.count('name="accessKey"') == 3

    form = {"consentId": consent_id.upper(), "accessKey": key, "format": "csv"}
    lookup = client.post("/privacy/consent-records", data=form)
    assert lookup.status_code == 307  # the POST, key and all, goes on to the ledger route
    assert lookup.headers["Location"] == f"/api/consent/{consent_id}"
    # The browser repeats the POST there, body and all (Werkzeug's client drops the body).
    records = client.post(lookup.headers["Location"], data=form)
    assert records.status_code == 200 and records.mimetype == "text/csv"

    without_key = {"consentId": consent_id}
    refused = client.post("/privacy/consent-records/erase", data=without_key, follow_redirects=True)
    assert refused.status_code == 401
    erase = client.post("/privacy/consent-records/erase", data={**without_key, "accessKey": key})
    assert erase.status_code == 307  # the browser repeats the POST at the ledger route
    assert erase.headers["Location"] == f"/api/consent/{consent_id}/erase"
    followed = client.post(erase.headers["Location"], data={**without_key, "accessKey": key})
    assert followed.status_code == 200
    assert followed.json["erasedRecords"] == 1


SOME_ID = "0b6c7c4e-8f2a-4c1e-9d3b-2a7e5f1c6d80"


@pytest.mark.parametrize(
    ("method", "url", "data"),
    [
        ("post", "/privacy/consent-records", {"consentId": "nope"}),
        ("post", "/privacy/consent-records", {}),
        ("post", "/privacy/consent-records", {"consentId": SOME_ID, "format": "xml"}),
        ("post", "/privacy/consent-records/erase", {"consentId": "../../admin"}),
    ],
)
def test_the_forms_reject_a_bad_consent_id_with_a_json_400(client, method, url, data):
    response = getattr(client, method)(url, data=data)
    assert response.status_code == 400
    assert response.json["code"] == 400
