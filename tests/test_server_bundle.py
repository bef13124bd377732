"""``GET /consent.js``: the built bundle with the site config baked in."""

import gzip
import json
import os

import brotli
import pytest

from server.bundle.asset import (
    GPC_PLACEHOLDER,
    PLACEHOLDER,
    BundleUnavailable,
    choose_encoding,
    render,
)


def embedded_config(script: str) -> dict:
    """Cut the config literal back out of the served script."""
    start = script.index("config: ") + len("config: ")
    end = script.index("}; x();")
    return json.loads(script[start:end])


def test_script_carries_the_full_site_config(client, app):
    response = client.get("/consent.js", headers={"Accept-Encoding": "identity"})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/javascript; charset=utf-8"
    script = response.get_data(as_text=True)
    assert PLACEHOLDER not in script
    config = embedded_config(script)
    assert config == app.extensions["consent_site"].config
    assert config["texts"]["nl"]["acceptAll"] == "Alles accepteren"  # every language


def test_script_caching_headers(client):
    response = client.get("/consent.js")
    assert response.headers["Cache-Control"] == "public, max-age=300"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["Vary"] == "Accept-Encoding, Sec-GPC"
    etag, weak = response.get_etag()
    assert not weak
    assert len(etag) == 64  # sha256 hex of the body


