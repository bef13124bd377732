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

