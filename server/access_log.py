"""Access logs show truncated client addresses, like the ledger does.

The development server (werkzeug) and gunicorn both log the client's full
address by default; this filter cuts it down before any handler writes it,
so "no full IP address is ever written" holds for logs too.

gunicorn's own logger builds some sixty atoms per request (every request
header, response header and environ key) for a line that uses six;
``LeanAccessLogger`` builds only what ``ACCESS_LOG_FORMAT`` uses.
"""

import logging
from datetime import timedelta
from typing import Any

from gunicorn.glogging import Logger

from .consent.anonymize import truncate_ip

# %(h)s is truncated by TruncateAddresses; no query strings (%(U)s is the path only).
ACCESS_LOG_FORMAT = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'

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


class LeanAccessLogger(Logger):
    """gunicorn's logger, with only the atoms of ``ACCESS_LOG_FORMAT``."""

    def atoms(
        self, resp: Any, req: Any, environ: dict[str, Any], request_time: timedelta
    ) -> dict[str, Any]:
        status = resp.status
        return {
            "h": environ.get("REMOTE_ADDR", "-"),
            "m": environ.get("REQUEST_METHOD"),
            "U": environ.get("PATH_INFO"),
            "s": status.split(None, 1)[0] if isinstance(status, str) else status,
            "B": getattr(resp, "sent", None),
            "M": request_time.seconds * 1000 + request_time.microseconds // 1000,
        }
