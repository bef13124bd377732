"""The banner's DOM: the consent modal, the preferences dialog, the settings button.

Thin on purpose: it builds elements from a localized config view and reports
clicks to the callbacks it is given; every decision is made in ``consent``.
Text is always set with ``.text`` so config strings can never inject markup.
"""

from browser import document, window

from banner import markup
from banner.names import (
    ACTION_ATTRIBUTE,
    CONSENT_MODAL_ID,
    FOCUS_MARGIN,
    ROOT_ID,
    SCROLL_PADDING,
    SETTINGS_ID,
    STYLE_ID,
)


def el(tag: str, text=None, **attrs):
    """An element with attributes (``class_`` for class) and plain-text content."""
    node = document.createElement(tag)
    for name, value in attrs.items():
        node.setAttribute(name.rstrip("_").replace("_", "-"), value)
    if text is not None:
        node.text = text
    return node


def button(label: str, css: str, action: str, on_click):
    node = el("button", label, type="button", class_=css, data_cc_action=action)
    node.bind("click", lambda event: on_click())
    return node


def root(stylesheet, classes: str):
    """The banner's container, created with its stylesheet on first use.

    ``stylesheet()`` gives the CSS, worked out only when the page has none yet (the
    loader's painted layer brings it); ``classes`` place the consent modal (see
    ``theme.position_classes``).
    """
    existing = document.getElementById(ROOT_ID)
    if existing:
        return existing
    if not document.getElementById(STYLE_ID):
        style = el("style", stylesheet(), id=STYLE_ID)
        nonce = window.CookieConsentBoot.nonce
        if nonce:
            style.setAttribute("nonce", nonce)
        document.head.appendChild(style)
    container = el("div", id=ROOT_ID, class_=classes)
    document.body.appendChild(container)
    return container


def build(tree):
    """DOM for a ``banner.markup`` node; texts become text nodes, never markup."""
    if isinstance(tree, str):
        return document.createTextNode(tree)
    tag, attributes, children = tree
    node = document.createElement(tag)
    for name, value in attributes.items():
        node.setAttribute(name, value)
    for child in children:
        node.appendChild(build(child))
    return node


# data-cc-action on a markup button -> the key of its callback in ``actions``.
ACTION_KEYS = {
    "accept-all": "accept_all",
    "reject-all": "reject_all",
    "show-preferences": "preferences",
}


def bind_actions(box, actions: dict):
    """Wire the markup's buttons inside ``box`` to their callbacks; returns ``box``."""
    for node in box.querySelectorAll("[" + ACTION_ATTRIBUTE + "]"):
        key = ACTION_KEYS.get(node.getAttribute(ACTION_ATTRIBUTE))
        if key:
            node.bind("click", lambda event, key=key: actions[key]())
    return box


def consent_modal(view: dict, links: dict, actions: dict, notes: dict):
    """Consent modal, built here: see ``markup.consent_modal``."""
    return bind_actions(build(markup.consent_modal(view, links, notes)), actions)


def discard_painted() -> None:
    """Take away what the loader painted: the banner will not run after all."""
    for ident in (ROOT_ID, STYLE_ID):
        node = document.getElementById(ident)
        if node:
            node.remove()
    document.documentElement.classList.remove("show--consent")
    release_scroll_padding()


def release_scroll_padding() -> None:
    """The loader kept focus clear of its painted layer with html's scroll-padding;
    once that layer is gone, so is the room."""
    for name in SCROLL_PADDING:
        document.documentElement.style.removeProperty(name)


def painted_consent_modal(language: str):
    """The consent modal the loader painted from the server's HTML, if it is in ``language``.

    A painted layer in another language is removed: the caller builds its own.
    """
    box = document.getElementById(CONSENT_MODAL_ID)
    if box is None:
        return None
    if box.getAttribute("lang") == language:
        return box
    box.remove()
    return None


