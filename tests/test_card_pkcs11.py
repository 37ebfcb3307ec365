"""The PKCS#11 path against SoftHSM2 (a real PKCS#11 module): keys generated inside the token,
certificates from the test PKI, signatures checked with `cryptography`."""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pkcs11
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, utils
from cryptography.hazmat.primitives.serialization import load_der_public_key
from pkcs11 import Attribute, CertificateType, KeyType, ObjectClass
from pkcs11.util.ec import encode_ec_public_key, encode_named_curve_parameters
from pkcs11.util.rsa import encode_rsa_public_key

from clerk_app.card.pkcs11 import Pkcs11Signer
from clerk_app.core.keys import KeyErrorCode, KeyHolderError
from clerk_testkit.pki import TestPki, new_key

SOFTHSM = "/usr/lib/softhsm/libsofthsm2.so"
PIN = "246810"


@dataclass
class Hsm:
    label: str
    certs: dict[bytes, x509.Certificate]


@pytest.fixture(scope="session")
def softhsm(tmp_path_factory: pytest.TempPathFactory, card_pki: TestPki) -> Iterator[Hsm]:
    """A SoftHSM2 token with an EC P-384 signing key (id 01), an RSA-2048 one (id 03), and an
    EC key whose certificate has expired (id 02); SoftHSM reads SOFTHSM2_CONF once per process."""
    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\n")
    saved = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    label = "clerk-test"
    subprocess.run(
        ["softhsm2-util", "--init-token", "--free", "--label", label, "--pin", PIN,
         "--so-pin", "12345678"],
        check=True, capture_output=True,
    )  # fmt: skip
    lib = pkcs11.lib(SOFTHSM)
    lib.reinitialize()  # pick up this session's token directory
    certs: dict[bytes, x509.Certificate] = {}
    with lib.get_token(token_label=label).open(rw=True, user_pin=PIN) as session:
        ec_params = session.create_domain_parameters(
            KeyType.EC,
            {Attribute.EC_PARAMS: encode_named_curve_parameters("secp384r1")},
            local=True,
        )
        for key_id, kind, expired in (
            (b"\x01", "ec", False),
            (b"\x02", "ec", True),
            (b"\x03", "rsa", False),
        ):
            if kind == "ec":
                pub, _priv = ec_params.generate_keypair(
                    store=True, label=f"key{key_id.hex()}", id=key_id
                )
                public = load_der_public_key(encode_ec_public_key(pub))
            else:
                pub, _priv = session.generate_keypair(
                    KeyType.RSA, 2048, store=True, label=f"key{key_id.hex()}", id=key_id
                )
                public = load_der_public_key(encode_rsa_public_key(pub))
            kwargs = (
                {"not_before": datetime.now(UTC) - timedelta(days=900), "valid_days": 30}
                if expired
                else {}
            )
            _auth, sign = card_pki.person_certificates(new_key().public_key(), public, **kwargs)  # type: ignore[arg-type]
            session.create_object(
                {
                    Attribute.CLASS: ObjectClass.CERTIFICATE,
                    Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                    Attribute.TOKEN: True,
                    Attribute.ID: key_id,
                    Attribute.LABEL: f"cert{key_id.hex()}",
                    Attribute.SUBJECT: sign.cert.subject.public_bytes(),
                    Attribute.VALUE: sign.der,
                }
            )
            certs[key_id] = sign.cert
    yield Hsm(label, certs)
    if saved is None:
        os.environ.pop("SOFTHSM2_CONF", None)
    else:
        os.environ["SOFTHSM2_CONF"] = saved


def test_signs_with_a_key_that_never_left_the_token(softhsm: Hsm) -> None:
    signer = Pkcs11Signer(SOFTHSM, token_label=softhsm.label, key_id=b"\x01")
    assert signer.key_algorithm == "ec"
    assert x509.load_der_x509_certificate(signer.signing_certificate()) == softhsm.certs[b"\x01"]
    digest = hashlib.sha384(b"Ivangorod").digest()
    raw = signer.sign_digest(digest, PIN)
    assert len(raw) == 96
    key = softhsm.certs[b"\x01"].public_key()
    assert isinstance(key, ec.EllipticCurvePublicKey)
    der = utils.encode_dss_signature(
        int.from_bytes(raw[:48], "big"), int.from_bytes(raw[48:], "big")
    )
    key.verify(der, digest, ec.ECDSA(utils.Prehashed(hashes.SHA384())))


