"""Verification with the server's key: full walks, and walks from the last checkpoint.

``audit.py`` knows the chain; this module adds who signs and what is trusted:
a full walk checks every stored checkpoint on the way, an incremental one
trusts the newest checkpoint whose signature verifies and walks only what
came after it. Both leave signed checkpoints behind (``checkpoints.py``).
"""

from datetime import timedelta

from ..receipts import current_signer
from . import checkpoints
from .audit import AuditReport, Signer, verify_chain
from .records import utc_now

# A checkpoint at the head is signed at most this often by incremental walks:
# one per dashboard view would pile up; the every-EVERY-records ones remain.
HEAD_CHECKPOINT_INTERVAL = timedelta(minutes=10)


def _signer() -> Signer:
    signer, at = current_signer(), utc_now()
    return lambda record_id, record_hash: checkpoints.signed(signer, record_id, record_hash, at)


def verify_all() -> AuditReport:
    """Every record from the first, every stored checkpoint on the way."""
    return verify_chain(jwks=current_signer().jwks(), sign=_signer())


def verify_since_checkpoint() -> AuditReport:
    """Only the records after the newest checkpoint, which must verify itself."""
    start = checkpoints.latest()
    if start is None:
        return verify_all()
    if not checkpoints.signature_valid(start, current_signer().jwks()):
        problem = "its checkpoint's signature does not verify"
        return AuditReport(
            0, start.hash, start.record_id, problem, start.record_id, start.record_id
        )
    head_due = utc_now() - start.verified_at >= HEAD_CHECKPOINT_INTERVAL
    return verify_chain(start=start, sign=_signer(), sign_head=head_due)
