"""Names the loader (``banner/loader.js``) and the Python banner spell alike.

The loader runs before Python and hands over to it, so both must agree on the
page's markup and the device's storage. This is the one place they are
written: the build puts these into the loader as ``NAMES`` (``bundler/loader.py``),
and the Python modules import them.
"""

# The banner's own elements.
ROOT_ID = "cc-main"
STYLE_ID = "cc-style"
SETTINGS_ID = "cc-settings"
CONSENT_MODAL_ID = "cc-consent"
# The host page's trigger attribute, data-cc="...", and what it may say.
TRIGGER_ATTRIBUTE = "data-cc"
TRIGGERS = (
    "show-preferencesModal",
    "show-consentModal",
    "accept-all",
    "accept-necessary",
    "accept-custom",
)
# On a button of the painted consent modal: which action it stands for.
ACTION_ATTRIBUTE = "data-cc-action"
# The host page's blocked markup, and the mark on what was made live.
BLOCKED_SELECTOR = 'script[type="text/plain"][data-category], [data-category][data-src]'
DONE_ATTRIBUTE = "data-cc-done"
# localStorage: the verdict the loader may replay, the ledger's latest receipt,
# the key that opens the visitor's records, decisions the ledger has not stored yet.
REPLAY_KEY = "cc_replay"
RECEIPT_KEY = "cc_receipt"
ACCESS_KEY = "cc_access"
UNSENT_KEY = "cc_unsent"

# window.CookieConsent, which the loader puts on the page at once. Until Python
# runs, these are answered from the verdict Python left (banner/replay.py) ...
READ_METHODS = (
    "acceptedCategory",
    "acceptedService",
    "validConsent",
    "getUserPreferences",
    "getCookie",
    "validCookie",
    "getConfig",
)
# ... and these are kept, in order, and applied by Python once it runs
# (CookieConsentBoot.calls); "run" keeps the page's vanilla config without
# starting Python by itself, the others start it. Those that return a Promise
# in vanilla return the loader's, which Python resolves.
DEFERRED_METHODS = (
    "acceptCategory",
    "eraseCookies",
    "reset",
    "show",
    "hide",
    "showPreferences",
    "hidePreferences",
    "setLanguage",
    "run",
    "acceptService",
    "setCookieData",
    "loadScript",
)
# vanilla-cookieconsent 3.1.0's whole API (its types/index.d.ts; a test reads it)
# and events.
API_METHODS = READ_METHODS + DEFERRED_METHODS
API_EVENTS = (
    "cc:onFirstConsent",
    "cc:onConsent",
    "cc:onChange",
    "cc:onModalReady",
    "cc:onModalShow",
    "cc:onModalHide",
)
# The actions on the painted layer that are a choice (and the state the layer
# shows while the choice waits for Python to save it).
CHOICE_ACTIONS = ("accept-all", "reject-all")
WORKING_CLASS = "cc-working"
# sessionStorage: a choice pressed on the painted layer that Python has not applied yet.
PENDING_KEY = "cc_pending"
