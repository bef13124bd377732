"""No sessions: the consent server never reads or sets a session cookie."""

import pytest
from flask import session


def test_writing_a_session_fails_loudly(app):
    with app.test_request_context(), pytest.raises(RuntimeError):
        session["visitor"] = "someone"
