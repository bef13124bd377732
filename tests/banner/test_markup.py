"""The consent modal's markup: one description for the server's HTML and the browser's DOM."""

from banner import markup
from banner.config import localize
from tests.support import site_config


def _view(lang: str = "en") -> dict:
    return localize(site_config(), lang)


def _walk(tree):
    yield tree
    for child in tree[2]:
        if not isinstance(child, str):
            yield from _walk(child)


def _actions(tree) -> list:
    return [n[1]["data-cc-action"] for n in _walk(tree) if "data-cc-action" in n[1]]


def test_consent_modal_is_a_named_non_modal_dialog_in_its_language():
    tag, attributes, _ = markup.consent_modal(_view("nl"), markup.policy_paths("nl"), {})
    assert tag == "div"
    assert attributes["role"] == "dialog"
    assert attributes["aria-modal"] == "false"
    assert attributes["aria-labelledby"] == "cc-title"
    assert attributes["lang"] == "nl"


def test_accept_and_reject_share_one_style_and_preferences_follow():
    tree = markup.consent_modal(_view(), markup.policy_paths("en"), {})
    assert _actions(tree) == ["accept-all", "reject-all", "show-preferences"]
    pair = markup.equal_choices(_view()["texts"])
    assert {child[1]["class"] for child in pair[2]} == {"cc-choice cm__btn"}


def test_buttons_carry_vanillas_classes_and_roles():
    """Site scripts and privacy tools (autoconsent) find vanilla's buttons this way."""
    tree = markup.consent_modal(_view(), markup.policy_paths("en"), {})
    assert "cm-wrapper" in tree[1]["class"].split() and "cm" in tree[1]["class"].split()
    buttons = [n[1] for n in _walk(tree) if n[0] == "button"]
    assert [b["data-role"] for b in buttons] == ["all", "necessary", "show"]
    assert all("cm__btn" in b["class"].split() for b in buttons)
    pm = markup.equal_choices(_view()["texts"], "pm")
    assert [c[1]["class"] for c in pm[2]] == ["cc-choice pm__btn"] * 2


def test_notices_come_before_the_description():
    tree = markup.consent_modal(_view(), markup.policy_paths("en"), {"cc-note": "Changed."})
    ids = [n[1].get("id") for n in _walk(tree)]
    assert ids.index("cc-note") < ids.index("cc-desc")


def test_policy_paths_are_per_language_on_the_consent_server():
    assert markup.policy_paths("nl") == {
        "privacyPolicy": "/privacy?lang=nl",
        "cookiePolicy": "/cookies?lang=nl",
    }


def test_html_escapes_text_and_attributes():
    tree = markup.node("p", {"title": '"><script>'}, "<b>&</b>")
    assert (
        markup.to_html(tree) == '<p title="&quot;&gt;&lt;script&gt;">&lt;b&gt;&amp;&lt;/b&gt;</p>'
    )


def test_html_of_the_consent_modal_holds_every_text_and_link():
    view = _view()
    html = markup.to_html(markup.consent_modal(view, markup.policy_paths("en"), {}))
    for key in ("consentTitle", "acceptAll", "rejectAll", "preferences", "privacyPolicy"):
        assert markup.to_html(view["texts"][key]) in html
    assert 'href="/cookies?lang=en"' in html
