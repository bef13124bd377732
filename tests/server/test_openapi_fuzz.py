"""Property-based fuzz of the JSON API from its own OpenAPI document (schemathesis).

Generated (valid per the document) and mutated (invalid) requests go to a
real app on a real SQLite file: no answer may be a 5xx or break the
document, and afterwards every stored record is a valid decision and the
chain verifies. ``make test`` sends at least 1,000 requests;
``make fuzz`` (CONSENT_FUZZ_EXAMPLES) 5,000.
"""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from server import create_app, db
from server.consent.audit import verify_chain
from server.consent.models import EVENTS, ConsentRecord
from server.consent.schemas import parse_decision
from server.site_config import current_site

# Examples per operation and generation mode (9 operations, 2 modes); hypothesis stops
# early where an operation has fewer distinct inputs.
EXAMPLES = int(os.environ.get("CONSENT_FUZZ_EXAMPLES", "100"))
MIN_REQUESTS = int(os.environ.get("CONSENT_FUZZ_MIN_REQUESTS", "1000"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


class Counting:
    """Counts the requests that reach the app."""

    def __init__(self, app) -> None:
        self.app = app
        self.requests = 0

    def __call__(self, environ, start_response):
        self.requests += 1
        return self.app(environ, start_response)


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory):
    data = tmp_path_factory.mktemp("fuzz")
    bundle = data / "consent.js"
    bundle.write_text("/* loader */", encoding="utf-8")
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{data / 'consent.sqlite'}",
            "BUNDLE_PATH": str(bundle),
            "SECRET_KEY": "fuzz",
            "RECEIPT_KEY_PATH": str(data / "receipt-key.pem"),
            "RATELIMIT_ENABLED": False,
        }
    )
    app.wsgi_app = Counting(app.wsgi_app)
    yield app
    with app.app_context():
        db.engine.dispose()


def operations(app) -> list:
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_generated_or_mutated_request_gets_a_5xx_or_an_undocumented_answer(fuzzed, mode):
    for operation in operations(fuzzed):

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,  # the same requests on every run: a failure can be rerun
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def exchange(case) -> None:
            case.call_and_validate(checks=CHECKS)

        try:
            exchange()
        except Unsatisfiable:  # an operation without parameters or body: nothing to mutate
            assert mode is GenerationMode.NEGATIVE


def test_after_the_fuzz_every_record_is_a_valid_decision_and_the_chain_verifies(fuzzed):
    print(f"fuzz: {fuzzed.wsgi_app.requests} requests")
    assert fuzzed.wsgi_app.requests >= MIN_REQUESTS
    with fuzzed.app_context():
        site = current_site()
        for record in db.session.scalars(db.select(ConsentRecord)):
            if record.action in EVENTS:  # tombstones and publications are not decisions
                continue
            body = {
                "consentId": record.consent_id,
                "action": record.action,
                "categories": record.categories,
                "services": record.services,
                "revision": record.revision,
                "language": record.language,
                "method": record.method,
                **({"pageUrl": record.page_url} if record.page_url else {}),
            }
            assert parse_decision(body, site).page_url == record.page_url
        assert verify_chain().ok
