"""Pages of the demo site under /nl/ and /en/, the language switch and the contact form."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Response,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)

from .contact import validate_contact
from .content import COMPANY, DEFAULT_LANGUAGE, LANGUAGES, TEXTS

bp = Blueprint("site", __name__)

#: The functional cookie that remembers the visitor's language (declared as necessary).
LANGUAGE_COOKIE = "fm_lang"
LANGUAGE_COOKIE_MAX_AGE = 365 * 24 * 3600
LANG = "<any(nl, en):lang>"


@bp.app_context_processor
def page_context() -> dict[str, Any]:
    lang = _page_language()
    other = next(code for code in LANGUAGES if code != lang)
    on_page = "lang" in (request.view_args or {}) and request.endpoint != "site.set_language"
    same_page = url_for(request.endpoint, lang=other) if on_page else f"/{other}/"
    return {
        "lang": lang,
        "t": TEXTS[lang],
        "company": COMPANY,
        "consent_url": current_app.config["CONSENT_URL"],
        "tracker_url": current_app.config["TRACKER_URL"],
        "other_lang": other,
        "switch_url": url_for("site.set_language", lang=other, next=same_page),
    }


@bp.get("/")
def root() -> Response:
    """Send the visitor to the language they chose before, or the one their browser asks for."""
    lang = request.cookies.get(LANGUAGE_COOKIE)
    if lang not in LANGUAGES:
        lang = request.accept_languages.best_match(LANGUAGES) or DEFAULT_LANGUAGE
    response = redirect(url_for("site.home", lang=lang))
    response.vary.update(("Cookie", "Accept-Language"))
    return response


@bp.get(f"/lang/{LANG}")
def set_language(lang: str) -> Response:
    response = redirect(_local_path(request.args.get("next")) or url_for("site.home", lang=lang))
    response.set_cookie(
        LANGUAGE_COOKIE, lang, max_age=LANGUAGE_COOKIE_MAX_AGE, path="/", samesite="Lax"
    )
    return response


@bp.get(f"/{LANG}/")
def home(lang: str) -> str:
    return render_template("home.html")


@bp.get(f"/{LANG}/product")
def product(lang: str) -> str:
    return render_template("product.html")


@bp.route(f"/{LANG}/contact", methods=["GET", "POST"])
def contact(lang: str) -> str | tuple[str, int]:
    if request.method == "GET":
        return render_template("contact.html", form={}, errors=[])
    data, errors = validate_contact(request.form)
    if errors:
        return render_template("contact.html", form=data, errors=errors), 400
    current_app.extensions["contact_messages"].append({**data, "lang": lang, "time": time.time()})
    return render_template("thanks.html", form=data)


@bp.app_errorhandler(404)
def not_found(error: Exception) -> tuple[str, int]:
    return render_template("not_found.html"), 404


def _page_language() -> str:
    """The language of the page: its URL prefix, else the visitor's cookie, else Dutch."""
    lang = (request.view_args or {}).get("lang") or request.path.strip("/").partition("/")[0]
    if lang not in LANGUAGES:
        lang = request.cookies.get(LANGUAGE_COOKIE, DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def _local_path(target: str | None) -> str | None:
    """Accept only a path on this site, so the switch cannot redirect elsewhere."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    return None if parts.scheme or parts.netloc else target
