"""Every response tells the browser not to sniff; HTML pages cannot be framed or run script."""

import pytest

ADMIN = {"Authorization": "Bearer test-admin-token-of-32-characters-at-least"}


def csp_directives(header: str) -> dict[str, list[str]]:
    parts = (d.split() for d in header.split(";") if d.strip())
    return {name: values for name, *values in parts}


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/privacy", {}),
        ("/cookies?lang=en", {}),
        ("/admin", ADMIN),
    ],
)
def test_html_pages_get_a_csp_without_script_framing_protection_and_a_referrer_policy(
    client, path, headers
):
    response = client.get(path, headers=headers)
    assert response.mimetype == "text/html", response.status
    csp = csp_directives(response.headers["Content-Security-Policy"])
    assert csp["default-src"] == ["'none'"]
    assert "script-src" not in csp  # falls back to default-src 'none': no script, inline or not
    assert csp["frame-ancestors"] == ["'none'"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "<script" not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/config"),
        ("GET", "/api/config?lang=xx"),
        ("GET", "/api/policy/privacy"),
        ("GET", "/api/consent/not-a-uuid"),
        ("POST", "/api/consent"),
        ("GET", "/healthz"),
        ("GET", "/.well-known/jwks.json"),
        ("GET", "/consent.js"),
        ("GET", "/no-such-page"),
    ],
)
def test_json_and_scripts_are_never_sniffed(client, method, path):
    response = client.open(path, method=method, json={} if method == "POST" else None)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.mimetype in ("application/json", "text/javascript")