def test_rsa_key(softhsm: Hsm) -> None:
    signer = Pkcs11Signer(SOFTHSM, token_label=softhsm.label, key_id=b"\x03")
    assert signer.key_algorithm == "rsa"
    digest = hashlib.sha256(b"Latgale").digest()
    raw = signer.sign_digest(digest, PIN)
    softhsm.certs[b"\x03"].public_key().verify(  # type: ignore[union-attr, call-arg]
        raw, digest, padding.PKCS1v15(), utils.Prehashed(hashes.SHA256())
    )
    with pytest.raises(ValueError):
        signer.sign_digest(hashlib.sha384(b"x").digest(), PIN)


def test_wrong_pin_and_format(softhsm: Hsm) -> None:
    signer = Pkcs11Signer(SOFTHSM, token_label=softhsm.label, key_id=b"\x01")
    with pytest.raises(KeyHolderError) as err:
        signer.sign_digest(hashlib.sha384(b"x").digest(), "999999")
    # SoftHSM2 keeps no tries counter (and never locks): tries unknown
    assert (err.value.code, err.value.tries_left) == (KeyErrorCode.WRONG_PIN, None)
    assert "999999" not in str(err.value)
    with pytest.raises(KeyHolderError) as err:
        signer.sign_digest(hashlib.sha384(b"x").digest(), "1")  # below SoftHSM's minimum of 4
    assert err.value.code in (KeyErrorCode.PIN_FORMAT, KeyErrorCode.WRONG_PIN)
    assert len(signer.sign_digest(hashlib.sha384(b"x").digest(), PIN)) == 96


def test_expired_certificate_refused(softhsm: Hsm) -> None:
    signer = Pkcs11Signer(SOFTHSM, token_label=softhsm.label, key_id=b"\x02")
    with pytest.raises(KeyHolderError) as err:
        signer.sign_digest(hashlib.sha384(b"x").digest(), PIN)
    assert err.value.code == KeyErrorCode.CERTIFICATE_EXPIRED


def test_certificate_gone_from_token_means_another_token(softhsm: Hsm) -> None:
    signer = Pkcs11Signer(SOFTHSM, token_label=softhsm.label, key_id=b"\x01")
    lib = pkcs11.lib(SOFTHSM)
    with lib.get_token(token_label=softhsm.label).open(rw=True, user_pin=PIN) as session:
        cert = next(
            session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE, Attribute.ID: b"\x01"})
        )
        value = cert[Attribute.VALUE]
        cert.destroy()
    try:
        with pytest.raises(KeyHolderError) as err:
            signer.sign_digest(hashlib.sha384(b"x").digest(), PIN)
        assert err.value.code == KeyErrorCode.CARD_REMOVED
    finally:
        with lib.get_token(token_label=softhsm.label).open(rw=True, user_pin=PIN) as session:
            session.create_object(
                {
                    Attribute.CLASS: ObjectClass.CERTIFICATE,
                    Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                    Attribute.TOKEN: True,
                    Attribute.ID: b"\x01",
                    Attribute.SUBJECT: softhsm.certs[b"\x01"].subject.public_bytes(),
                    Attribute.VALUE: value,
                }
            )


def test_module_and_token_errors(softhsm: Hsm, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(KeyHolderError) as err:
        Pkcs11Signer(str(tmp_path / "missing.so"))
    assert err.value.code == KeyErrorCode.TOKEN_ERROR
    with pytest.raises(KeyHolderError) as err:
        Pkcs11Signer(SOFTHSM, token_label="no such token")
    assert err.value.code == KeyErrorCode.TOKEN_ERROR
    # without filters, a nonRepudiation (signing) certificate is chosen
    chosen = Pkcs11Signer(SOFTHSM, token_label=softhsm.label)
    ku = chosen.certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    assert ku.content_commitment
