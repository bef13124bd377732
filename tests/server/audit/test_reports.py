import json

from server.audit.reports import html_report, json_report, terminal_table

FINDING = {
    "kind": "escape",
    "state": "no choice",
    "page": "http://localhost/x",
    "subject": "http://t/p.gif",
    "element": '<noscript><img src="http://t/p.gif">',
    "detail": "loads for every visitor without JavaScript",
}


def report(findings):
    states = {
        state: {
            "pages": ["http://localhost/x"],
            "requests": [{"url": "http://t/p.gif", "third_party": True}],
            "storage": [],
            "cookies": [
                {
                    "name": "_ga",
                    "category": "analytics",
                    "domain": "localhost",
                    "provider": "Google",
                    "source": "site config",
                    "set_by": "s.js:1",
                }
            ],
            "screenshot": "iVBORw0KGgo=",
        }
        for state in ("no choice", "reject all", "accept all")
    }
    return {
        "site": "http://localhost",
        "consent": "http://c",
        "states": states,
        "findings": findings,
    }


def test_the_table_summarises_each_state_then_lists_findings():
    text = terminal_table(report([FINDING]))
    lines = text.splitlines()
    assert lines[0].startswith("no choice") and "_ga [analytics]" in lines[0]
    assert "1 third-party" in lines[0]
    assert lines[-1].startswith("escape") and "<noscript><img" in lines[-1]
    assert terminal_table(report([])).endswith("No findings.")


def test_json_leaves_screenshots_to_the_html():
    data = json.loads(json_report(report([FINDING])))
    assert "screenshot" not in data["states"]["accept all"]
    assert data["findings"] == [FINDING]


def test_the_html_page_has_a_verdict_a_screenshot_per_state_and_escapes_markup():
    page = html_report(report([FINDING]), ("escape",))
    assert "1 violation (escape)" in page
    assert page.count('src="data:image/png;base64,iVBORw0KGgo="') == 3
    assert "&lt;noscript&gt;&lt;img" in page and "<noscript><img" not in page
    assert "No violations (undeclared)" in html_report(report([FINDING]), ("undeclared",))
