"""The banner's entry point under Brython: wires the page, the cookie and the server.

The loader (``banner/loader.js``) leaves ``window.CookieConsentBoot`` with the
site config, the embedding ``<script>``, its CSP nonce and any click made on
the consent modal it painted; importing this module starts the banner.
Decisions come from the pure modules; this file only moves data between them
and the browser.
"""

import javascript
from browser import document, window

from banner import consent, consent_mode, host_page, ledger_client, markup, theme, ui
from banner.config import (
    ConfigError,
    cookie_patterns,
    localize,
    localize_in_steps,
    parse_in_steps,
)
from banner.consent_store import leave_verdict, read_stored, write_cookie
from banner.language import choose_language
from banner.names import (
    CHOICE_ACTIONS,
    CONSENT_MODAL_ID,
    PENDING_KEY,
    SETTINGS_ID,
    TRIGGER_ATTRIBUTE,
    TRIGGERS,
)

JSON = javascript.JSON


def _event(name: str, detail) -> None:
    window.dispatchEvent(window.CustomEvent.new(name, {"detail": detail}))


def _shown(layer: str, shown: bool) -> None:
    """vanilla's ``html.show--consent`` / ``show--preferences``, which site CSS keys on."""
    document.documentElement.classList.toggle("show--" + layer, shown)


def _random_uuid() -> str:
    if getattr(window.crypto, "randomUUID", None):
        return window.crypto.randomUUID()
    random = window.crypto.getRandomValues(window.Uint8Array.new(16))
    return consent.uuid4_from_bytes([random[i] for i in range(16)])


def _gpc_signalled(boot) -> bool:
    """Global Privacy Control from the browser, or from the ``Sec-GPC: 1`` header
    that the server saw on this script's request and wrote into the boot object."""
    return getattr(window.navigator, "globalPrivacyControl", False) is True or boot.secGpc is True


def _visitor_language(config: dict, boot) -> str:
    """The script's ``data-lang``, else the page's, else the browser's; else the default."""
    return choose_language(
        [boot.lang, document.documentElement.lang, window.navigator.language],
        config["languages"],
        config["defaultLanguage"],
    )


