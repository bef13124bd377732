"""Signed receipts: verifiable with the published key, and only unmodified."""

import base64
import json

import pytest
from joserfc.errors import BadSignatureError, InvalidKeyIdError
from joserfc.jwk import ECKey

from server import create_app
from server.receipts import ReceiptSigner, verify_receipt


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def test_receipt_verifies_with_the_published_key(client, make_decision):
    posted = client.post("/api/consent", json=make_decision()).json
    jwks = client.get("/.well-known/jwks.json")
    assert jwks.status_code == 200
    assert jwks.headers["Access-Control-Allow-Origin"] == "*"
    [key] = jwks.json["keys"]
    assert key["kty"] == "EC" and key["alg"] == "ES256" and "d" not in key
    payload = json.loads(verify_receipt(posted["receipt"], jwks.json))
    # Everything but the access key, which is the visitor's secret and no part of the proof.
    assert payload == {k: v for k, v in posted.items() if k not in ("receipt", "accessKey")}


def test_modified_receipt_does_not_verify(client, make_decision):
    posted = client.post(
        "/api/consent", json=make_decision(action="reject_all", categories=["necessary"])
    ).json
    header, payload, signature = posted["receipt"].split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["action"] = "accept_all"
    forged = ".".join([header, _b64(json.dumps(claims).encode()), signature])
    jwks = client.get("/.well-known/jwks.json").json
    with pytest.raises(BadSignatureError):
        verify_receipt(forged, jwks)


def test_receipt_from_another_key_does_not_verify(client, make_decision):
    stranger = ReceiptSigner(ECKey.generate_key("P-256", private=True))
    token = stranger.sign({"recordId": 1})
    with pytest.raises(InvalidKeyIdError):
        verify_receipt(token, client.get("/.well-known/jwks.json").json)


def test_signing_key_survives_restarts(app_config, tmp_path):
    first = create_app(app_config).test_client().get("/.well-known/jwks.json").json
    second = create_app(app_config).test_client().get("/.well-known/jwks.json").json
    assert first == second
    key_file = tmp_path / "receipt-key.pem"
    assert key_file.stat().st_mode & 0o777 == 0o600


def test_configured_key_is_used_by_every_server(app_config, tmp_path):
    pem = ECKey.generate_key("P-256", private=True).as_pem(private=True).decode()
    one = create_app({**app_config, "RECEIPT_KEY": pem})
    two = create_app({**app_config, "RECEIPT_KEY": pem, "RECEIPT_KEY_PATH": str(tmp_path / "x")})
    jwks_one = one.test_client().get("/.well-known/jwks.json").json
    assert jwks_one == two.test_client().get("/.well-known/jwks.json").json
    assert not (tmp_path / "x").exists()


def test_public_key_is_refused_as_signing_key(app_config):
    public_pem = ECKey.generate_key("P-256", private=True).as_pem(private=False).decode()
    with pytest.raises(ValueError, match="private P-256"):
        create_app({**app_config, "RECEIPT_KEY": public_pem})
