"""Google Consent Mode v2 signals from a choice (basic mode).

The site config maps each Google signal (``analytics_storage``, ``ad_storage``,
``ad_user_data``, ``ad_personalization``) to the category that grants it. The
loader pushes every signal as denied as soon as it runs, before any tag can
(``default_commands``, which the server writes into it); Python pushes an
update per decision and on every page load with stored consent.
"""


def signals(config: dict, categories: list) -> dict:
    """Signal -> 'granted' or 'denied' for the accepted categories."""
    return {
        signal: "granted" if category in categories else "denied"
        for signal, category in config["consentMode"].items()
    }


def default_commands(config: dict) -> list:
    """The ``gtag`` commands that open every page load: each signal denied (none without
    Consent Mode)."""
    if not config["consentMode"]:
        return []
    return [["consent", "default", signals(config, [])]]