def _switch(label, checked: bool, disabled: bool, **attrs):
    """A checkbox with role=switch; label None means a heading names it (aria-labelledby)."""
    wrap = el("label", class_="cc-switch")
    box = el("input", type="checkbox", role="switch", **attrs)
    box.checked = checked
    box.disabled = disabled
    wrap <= box
    if label is not None:
        wrap <= el("span", label)
    return wrap, box


def _cookie_table(texts: dict, cookies: list, caption: str):
    table = el("table")
    table <= el("caption", caption, class_="cc-sr")
    head = el("tr")
    for key in ("cookieName", "cookieProvider", "cookiePurpose", "cookieLifetime"):
        head <= el("th", texts[key], scope="col")
    thead = el("thead")
    thead <= head
    table <= thead
    body = el("tbody")
    for cookie in cookies:
        row = el("tr")
        for key in ("name", "provider", "purpose", "lifetime"):
            row <= el("td", cookie[key])
        body <= row
    table <= body
    wrap = el("div", class_="cc-table-wrap")
    wrap <= table
    return wrap


def _sync_category(category_box, service_boxes: list) -> None:
    """A category is on while any of its services is on."""
    category_box.checked = any(b.checked for b in service_boxes)


def _category_section(texts: dict, category: dict, chosen):
    """One category: its switch, description, services and cookie table."""
    section = el("section", class_="cc-cat", data_category=category["id"])
    head = el("div", class_="cc-cat-head")
    title_id = "cc-cat-title-" + category["id"]
    head <= el("h3", category["title"], id=title_id)
    read_only = category["readOnly"]
    switch, category_box = _switch(
        None,
        read_only or chosen is not None,
        read_only,
        data_cc_category=category["id"],
        aria_labelledby=title_id,
        aria_describedby="cc-cat-desc-" + category["id"],
    )
    switch.setAttribute("class", "cc-switch cc-category-switch")
    if read_only:
        switch <= el("span", texts["alwaysOn"], class_="cc-always")
    head <= switch
    section <= head
    section <= el("p", category["description"], id="cc-cat-desc-" + category["id"])
    if not category["services"]:
        return section
    details = el("details")
    details <= el("summary", texts["servicesLabel"] + " (" + str(len(category["services"])) + ")")
    service_boxes = []
    for service in category["services"]:
        on = read_only or (chosen is not None and service["id"] in chosen)
        row, box = _switch(
            service["label"],
            on,
            read_only,
            data_cc_service=service["id"],
            data_cc_of=category["id"],
        )
        row.setAttribute("class", "cc-switch cc-service")
        service_boxes.append(box)
        details <= row
        details <= _cookie_table(texts, service["cookies"], service["label"])
    if not read_only:
        category_box.bind(
            "change", lambda e: [setattr(b, "checked", category_box.checked) for b in service_boxes]
        )
        for box in service_boxes:
            box.bind("change", lambda e: _sync_category(category_box, service_boxes))
    section <= details
    return section


def preferences_modal(view: dict, links: dict, choice: dict, actions: dict, notes: dict):
    """Second layer: a switch per category and service, off unless chosen before."""
    texts = view["texts"]
    overlay = el("div", class_="cc-overlay", id="cc-preferences")
    dialog = el(
        "div",
        class_="cc-pm pm",
        role="dialog",
        aria_modal="true",
        aria_labelledby="cc-pm-title",
        tabindex="-1",
    )
    dialog.setAttribute("lang", view["language"])
    head = el("div", class_="cc-pm-head")
    head <= el("h2", texts["preferencesTitle"], id="cc-pm-title")
    close = button("\u00d7", "cc-close", "close", actions["close"])
    close.setAttribute("aria-label", texts["close"])
    head <= close
    dialog <= head
    body = el("div", class_="cc-pm-body")
    for note in markup.notes(notes):
        body <= build(note)
    body <= el("p", texts["preferencesDescription"])
    body <= build(markup.policy_links(texts, links))
    for category in view["categories"]:
        body <= _category_section(texts, category, choice.get(category["id"]))
    dialog <= body
    foot = el("div", class_="cc-pm-foot cc-actions")
    foot <= bind_actions(build(markup.equal_choices(texts, "pm")), actions)
    save = build(
        markup.choice_button(texts["save"], "cc-secondary pm__btn--secondary", "save", "pm")
    )
    save.bind("click", lambda event: actions["save"]())
    foot <= save
    dialog <= foot
    overlay <= dialog
    overlay.bind("keydown", lambda event: _on_key(event, dialog, actions["close"]))
    return overlay


