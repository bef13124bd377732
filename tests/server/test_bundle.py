"""``GET /consent.js`` (the loader with the site baked in) and the runtime it loads."""

import gzip
import hashlib
import json
import os

import brotli
import pytest

from server.bundle.asset import (
    SEC_GPC_SLOT,
    SITE_CONFIG_SLOT,
    Bundle,
    BundleUnavailable,
    choose_encoding,
    render,
)
from tests.support import FAKE_RUNTIME


def embedded(script: str) -> dict:
    """Cut the filled-in literals back out of the served loader."""
    start = script.index("window.__cc = ") + len("window.__cc = ")
    end = script.index("; x();")
    literal = script[start:end]
    for key in ("secGpc", "config", "paint", "runtime", "replayKey"):
        literal = literal.replace(f"{key}: ", f'"{key}": ', 1)
    return json.loads(literal)


def embedded_config(script: str) -> dict:
    return embedded(script)["config"]


def runtime_url(client) -> str:
    loader = client.get("/consent.js", headers={"Accept-Encoding": "identity"})
    return "/" + embedded(loader.get_data(as_text=True))["runtime"]


def rebuild_runtime(bundle_path) -> None:
    """A new runtime on disk, seen as newer even on a coarse file clock."""
    runtime = bundle_path.with_name("consent-runtime.js")
    runtime.write_text(FAKE_RUNTIME + "z();", encoding="utf-8")
    stat = runtime.stat()
    os.utime(runtime, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_script_carries_the_full_site_config(client, app):
    response = client.get("/consent.js", headers={"Accept-Encoding": "identity"})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/javascript; charset=utf-8"
    script = response.get_data(as_text=True)
    assert SITE_CONFIG_SLOT not in script
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
    rebuilt = bundle_path.read_text(encoding="utf-8").replace("loader", "loader v2")
    bundle_path.write_text(rebuilt, encoding="utf-8")
    stat = bundle_path.stat()
    os.utime(bundle_path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    second = client.get("/consent.js", headers={"Accept-Encoding": "identity"})
    assert second.headers["ETag"] != first.headers["ETag"]
    assert b"loader v2" in second.data


def test_missing_bundle_is_503_telling_to_build(client, bundle_path):
    bundle_path.unlink()
    response = client.get("/consent.js")
    assert response.status_code == 503
    assert "make build" in response.json["description"]


def test_bundle_without_placeholder_is_503(client, bundle_path):
    bundle_path.write_text("console.log('stale build');", encoding="utf-8")
    response = client.get("/consent.js")
    assert response.status_code == 503
    assert "rebuild it with `make build`" in response.json["description"]


def test_loader_carries_the_painted_consent_modal_per_language(client, app):
    script = client.get("/consent.js", headers={"Accept-Encoding": "identity"}).get_data(
        as_text=True
    )
    paint = embedded(script)["paint"]
    assert set(paint["html"]) == {"nl", "en"}
    assert '<div class="cc-box cm-wrapper cm" role="dialog"' in paint["html"]["en"]
    assert 'lang="nl"' in paint["html"]["nl"] and "Alles weigeren" in paint["html"]["nl"]
    assert "#cc-main" in paint["css"]
    assert paint["classes"] == "cc-layout-corner cc-pos-bottom-left"  # the default theme
    # A replayed page's settings button, in Python's markup
    assert paint["settings"]["en"] == (
        '<button type="button" class="cc-settings" data-cc-action="show-preferences"'
        ' id="cc-settings">Cookie settings</button>'
    )



def test_loader_carries_the_answers_python_gives_before_it_runs(client, app):
    """Consent Mode's default and getConfig(), computed by the banner's Python."""
    script = client.get("/consent.js", headers={"Accept-Encoding": "identity"}).get_data(
        as_text=True
    )
    paint = embedded(script)["paint"]
    signals = {"analytics_storage", "ad_storage", "ad_user_data", "ad_personalization"}
    [(gtag, command, denied)] = paint["consentDefault"]
    assert (gtag, command) == ("consent", "default")
    assert set(denied) == signals and set(denied.values()) == {"denied"}
    shape = paint["vanillaConfig"]
    assert shape["mode"] == "opt-in" and shape["cookie"]["name"] == "cc_cookie"
    assert shape["categories"]["necessary"]["readOnly"] is True
    assert set(shape["language"]["translations"]) == {"nl", "en"}


def test_runtime_is_served_under_its_content_hash_for_a_year(client, bundle_path):
    url = runtime_url(client)
    digest = hashlib.sha256(bundle_path.with_name("consent-runtime.js").read_bytes()).hexdigest()
    assert url == f"/consent.{digest[:16]}.js"
    response = client.get(url, headers={"Accept-Encoding": "identity"})
    assert response.status_code == 200
    assert response.data == bundle_path.with_name("consent-runtime.js").read_bytes()
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.headers["Content-Type"] == "text/javascript; charset=utf-8"


def test_an_old_or_unknown_runtime_hash_is_404(client):
    assert client.get("/consent.0123456789abcdef.js").status_code == 404
    response = client.get("/consent.nothex.js")
    assert response.status_code == 404
    assert "no runtime nothex" in response.json["description"]


def test_runtime_uses_the_builds_compressed_siblings(client, bundle_path):
    runtime = bundle_path.with_name("consent-runtime.js")
    runtime.with_name("consent-runtime.js.br").write_bytes(brotli.compress(b"prebuilt"))
    response = client.get(runtime_url(client), headers={"Accept-Encoding": "br"})
    assert response.headers["Content-Encoding"] == "br"
    assert brotli.decompress(response.data) == b"prebuilt"  # read, not recompressed


def test_a_rebuilt_runtime_changes_the_loaders_link(client, bundle_path):
    first = runtime_url(client)
    rebuild_runtime(bundle_path)
    second = runtime_url(client)
    assert second != first
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200


def test_head_has_headers_without_body(client):
    response = client.head("/consent.js")
    assert response.status_code == 200
    assert response.data == b""
    assert response.headers["ETag"]


def test_config_text_spelling_the_gpc_placeholder_stays_text():
    template = 'var g = "__CC_SEC_GPC__"; var c = "__CC_SITE_CONFIG__";'
    script = render(template, {SEC_GPC_SLOT: True, SITE_CONFIG_SLOT: {"t": "__CC_SEC_GPC__"}})
    assert script == 'var g = true; var c = {"t":"__CC_SEC_GPC__"};'


# -- the Sec-GPC header: a signal only the server can see ---------------------


def test_sec_gpc_request_gets_the_signalled_loader(client):
    plain = client.get("/consent.js", headers={"Accept-Encoding": "identity"})
    signalled = client.get("/consent.js", headers={"Accept-Encoding": "identity", "Sec-GPC": "1"})
    assert embedded(plain.get_data(as_text=True))["secGpc"] is False
    assert embedded(signalled.get_data(as_text=True))["secGpc"] is True
    assert embedded_config(signalled.get_data(as_text=True)) == embedded_config(
        plain.get_data(as_text=True)
    )
    assert SEC_GPC_SLOT not in signalled.get_data(as_text=True)
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


def test_loader_without_the_gpc_slot_is_503(client, bundle_path):
    loader = bundle_path.read_text(encoding="utf-8").replace('"__CC_SEC_GPC__"', "false")
    bundle_path.write_text(loader, encoding="utf-8")
    response = client.get("/consent.js", headers={"Sec-GPC": "1"})
    assert response.status_code == 503
    assert "__CC_SEC_GPC__" in response.json["description"]


def test_render_keeps_config_text_safe_in_javascript():
    script = render('var c = "__CC_SITE_CONFIG__";', {SITE_CONFIG_SLOT: {"t": '</script>"\u2028é'}})
    assert script == 'var c = {"t":"</script>\\"\\u2028\\u00e9"};'
    with pytest.raises(BundleUnavailable):
        render("var c = __CC_SITE_CONFIG__;", {SITE_CONFIG_SLOT: {}})


@pytest.mark.parametrize(
    ("accepted", "chosen"),
    [({"br": 1, "gzip": 1}, "br"), ({"gzip": 0.5}, "gzip"), ({}, "identity")],
)
def test_choose_encoding(accepted, chosen):
    assert choose_encoding(lambda name: accepted.get(name, 0)) == chosen


# -- the key of the verdicts a loader may replay (banner/replay.py) -----------


def test_the_replay_key_names_the_runtime_and_the_config(client, app, bundle_path):
    def key() -> str:
        served = client.get("/consent.js", headers={"Accept-Encoding": "identity"})
        return embedded(served.get_data(as_text=True))["replayKey"]

    first = key()
    assert len(first) == 16
    assert key() == first
    config = app.extensions["consent_site"].config
    other = Bundle(bundle_path, {**config, "revision": config["revision"] + 1}, {})
    assert other.replay_key() != first
    rebuild_runtime(bundle_path)
    assert key() != first
