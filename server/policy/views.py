"""``/privacy``, ``/cookies`` and ``/api/policy/<document>``.

Language: ``?lang=nl|en`` (``nl-BE`` counts as ``nl``, ``banner.language``'s
rule), else ``Accept-Language``, else the site config's ``defaultLanguage``.
An unknown ``?lang=`` on a page falls back the same way and says so on the
page (a stale link still shows the policy); on the JSON API it is a 404, as on
``/api/config``. An unknown ``?version=`` is a 404 everywhere: showing another
version than the one asked for would misstate what applied.
"""

from typing import Any

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)

from banner.language import match_language

from ..consent.schemas import parse_consent_id
from ..errors import InvalidField
from ..site_config import current_site
from .page import build_page
from .source import DOCUMENTS, Library, load_library

bp = Blueprint("policy", __name__)
EXTENSION_KEY = "consent_policy"


def init_app(app: Flask) -> None:
    """Read and check the policy source once, so a broken file stops start-up."""
    app.extensions[EXTENSION_KEY] = load_library()


def current_library() -> Library:
    return current_app.extensions[EXTENSION_KEY]


def negotiate(available: list[str]) -> tuple[str, str | None]:
    """(language, the ``?lang=`` we could not honour or None)."""
    requested = request.args.get("lang")
    if requested:
        matched = match_language(requested, available)
        if matched:
            return matched, None
    best = request.accept_languages.best_match(available)
    default = current_site().default_language
    fallback = best or (default if default in available else available[0])
    return fallback, requested or None


def ledger_routes() -> dict[str, str]:
    marker = "CONSENT-ID"
    records = url_for("consent.list_records", consent_id=marker, _external=True)
    erase = url_for("consent.erase_records", consent_id=marker, _external=True)
    return {
        "records": records.replace(marker, "{consentId}"),
        "erase": erase.replace(marker, "{consentId}"),
    }


def resolve(name: str, *, strict_language: bool) -> tuple[dict[str, Any], str | None]:
    library = current_library()
    versions = library.versions(name)
    version = request.args.get("version") or versions[-1]
    if version not in versions:
        abort(404, f"{name} policy version {version!r} does not exist; versions: {versions}")
    available = library.languages(name, version)
    language, unavailable = negotiate(available)
    if unavailable and strict_language:
        abort(404, f"language {unavailable!r} is not offered; use one of: {', '.join(available)}")
    doc = library.get(name, version, language)
    assert doc is not None
    page = build_page(
        library,
        doc,
        current_site().localized(language),
        retention_days=int(current_app.config["RETENTION_DAYS"]),
        routes=ledger_routes(),
    )
    return page, unavailable


def finish(response: Response, language: str) -> Response:
    response.headers["Content-Language"] = language
    response.vary.add("Accept-Language")
    return response


def render_policy(name: str) -> Response:
    page, unavailable = resolve(name, strict_language=False)
    ui = current_library().ui[page["language"]]
    html = render_template(
        "policy/page.html",
        page=page,
        ui=ui,
        unavailable=unavailable,
        explicit_version=request.args.get("version"),
        texts=current_site().localized(page["language"])["texts"],
    )
    return finish(Response(html, mimetype="text/html"), page["language"])


@bp.get("/privacy")
def privacy() -> Response:
    return render_policy("privacy")


@bp.get("/cookies")
def cookies() -> Response:
    return render_policy("cookies")


@bp.get("/api/policy/<name>")
def policy_json(name: str) -> Response:
    """The same content as the page, for other front ends and for audits."""
    if name not in DOCUMENTS:
        abort(404, f"no policy {name!r}; use one of: {', '.join(DOCUMENTS)}")
    page, _ = resolve(name, strict_language=True)
    return finish(jsonify(page), page["language"])


@bp.post("/privacy/consent-records")
def consent_records_form() -> Response:
    """The page's access form; 307 keeps the POST, so the access key never enters a URL."""
    consent_id = parse_consent_id(request.form.get("consentId", ""), version4=False)
    if request.form.get("format", "json") not in ("json", "csv"):
        raise InvalidField("format", "must be json or csv")
    return redirect(url_for("consent.list_records", consent_id=consent_id), code=307)


@bp.post("/privacy/consent-records/erase")
def erase_records_form() -> Response:
    """The page's erase form; 307 keeps the POST, so the ledger route does the work."""
    consent_id = parse_consent_id(request.form.get("consentId", ""), version4=False)
    return redirect(url_for("consent.erase_records", consent_id=consent_id), code=307)
