"""The consent log: decisions in, a visitor's own records out."""

from .checkpoints import LedgerCheckpoint as LedgerCheckpoint
from .models import ConsentRecord as ConsentRecord
from .publications import Publication as Publication
from .schemas import Decision as Decision
from .schemas import parse_decision as parse_decision
from .views import bp as bp
