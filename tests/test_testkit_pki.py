"""The test PKI issues chains that OpenSSL verifies and that carry the EstEID shapes."""

from __future__ import annotations

import subprocess

from asn1crypto.core import ObjectIdentifier
from cryptography import x509

from clerk_testkit.pki import TestPki, new_key


def test_person_chain_verifies_with_openssl(tmp_path) -> None:  # type: ignore[no-untyped-def]
    pki = TestPki.create()
    paths = pki.write(tmp_path)
    auth, sign = pki.person_certificates(new_key().public_key(), new_key().public_key())
    leaf = tmp_path / "sign.pem"
    leaf.write_bytes(sign.pem)
    out = subprocess.run(
        ["openssl", "verify", "-CAfile", str(paths["root"]), "-untrusted",
         str(paths["intermediate"]), str(leaf)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    ku = sign.cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert ku.content_commitment and not ku.digital_signature  # nonRepudiation only
    assert "PNOEE-38001085718" in sign.cert.subject.rfc4514_string()
    # the QC statements extension carries QcCompliance, QcSSCD and QcType=esign
    qc = sign.cert.extensions.get_extension_for_oid(x509.ObjectIdentifier("1.3.6.1.5.5.7.1.3"))
    for dotted in ("0.4.0.1862.1.1", "0.4.0.1862.1.4", "0.4.0.1862.1.6.1"):
        assert ObjectIdentifier(dotted).dump() in qc.value.value  # type: ignore[attr-defined]
    auth_ku = auth.cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert auth_ku.digital_signature


def test_revoked_serial_appears_in_crl() -> None:
    pki = TestPki.create()
    ident = pki.signing_identity()
    pki.revoke(ident.cert)
    crl = x509.load_der_x509_crl(pki.crl())
    assert crl.get_revoked_certificate_by_serial_number(ident.cert.serial_number) is not None
    assert crl.is_signature_valid(pki.intermediate.cert.public_key())  # type: ignore[arg-type]


def test_tsa_has_critical_timestamping_eku() -> None:
    ext = TestPki.create().tsa().cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    assert ext.critical and x509.oid.ExtendedKeyUsageOID.TIME_STAMPING in ext.value