class Banner:
    """One page's banner: the stored state, the open dialogs, the public API."""

    def __init__(self, config: dict, boot, language: str, view: dict):
        """``view``: ``config`` localized for ``language`` (``_visitor_language``)."""
        self.config = config
        self.boot = boot
        self.gpc = _gpc_signalled(boot)
        self.gtag = boot.gtag
        self.origin = window.URL.new(boot.src).origin
        self.language = language
        self.view = view
        self.at_top = theme.at_top(config["theme"])
        self.stored_cookie_value, self.state, self.older_revision = read_stored(config)
        self.consent_box = None
        self.spacer = None
        self.preferences = None
        self.opener = None
        self.settings_button = None
        self.warned = False  # run()'s differences from the site config, said once
        self.announced = False  # this page load's cc:onConsent has gone out
        self.decisions = 0  # made on this page (``apply_early_click``)

    def _root(self):
        theme_config = self.config["theme"]
        return ui.root(lambda: theme.stylesheet(theme_config), theme.position_classes(theme_config))

    def leave_verdict(self, cookie_value) -> None:
        """The verdict on this state for the next page, written in a task after this one
        (writes keep their order): a decision's task is the longest Python runs, and
        a page left before then only goes without a replay (Python decides there)."""
        key, state = self.boot.replayKey, self.state
        self.boot.pause(lambda: leave_verdict(key, cookie_value, state, self.config))

    # -- start ------------------------------------------------------------
    def _consent_mode(self, command: str, categories: list) -> None:
        if self.config["consentMode"]:
            self.gtag("consent", command, consent_mode.signals(self.config, categories))

    def start(self) -> None:
        document.bind("click", self._on_trigger)
        ui.keep_focus_clear_of(lambda: self.consent_box, self.at_top)
        # The loader pushed Consent Mode's default (and a replayed choice's update).
        replayed = self.boot.replayed is True
        if not (replayed and self.state):  # a replayed verdict is this one already
            self.leave_verdict(self.stored_cookie_value)
        if self.state:
            if not replayed:
                self._consent_mode("update", self.state["categories"])
            # Also after a replay: elements added since then, none twice.
            host_page.activate(consent.choice_of(self.state), {}, self.boot.run)
            if not replayed:  # the loader announced the replayed choice
                _event("cc:onConsent", {"cookie": self.state})
            self.announced = True
            self._show_settings_button()
        else:
            if replayed:  # the choice expired between the loader and now
                self._consent_mode("update", [])
            # A choice pressed on the page before is saved now, without asking again.
            carried = self.boot.pending in CHOICE_ACTIONS and not document.getElementById(
                CONSENT_MODAL_ID
            )
            if not carried:
                self.show()
        ledger_client.send_unsent(self.origin)  # before a new decision joins them

    def apply_early_click(self, decided: int) -> None:
        """A click on the loader's painted consent modal, made before Python ran, counts now
        (after the page's calls kept with it, so a run() config's callbacks hear it),
        unless a decision came since ``decided`` decisions were made: the visitor's own,
        answered by the buttons' handlers, which the loader kept as pending too."""
        action = self.boot.pending
        self.boot.ready = True  # from here on the buttons' own handlers answer
        if action in ui.ACTION_KEYS and self.decisions == decided:
            self._actions()[ui.ACTION_KEYS[action]]()
        try:  # a choice carried over from the page before is applied now
            window.sessionStorage.removeItem(PENDING_KEY)
        except Exception:  # a DOMException: storage blocked
            pass

    def links(self) -> dict:
        paths = markup.policy_paths(self.language)
        return {key: self.origin + path for key, path in paths.items()}

    # -- decisions --------------------------------------------------------
    def decide(self, choice: dict, method: str) -> None:
        """Store, apply and log a decision, then close the dialogs.

        ``method`` tells the ledger how it was collected: banner, preferences, api or gpc.
        """
        self.decisions += 1
        previous = self.state
        state = consent.new_state(
            self.config, choice, previous, _random_uuid(), window.Date.now(), self.language
        )
        action = consent.action_for(self.config, previous, state)
        taken_back = consent.withdrawn(previous, state)
        self.state = state
        self.leave_verdict(write_cookie(state, self.config))
        patterns = [p for c in taken_back["categories"] for p in cookie_patterns(self.config, c)]
        host_page.erase_cookies(patterns, [self.config["cookie"]["path"]])
        self._consent_mode("update", state["categories"])
        host_page.activate(consent.choice_of(state), taken_back, self.boot.run)
        body = ledger_client.decision_body(state, action, method, self.language, _random_uuid())
        ledger_client.log_decision(self.origin, body)
        if self.config["reloadOnWithdraw"] and any(
            host_page.has_run(c) for c in taken_back["categories"]
        ):
            window.location.reload()  # a script that ran keeps running until the page is gone
        self.hide()
        self.hide_preferences()
        self._show_settings_button()
        # As vanilla: onConsent on the first decision (and page loads), onChange on a change.
        if not previous:
            _event("cc:onFirstConsent", {"cookie": state})
            _event("cc:onConsent", {"cookie": state})
            return
        detail = consent.changes(previous, state)
        if detail["changedCategories"] or detail["changedServices"]:
            detail["cookie"] = state
            _event("cc:onChange", detail)

    def switched_on(self) -> dict:
        """What the preferences show switched on: the open dialog's switches, else the
        stored choice (necessary only without one). Never more than the visitor chose."""
        if self.preferences:
            return ui.read_choice(self.preferences)
        return consent.choice_of(self.state)

    def set_data(self, value, update: bool) -> bool:
        """vanilla's ``setCookieData``: the cookie's ``data``, replaced or merged; not logged."""
        data = self.state.get("data")
        value = JSON.parse(JSON.stringify(value))  # what the cookie can hold, as Python values
        if update and isinstance(data, dict) and isinstance(value, dict):
            value = {**data, **value}
        if JSON.stringify(value) == JSON.stringify(data):
            return False
        self.state = {**self.state, "data": value}
        self.leave_verdict(write_cookie(self.state, self.config))
        return True

    def _layer(self) -> str:
        return "preferences" if self.preferences else "banner"

    def accept_all(self) -> None:
        choice = consent.accept_all(self.config)
        if self.gpc and self.config["gpcCategories"]:
            self.decide(consent.without_gpc(self.config, choice), "gpc")
        else:
            self.decide(choice, self._layer())

    def reject_all(self) -> None:
        self.decide(consent.reject_all(self.config), self._layer())

    def save_preferences(self) -> None:
        self.decide(ui.read_choice(self.preferences), "preferences")

    # -- dialogs ----------------------------------------------------------
    def _actions(self) -> dict:
        return {
            "accept_all": self.accept_all,
            "reject_all": self.reject_all,
            "preferences": self.show_preferences,
            "save": self.save_preferences,
            "close": self.hide_preferences,
        }

    def _gpc_notes(self) -> dict:
        if self.gpc and self.config["gpcCategories"]:
            return {"cc-gpc-note": self.view["texts"]["gpcNote"]}
        return {}

    def show(self) -> None:
        if self.consent_box:
            return
        notes = self._gpc_notes()
        if self.older_revision and not self.state and self.view["revisionNote"]:
            notes["cc-note"] = self.view["revisionNote"]
        painted = None if notes else ui.painted_consent_modal(self.language)
        if painted:
            self.consent_box = ui.bind_actions(painted, self._actions())
        else:
            self.consent_box = ui.consent_modal(self.view, self.links(), self._actions(), notes)
            self._root() <= self.consent_box
        self.spacer = ui.add_spacer(self.consent_box, self.at_top)
        if painted:
            # The loader focused the layer; where focus went since is the visitor's choice.
            ui.scroll_clear(document.activeElement, self.consent_box, self.at_top)
        else:
            self.consent_box.focus()
        _shown("consent", True)
        if painted and self.boot.shown is True:
            return  # the loader announced the layer it painted
        _event("cc:onModalReady", {"modalName": "consentModal", "modal": self.consent_box})
        _event("cc:onModalShow", {"modalName": "consentModal"})

    def hide(self) -> None:
        if self.consent_box:
            self.consent_box.remove()
            self.spacer.remove()
            ui.release_scroll_padding()
            self.consent_box = None
            _shown("consent", False)
            _event("cc:onModalHide", {"modalName": "consentModal"})

    def show_preferences(self) -> None:
        if self.preferences:
            return
        self.opener = document.activeElement
        choice = consent.choice_of(self.state)
        self.preferences = ui.preferences_modal(
            self.view, self.links(), choice, self._actions(), self._gpc_notes()
        )
        self._root() <= self.preferences
        self.preferences.querySelector("[role=dialog]").focus()
        _shown("preferences", True)
        _event("cc:onModalReady", {"modalName": "preferencesModal", "modal": self.preferences})
        _event("cc:onModalShow", {"modalName": "preferencesModal"})

    def hide_preferences(self) -> None:
        if not self.preferences:
            return
        self.preferences.remove()
        self.preferences = None
        # Focus goes back to what opened the dialog (WCAG 2.4.3), else to the consent modal.
        if self.opener and self.opener.isConnected:
            self.opener.focus()
        elif self.consent_box:
            self.consent_box.focus()
        _shown("preferences", False)
        _event("cc:onModalHide", {"modalName": "preferencesModal"})

    def _show_settings_button(self) -> None:
        """Wire the settings button (the loader may have painted it), or add one."""
        if self.settings_button and self.settings_button.isConnected:
            return
        label = self.view["texts"]["settingsButton"]
        self.settings_button = ui.settings_button(label, self.show_preferences)
        if not self.settings_button.isConnected:
            self._root() <= self.settings_button

    def set_language(self, lang) -> bool:
        chosen = choose_language([lang], self.config["languages"], "")
        if not chosen:
            return False
        self.language = chosen
        self.view = localize(self.config, chosen)
        reopen = (self.consent_box is not None, self.preferences is not None)
        self.hide()
        self.hide_preferences()
        settings = document.getElementById(SETTINGS_ID)
        if settings:
            settings.remove()
            self._show_settings_button()
        if reopen[0]:
            self.show()
        if reopen[1]:
            self.show_preferences()
        return True

    def _on_trigger(self, event) -> None:
        try:
            name = event.target.closest(f"[{TRIGGER_ATTRIBUTE}]").getAttribute(TRIGGER_ATTRIBUTE)
        except (AttributeError, KeyError):  # Brython raises KeyError when nothing matches
            return
        if name in TRIGGERS:
            event.preventDefault()
            self.trigger(name)

    def trigger(self, name: str) -> None:
        """What a ``data-cc`` element asks for (also one clicked before Python ran)."""
        {
            "show-preferencesModal": self.show_preferences,
            "show-consentModal": self.show,
            "accept-all": self.accept_all,
            "accept-necessary": self.reject_all,
            "accept-custom": lambda: self.decide(self.switched_on(), self._layer()),
        }[name]()


