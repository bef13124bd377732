"""The consent modal's markup as plain data, so server and browser build the same thing.

A node is ``(tag, attributes, children)``; a child is a node or a text. The
server renders the consent modal to HTML inside ``/consent.js`` so the loader can
paint it before Brython has started; the browser builds the same nodes as DOM
(``ui.build``) when it has to, and otherwise adopts what the loader painted.
Texts are always escaped, so config strings can never inject markup.
"""

from banner.names import ACTION_ATTRIBUTE, CONSENT_MODAL_ID, SETTINGS_ID


def policy_paths(lang: str) -> dict:
    """Where the policies are on the consent server; the browser prefixes its origin."""
    return {
        "privacyPolicy": "/privacy?lang=" + lang,
        "cookiePolicy": "/cookies?lang=" + lang,
    }


def node(tag: str, attributes: dict, *children) -> tuple:
    return (tag, attributes, list(children))


# vanilla-cookieconsent's data-role for each action: site scripts and privacy
# tools (DuckDuckGo's autoconsent) find the buttons by ``.cm__btn[data-role=...]``.
ROLES = {"accept-all": "all", "reject-all": "necessary", "show-preferences": "show", "save": "save"}


def choice_button(label: str, css: str, action: str, layer="cm") -> tuple:
    """A button of the consent modal (``layer`` "cm"), the preferences ("pm") or
    neither (None: the settings button, which vanilla does not have)."""
    attributes = {"type": "button", "class": css, ACTION_ATTRIBUTE: action}
    if layer:
        attributes["class"] += " " + layer + "__btn"
        attributes["data-role"] = ROLES[action]
    return node("button", attributes, label)


def equal_choices(texts: dict, layer: str = "cm") -> tuple:
    """Accept and reject side by side with one style, on both layers."""
    return node(
        "div",
        {"class": "cc-pair"},
        choice_button(texts["acceptAll"], "cc-choice", "accept-all", layer),
        choice_button(texts["rejectAll"], "cc-choice", "reject-all", layer),
    )


def policy_links(texts: dict, links: dict) -> tuple:
    anchors = [
        node("a", {"href": links[key], "target": "_blank", "rel": "noopener"}, texts[key])
        for key in ("privacyPolicy", "cookiePolicy")
    ]
    return node("p", {"class": "cc-links"}, *anchors)


def notes(notices: dict) -> list:
    """Short notices above a description: what changed, a privacy signal honoured."""
    return [node("p", {"class": "cc-note", "id": ident}, text) for ident, text in notices.items()]


def consent_modal(view: dict, links: dict, notices: dict) -> tuple:
    """Who asks, for what, and three equal buttons.

    ``notices`` maps element ids to notices above the description.
    """
    texts = view["texts"]
    attributes = {
        "class": "cc-box cm-wrapper cm",
        "role": "dialog",
        "aria-modal": "false",
        "aria-labelledby": "cc-title",
        "aria-describedby": "cc-desc",
        "tabindex": "-1",
        "id": CONSENT_MODAL_ID,
        "lang": view["language"],
    }
    return node(
        "div",
        attributes,
        node("h2", {"id": "cc-title"}, texts["consentTitle"]),
        *notes(notices),
        node("p", {"id": "cc-desc"}, texts["consentDescription"]),
        policy_links(texts, links),
        node(
            "div",
            {"class": "cc-actions"},
            equal_choices(texts),
            choice_button(
                texts["preferences"], "cc-secondary cm__btn--secondary", "show-preferences"
            ),
        ),
    )


def settings_button(label: str) -> tuple:
    """The floating button that reopens the preferences: withdrawing stays one click away."""
    button = choice_button(label, "cc-settings", "show-preferences", None)
    button[1]["id"] = SETTINGS_ID
    return button


def _escape(text: str, quote: bool) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if quote else text


def to_html(tree) -> str:
    if isinstance(tree, str):
        return _escape(tree, quote=False)
    tag, attributes, children = tree
    attrs = "".join(f' {name}="{_escape(value, quote=True)}"' for name, value in attributes.items())
    return f"<{tag}{attrs}>" + "".join(to_html(child) for child in children) + f"</{tag}>"
