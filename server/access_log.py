"""Access logs show truncated client addresses, like the ledger does.

The development server (werkzeug) and gunicorn both log the client's full
address by default; this filter cuts it down before any handler writes it,
so "no full IP address is ever written" holds for logs too.
"""

import logging

from .consent.anonymize import truncate_ip

ACCESS_LOGGERS = ("werkzeug", "gunicorn.access")


class TruncateAddresses(logging.Filter):
    """Rewrite the client address in an access-log record; never drop a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, dict) and "h" in record.args:  # gunicorn's atoms
            record.args["h"] = truncate_ip(str(record.args["h"])) or "-"
        elif isinstance(record.msg, str) and " - - [" in record.msg:  # werkzeug
            address, rest = record.msg.split(" ", 1)
            shown = truncate_ip(address.replace("%%", "%"))
            if shown:
                record.msg = f"{shown} {rest}"
        return True


def init_app() -> None:
    """Install the filter once per process, however many apps are created."""
    for name in ACCESS_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, TruncateAddresses) for f in logger.filters):
            logger.addFilter(TruncateAddresses())