def _in_a_task_of_its_own(step) -> None:
    """Run ``step`` later, in its own task (the runner's ``pause``, bundler/slices.py),
    so start-up never holds the page for long; if it fails, the loader is told, so no
    press on its layer looks saved."""

    def run():
        try:
            step()
        except Exception:
            window.CookieConsentBoot.fail()
            raise

    window.CookieConsentBoot.pause(run)


def _in_tasks(steps, then, refused) -> None:
    """Run the generator ``steps`` (``banner/in_steps.py``) a step per task, then
    ``then`` with what it returns; a ConfigError it raises goes to ``refused``."""

    def step() -> None:
        try:
            next(steps)
        except StopIteration as done:
            value = done.value  # ``done`` is unbound once the except clause ends
            _in_a_task_of_its_own(lambda: then(value))
        except ConfigError as error:
            refused(error)
        else:
            _in_a_task_of_its_own(step)

    _in_a_task_of_its_own(step)


def main() -> None:
    """Start in tasks: the config checked a part per task, localized a category per
    task, the banner made, then started, then a press made before applied."""
    boot = window.CookieConsentBoot

    def refused(error) -> None:
        window.console.error("cookie consent: invalid site config: " + str(error))
        ui.discard_painted()  # no banner beats a banner that cannot answer
        boot.fail()

    from banner.api import apply_deferred, install

    def start(banner) -> None:
        methods = install(banner)
        banner.start()
        apply_deferred(boot, methods)
        # A press's decision in a task of its own: with the start, 60-100 ms at 4× CPU.
        decided = banner.decisions
        _in_a_task_of_its_own(lambda: banner.apply_early_click(decided))

    def made(banner) -> None:
        _in_a_task_of_its_own(lambda: start(banner))

    def localized(config: dict) -> None:
        language = _visitor_language(config, boot)
        _in_tasks(
            localize_in_steps(config, language),
            lambda view: made(Banner(config, boot, language, view)),
            refused,
        )

    # The loader hands the config over as JSON text: parsing it here gives
    # plain Python dicts and lists, whatever strings the site owner wrote.
    _in_tasks(parse_in_steps(JSON.parse(boot.config)), localized, refused)


window.CookieConsentBoot.starting = True  # from here on, Python says when it fails
if document.readyState == "loading":
    document.bind("DOMContentLoaded", lambda event: _in_a_task_of_its_own(main))
else:
    _in_a_task_of_its_own(main)