def read_choice(modal) -> dict:
    """The choice the switches in the preferences dialog express."""
    choice = {}
    for box in modal.querySelectorAll("input[data-cc-category]"):
        if box.checked:
            choice[box.getAttribute("data-cc-category")] = []
    for box in modal.querySelectorAll("input[data-cc-service]"):
        category = box.getAttribute("data-cc-of")
        if box.checked and category in choice:
            choice[category].append(box.getAttribute("data-cc-service"))
    for box in modal.querySelectorAll("input[data-cc-category]"):
        category = box.getAttribute("data-cc-category")
        if category in choice and not modal.querySelector('input[data-cc-of="' + category + '"]'):
            choice[category] = []
    return choice


def _focusables(dialog) -> list:
    query = "button, a[href], input:not([disabled]), summary, [tabindex='0']"
    return [n for n in dialog.querySelectorAll(query) if n.offsetParent is not None]


def _on_key(event, dialog, close) -> None:
    """Escape closes; Tab and Shift+Tab stay inside the modal dialog."""
    if event.key == "Escape":
        event.preventDefault()
        close()
        return
    if event.key != "Tab":
        return
    nodes = _focusables(dialog)
    if not nodes:
        return
    first, last = nodes[0], nodes[-1]
    if event.shiftKey and document.activeElement in (first, dialog):
        event.preventDefault()
        last.focus()
    elif not event.shiftKey and document.activeElement == last:
        event.preventDefault()
        first.focus()


def settings_button(label: str, on_click):
    """The floating settings button (``markup.settings_button``), or the one the loader
    painted, wired to ``on_click``."""
    node = document.getElementById(SETTINGS_ID) or build(markup.settings_button(label))
    node.bind("click", lambda event: on_click())
    return node


def add_spacer(box, at_top: bool):
    """Room as tall as the consent modal at the page's end (or start, for a bar
    along the top), so the page's last (or first) elements can still scroll
    out from under it. Returns the spacer, to remove it with the layer."""
    spacer = el("div", class_="cc-spacer", aria_hidden="true")
    # Through CSSOM, not a style attribute, which a CSP without 'unsafe-inline' for
    # styles refuses.
    spacer.style.height = str(box.offsetHeight + 32) + "px"
    if at_top:
        document.body.insertBefore(spacer, document.body.firstChild)
    else:
        box.parentNode.appendChild(spacer)
    return spacer


def scroll_clear(target, box, at_top: bool) -> None:
    """Scroll a focused page element out from under the consent modal (WCAG 2.4.11).

    ``at_top`` says the layer is a bar along the top, so the page scrolls the other way.
    """
    if target is None or target.tagName in ("BODY", "HTML"):
        return
    # The banner's own dialogs are not page content: they never need room.
    if document.getElementById(ROOT_ID).contains(target):
        return
    page, edge = target.getBoundingClientRect(), box.getBoundingClientRect()
    overlap = edge.bottom - page.top if at_top else page.bottom - edge.top
    if overlap > 0:
        window.scrollBy(0, -(overlap + FOCUS_MARGIN) if at_top else overlap + FOCUS_MARGIN)


def keep_focus_clear_of(current_box, at_top: bool) -> None:
    """Keep every newly focused page element clear of the consent modal.

    ``current_box`` returns the consent modal while it is shown, else None.
    """

    def on_focus(event) -> None:
        box = current_box()
        if box is not None:
            scroll_clear(event.target, box, at_top)

    document.bind("focusin", on_focus)
