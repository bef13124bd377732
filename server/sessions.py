"""The server keeps no sessions: no session cookie is read, signed or set.

Nothing here stores state in ``flask.session`` (the admin pages take a bearer
token), so Flask's default signed-cookie sessions only cost time: building
the signing serializer and parsing cookies took about 5% of a consent write.
Writing to ``flask.session`` now fails loudly instead of setting a cookie.
"""

from flask import Flask, Request, Response
from flask.sessions import SessionInterface, SessionMixin


class NoSessions(SessionInterface):
    """Every request gets Flask's read-only null session."""

    def open_session(self, app: Flask, request: Request) -> None:
        return None

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        pass


def init_app(app: Flask) -> None:
    app.session_interface = NoSessions()
