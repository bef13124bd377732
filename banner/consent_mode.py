"""Google Consent Mode v2 signals from a choice (basic mode).

The site config maps each Google signal (``analytics_storage``, ``ad_storage``,
``ad_user_data``, ``ad_personalization``) to the category that grants it. The
banner pushes every signal as denied before any tag can run, then an update
per decision and on every page load with stored consent.
"""


def signals(config: dict, categories: list) -> dict:
    """Signal -> 'granted' or 'denied' for the accepted categories."""
    return {
        signal: "granted" if category in categories else "denied"
        for signal, category in config["consentMode"].items()
    }
