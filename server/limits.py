"""Rate limits per client, without ever keeping a client's address.

The limiter's key is an HMAC of the address under the app's secret key, so
even a shared limiter store (Redis) never holds a full IP address.

Unlike ``db``, the limiter is made per app: Flask-Limiter keeps its storage
and on/off switch on the instance, so a shared one would let apps (and
tests) count each other's requests.
"""

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass

from flask import Flask, current_app, request
from flask_limiter import Limiter
from limits import RateLimitItem, parse
from limits.strategies import RateLimiter

EXTENSION_KEY = "consent_limiter"
# endpoint -> config key holding its limit, e.g. "30 per minute;1000 per day"
LIMITED_ENDPOINTS = {
    "consent.record_decision": "RATE_LIMIT_CONSENT",
    "consent.erase_records": "RATE_LIMIT_ERASE",
}


def client_key() -> str:
    secret = current_app.config["SECRET_KEY"].encode()
    address = (request.remote_addr or "unknown").encode()
    return hmac.new(secret, address, hashlib.sha256).hexdigest()[:32]


@dataclass(frozen=True)
class FailureCounter:
    """Failures of one kind from one client, counted in the limiter's store."""

    strategy: RateLimiter | None  # None while rate limiting is off
    limit: RateLimitItem
    key: str

    def exhausted(self) -> bool:
        return self.strategy is not None and not self.strategy.test(self.limit, self.key)

    def count(self) -> None:
        if self.strategy is not None:
            self.strategy.hit(self.limit, self.key)


def admin_failures() -> FailureCounter:
    """Failed admin logins from this client (``RATE_LIMIT_ADMIN_FAILURES``)."""
    limiter: Limiter = current_app.extensions[EXTENSION_KEY]
    limit = parse(current_app.config["RATE_LIMIT_ADMIN_FAILURES"])
    return FailureCounter(limiter.limiter if limiter.enabled else None, limit, client_key())


def worker_count(environ: Mapping[str, str], cores: int) -> int:
    """gunicorn's workers: one per core with a shared limiter store, else one.

    Flask-Limiter's default store is the worker's own memory, so with two
    workers a client gets each limit twice over. Without Redis the correct
    default is one worker (threads still serve requests in parallel); more
    is refused while limits are on.
    """
    storage = environ.get("CONSENT_RATELIMIT_STORAGE_URI", "memory://")
    shared = not storage.startswith("memory://")
    limited = environ.get("CONSENT_RATELIMIT_ENABLED", "true").lower() not in ("false", "0")
    asked = environ.get("CONSENT_WORKERS")
    workers = int(asked) if asked else (cores if shared else 1)
    if workers > 1 and limited and not shared:
        raise ValueError(
            f"{workers} workers would each count rate limits in their own memory: set "
            "CONSENT_RATELIMIT_STORAGE_URI=redis://… (README, Security) or use one worker"
        )
    return workers


def init_app(app: Flask) -> None:
    """Wrap the limited views; call after the blueprints are registered."""
    limiter = Limiter(key_func=client_key, app=app)
    app.extensions[EXTENSION_KEY] = limiter  # Flask-Limiter itself only keeps a weak reference
    if not limiter.enabled:
        return  # a disabled limiter still walks its checks in every wrapped view
    for endpoint, config_key in LIMITED_ENDPOINTS.items():
        view = app.view_functions[endpoint]
        app.view_functions[endpoint] = limiter.limit(app.config[config_key])(view)
