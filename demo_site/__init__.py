"""Demo marketing site and fake tracker service for the cookie-consent banner."""

from .app import create_app
from .serve import start_server
from .tracker import HitLog, create_tracker_app

__all__ = [
    "HitLog",
    "create_app",
    "create_tracker_app",
    "start_server",
]
