"""Signed consent receipts and the public key that checks them."""

from .signing import ReceiptSigner as ReceiptSigner
from .signing import verify_receipt as verify_receipt
from .views import bp as bp
from .views import current_signer as current_signer
from .views import init_app as init_app