def test_revalidation_with_the_etag_is_a_304(client):
    first = client.get("/consent.js")
    again = client.get("/consent.js", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == first.headers["ETag"]
    assert again.headers["Cache-Control"] == "public, max-age=300"
    stale = client.get("/consent.js", headers={"If-None-Match": '"something-else"'})
    assert stale.status_code == 200


@pytest.mark.parametrize(
    ("accept", "encoding", "decode"),
    [
        ("gzip, deflate", "gzip", gzip.decompress),
        ("gzip, deflate, br", "br", brotli.decompress),
        ("br;q=0, gzip", "gzip", gzip.decompress),
        ("*", "br", brotli.decompress),
    ],
)
def test_compressed_when_the_client_accepts_it(client, accept, encoding, decode):
    plain = client.get("/consent.js", headers={"Accept-Encoding": "identity"})
    packed = client.get("/consent.js", headers={"Accept-Encoding": accept})
    assert packed.headers["Content-Encoding"] == encoding
    assert decode(packed.data) == plain.data
    assert len(packed.data) < len(plain.data)
    assert packed.headers["ETag"] != plain.headers["ETag"]  # a different representation


def test_no_accept_encoding_means_identity(client):
    response = client.get("/consent.js", headers={"Accept-Encoding": ""})
    assert "Content-Encoding" not in response.headers


def test_rebuilt_bundle_is_picked_up(client, bundle_path):
    first = client.get("/consent.js")
    rebuilt = bundle_path.read_text(encoding="utf-8").replace("banner", "banner v2")
    bundle_path.write_text(rebuilt, encoding="utf-8")
    stat = bundle_path.stat()
    os.utime(bundle_path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    second = client.get("/consent.js", headers={"Accept-Encoding": "identity"})
    assert second.headers["ETag"] != first.headers["ETag"]
    assert b"banner v2" in second.data


def test_missing_bundle_is_503_telling_to_build(client, bundle_path):
    bundle_path.unlink()
    response = client.get("/consent.js")
    assert response.status_code == 503
    assert "make build" in response.json["description"]


def test_bundle_without_placeholder_is_503(client, bundle_path):
    bundle_path.write_text("console.log('stale build');", encoding="utf-8")
    response = client.get("/consent.js")
    assert response.status_code == 503
    assert "__CC_SITE_CONFIG__" in response.json["description"]


def test_head_has_headers_without_body(client):
    response = client.head("/consent.js")
    assert response.status_code == 200
    assert response.data == b""
    assert response.headers["ETag"]


def test_render_keeps_config_text_safe_in_javascript():
    template = 'var g = "__CC_SEC_GPC__"; var c = "__CC_SITE_CONFIG__";'
    script = render(template, {"t": '</script>"\u2028é'})
    assert script == 'var g = false; var c = {"t":"</script>\\"\\u2028\\u00e9"};'
    with pytest.raises(BundleUnavailable):
        render('var g = "__CC_SEC_GPC__"; var c = __CC_SITE_CONFIG__;', {})


def test_config_text_spelling_the_gpc_placeholder_stays_text():
    template = 'var g = "__CC_SEC_GPC__"; var c = "__CC_SITE_CONFIG__";'
    script = render(template, {"t": "__CC_SEC_GPC__"}, gpc=True)
    assert script == 'var g = true; var c = {"t":"__CC_SEC_GPC__"};'


# -- the Sec-GPC header: a signal only the server can see ---------------------


def gpc_signal(script: str):
    """The value the server wrote into the boot object's secGpc slot."""
    start = script.index("{secGpc: ") + len("{secGpc: ")
    return json.loads(script[start : script.index(",", start)])


def test_sec_gpc_request_gets_the_signalled_script(client, app):
    plain = client.get("/consent.js", headers={"Accept-Encoding": "identity"})
    signalled = client.get("/consent.js", headers={"Accept-Encoding": "identity", "Sec-GPC": "1"})
    assert gpc_signal(plain.get_data(as_text=True)) is False
    assert gpc_signal(signalled.get_data(as_text=True)) is True
    assert embedded_config(signalled.get_data(as_text=True)) == embedded_config(
        plain.get_data(as_text=True)
    )
    assert GPC_PLACEHOLDER not in signalled.get_data(as_text=True)
    assert signalled.headers["Vary"] == "Accept-Encoding, Sec-GPC"
    assert signalled.headers["ETag"] != plain.headers["ETag"]


@pytest.mark.parametrize("value", ["0", "", "true", "1, 1"])
def test_other_sec_gpc_values_are_no_signal(client, value):
    plain = client.get("/consent.js")
    other = client.get("/consent.js", headers={"Sec-GPC": value})
    assert other.headers["ETag"] == plain.headers["ETag"]


@pytest.mark.parametrize("accept", ["identity", "gzip", "br"])
def test_each_signal_revalidates_only_against_its_own_etag(client, accept):
    gpc = {"Accept-Encoding": accept, "Sec-GPC": "1"}
    plain = {"Accept-Encoding": accept}
    gpc_etag = client.get("/consent.js", headers=gpc).headers["ETag"]
    plain_etag = client.get("/consent.js", headers=plain).headers["ETag"]
    assert gpc_etag != plain_etag
    same = client.get("/consent.js", headers={**gpc, "If-None-Match": gpc_etag})
    assert same.status_code == 304
    assert same.headers["ETag"] == gpc_etag
    assert same.headers["Vary"] == "Accept-Encoding, Sec-GPC"
    crossed = client.get("/consent.js", headers={**plain, "If-None-Match": gpc_etag})
    assert crossed.status_code == 200
    assert crossed.headers["ETag"] == plain_etag
    crossed_back = client.get("/consent.js", headers={**gpc, "If-None-Match": plain_etag})
    assert crossed_back.status_code == 200
    assert crossed_back.headers["ETag"] == gpc_etag


def test_bundle_without_the_gpc_slot_is_503(client, bundle_path):
    bundle_path.write_text('window.__cc = {config: "__CC_SITE_CONFIG__"};', encoding="utf-8")
    response = client.get("/consent.js", headers={"Sec-GPC": "1"})
    assert response.status_code == 503
    assert "__CC_SEC_GPC__" in response.json["description"]


@pytest.mark.parametrize(
    ("accepted", "chosen"),
    [({"br": 1, "gzip": 1}, "br"), ({"gzip": 0.5}, "gzip"), ({}, "identity")],
)
def test_choose_encoding(accepted, chosen):
    assert choose_encoding(lambda name: accepted.get(name, 0)) == chosen
