"""DuckDuckGo's autoconsent, its own build and rules (pinned in package-lock.json), on our demo.

DuckDuckGo's browsers answer consent pop-ups for their users with these rules;
its ``cookieconsent3`` rule finds vanilla-cookieconsent's markup. Driven as the
package's own Playwright runner drives it (``playwright/runner.ts``): the
content script is evaluated in the page, talks through one binding, and is
answered with the rules and an opt-out.
"""

import json

from playwright.sync_api import expect

from tests.support import REPO

AUTOCONSENT = REPO / "node_modules" / "@duckduckgo" / "autoconsent"
CONFIG = {
    "enabled": True,
    "autoAction": "optOut",
    "disabledCmps": [],
    "enablePrehide": False,
    "detectRetries": 20,
    "enableCosmeticRules": True,
}


def test_autoconsent_recognises_the_banner_and_its_opt_out_leaves_a_refusal(
    page, servers, banner, recorder
):
    script = (AUTOCONSENT / "dist" / "autoconsent.playwright.js").read_text(encoding="utf-8")
    rules = json.loads((AUTOCONSENT / "rules" / "rules.json").read_text(encoding="utf-8"))
    answer = json.dumps({"autoconsent": rules["autoconsent"]})
    received = []

    def on_message(source, message) -> None:
        received.append(message)
        frame = source["frame"]
        kind = message["type"]
        if kind == "init":
            frame.evaluate(
                "([config, rules]) => autoconsentReceiveMessage("
                "{type: 'initResp', config, rules: JSON.parse(rules)})",
                [CONFIG, answer],
            )
        elif kind == "eval":
            result = frame.evaluate(message["code"])
            frame.evaluate(
                "m => autoconsentReceiveMessage(m)",
                {"id": message["id"], "type": "evalResp", "result": result},
            )
        elif kind == "autoconsentDone":
            frame.evaluate("window.autoconsentFinished = true")

    page.expose_binding("autoconsentSendMessage", on_message)
    page.goto(servers.site + "/en/", wait_until="commit")
    page.evaluate(script)
    page.wait_for_function("() => window.autoconsentFinished === true")
    kinds = {m["type"]: m for m in received}
    assert kinds["cmpDetected"]["cmp"] == "cookieconsent3"
    assert kinds["popupFound"]["cmp"] == "cookieconsent3"
    assert kinds["optOutResult"]["result"] is True
    expect(banner.consent_modal).to_have_count(0)
    assert banner.consent_cookie()["categories"] == ["necessary"]
    assert "autoconsentError" not in kinds
    assert recorder.urls(servers.tracker) == []
