"""``/api/consent``: log a decision, and give visitors their own records."""

from collections.abc import Iterator

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    jsonify,
    request,
    stream_with_context,
    url_for,
)
from werkzeug.exceptions import ServiceUnavailable

from .. import gpc
from ..database import db
from ..errors import InvalidField
from ..json_body import read_json_body
from ..receipts import current_signer
from ..site_config import current_site
from . import ledger, publications
from .anonymize import shorten_user_agent, truncate_ip
from .export import csv_lines, json_array
from .guard import guarded
from .idempotency import original_of
from .iso27560 import consent_record
from .models import ConsentRecord
from .records import Row, decision_row, export_dict, receipt
from .schemas import parse_consent_id, parse_decision
from .visitor_key import require_visitor_key, visitor_key

bp = Blueprint("consent", __name__, url_prefix="/api/consent")
EXPORT_FORMATS = ("json", "csv", "iso27560")


@bp.post("")
def record_decision() -> tuple[Response, int]:
    """Validate fully before touching the database, so a bad body stores nothing."""
    body = read_json_body(current_app.config["MAX_BODY_BYTES"])
    decision = parse_decision(body, current_site())
    row = decision_row(
        decision,
        ip=truncate_ip(request.remote_addr),
        user_agent=shorten_user_agent(request.user_agent.string),
        gpc=gpc.requested(),
    )
    original = original_of(row)
    if original is None:
        guarded(publications.publish_current)  # the edition this decision answers is archived
        try:
            guarded(ledger.append, row)
        except ServiceUnavailable:
            original = stored_original(row)  # a retry racing its first attempt lost on the key
            if original is None:
                raise
        else:
            if "id" in row:
                return answer(row, 201)
            original = stored_original(row)  # its first attempt was in the same batch
    return answer(original.columns(), 200)


def stored_original(row: Row) -> ConsentRecord | None:
    """The record another attempt committed meanwhile (a fresh snapshot sees it)."""
    db.session.rollback()
    return original_of(row)


def answer(row: Row, status: int) -> tuple[Response, int]:
    """The signed receipt; the visitor's access key with their first record only."""
    stored = receipt(row)
    body = {**stored, "receipt": current_signer().sign(stored)}
    db.session.rollback()  # end the read snapshot of the key lookup: it predates the append
    if ConsentRecord.first_id_of(row["consent_id"]) == row["id"]:
        body["accessKey"] = visitor_key(row["consent_id"])
    response = jsonify(body)
    response.headers["Location"] = url_for(".list_records", consent_id=row["consent_id"])
    response.cache_control.no_store = True
    return response, status


@bp.route("/<consent_id>", methods=["GET", "POST"])
def list_records(consent_id: str) -> Response:
    """A visitor's own records (GDPR access and portability), oldest first.

    GET with the access key as a bearer token; POST (the policy page's form)
    with it in the body, so it never sits in a URL.
    """
    consent_id = parse_consent_id(consent_id, version4=False)
    require_visitor_key(consent_id)
    export_format = request.values.get("format", "json")
    if export_format not in EXPORT_FORMATS:
        raise InvalidField("format", "must be one of " + ", ".join(EXPORT_FORMATS))
    if not ConsentRecord.exists_for(consent_id):
        abort(404, f"no consent records for {consent_id}")
    site = current_site()

    def body() -> Iterator[str]:
        """Streamed, so a visitor with many records costs one record of memory."""
        stored = (export_dict(row) for row in ConsentRecord.stream_for(consent_id))
        if export_format == "csv":
            yield from csv_lines(stored)
        elif export_format == "iso27560":
            yield from json_array((r for r in (consent_record(s, site) for s in stored) if r), None)
        else:
            yield f'{{"consentId":"{consent_id}","records":'
            yield from json_array(stored, None)
            yield "}"

    mimetypes = {"csv": "text/csv", "json": "application/json", "iso27560": "application/ld+json"}
    response = Response(stream_with_context(body()), mimetype=mimetypes[export_format])
    if export_format == "csv":
        filename = f"consent-{consent_id}.csv"
        response.headers.set("Content-Disposition", "attachment", filename=filename)
    response.cache_control.no_store = True
    return response


@bp.post("/<consent_id>/erase")
def erase_records(consent_id: str) -> Response:
    """Right to erasure: personal fields go, the decisions (the proof) stay."""
    consent_id = parse_consent_id(consent_id, version4=False)
    require_visitor_key(consent_id)
    if not ConsentRecord.exists_for(consent_id):
        abort(404, f"no consent records for {consent_id}")
    erased, tombstone = guarded(ledger.erase, consent_id)
    body = {"consentId": consent_id, "erasedRecords": erased}
    if tombstone is not None:
        body["tombstone"] = receipt(tombstone)
    response = jsonify(body)
    response.cache_control.no_store = True
    return response
