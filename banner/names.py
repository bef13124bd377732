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
# On a button of the painted consent modal: which action it stands for.
ACTION_ATTRIBUTE = "data-cc-action"
# The host page's blocked markup, and the mark on what was made live.
BLOCKED_SELECTOR = 'script[type="text/plain"][data-category], [data-category][data-src]'
DONE_ATTRIBUTE = "data-cc-done"
# localStorage: the verdict the loader may replay, the ledger's latest receipt.
REPLAY_KEY = "cc_replay"
RECEIPT_KEY = "cc_receipt"

# vanilla-cookieconsent 3.1.0's API (its types/index.d.ts) and events: the
# loader's early window.CookieConsent and Python's banner/api.py offer exactly these.
API_METHODS = (
    "run",
    "show",
    "hide",
    "showPreferences",
    "hidePreferences",
    "acceptCategory",
    "acceptService",
    "acceptedCategory",
    "acceptedService",
    "validConsent",
    "validCookie",
    "eraseCookies",
    "loadScript",
    "setCookieData",
    "getCookie",
    "getConfig",
    "getUserPreferences",
    "setLanguage",
    "reset",
)
# Those that only read (the loader may answer them from the stored verdict).
API_READING = (
    "acceptedCategory",
    "acceptedService",
    "validConsent",
    "validCookie",
    "getCookie",
    "getConfig",
    "getUserPreferences",
)
API_EVENTS = (
    "cc:onFirstConsent",
    "cc:onConsent",
    "cc:onChange",
    "cc:onModalReady",
    "cc:onModalShow",
    "cc:onModalHide",
)
