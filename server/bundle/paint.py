"""What the loader paints before Brython starts: the consent modal, per language.

Rendered here with the banner's own markup (``banner.markup``) and stylesheet,
from the validated site config, so the painted layer is the one Python would
have built: Python adopts it instead of building its own. Only the plain case
is painted (no notices), with policy links as paths the loader resolves
against the consent server's origin.
"""

from typing import Any

from banner import consent, consent_mode, markup, theme, vanilla_config


def consent_modal(config: dict[str, Any], by_language: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """``{"css", "classes", "html": {lang: ...}, "settings": {lang: ...}, ...}`` for the
    loader's ``"__CC_CONSENT_MODAL__"``: what it paints (``settings`` is the floating
    settings button of a page whose stored choice it replayed) and the answers it
    gives before Python runs."""
    html = {
        lang: markup.to_html(markup.consent_modal(view, markup.policy_paths(lang), {}))
        for lang, view in by_language.items()
    }
    return {
        "css": theme.stylesheet(config["theme"]),
        "classes": theme.position_classes(config["theme"]),
        "html": html,
        # getUserPreferences() before Python runs, with no verdict to answer from
        "noConsent": consent.preferences(config, None),
        # Consent Mode's opening commands, pushed by the loader on a page it does not replay
        "consentDefault": consent_mode.default_commands(config),
        # getConfig() before Python runs
        "vanillaConfig": vanilla_config.as_vanilla(config),
        "settings": {
            lang: markup.to_html(markup.settings_button(view["texts"]["settingsButton"]))
            for lang, view in by_language.items()
        },
    }
