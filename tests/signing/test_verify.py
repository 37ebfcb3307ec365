"""Verification of signed PDFs, ours and foreign: tampering, trust, revocation, expiry, levels."""

from __future__ import annotations

import io
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore
from signing_helpers import pdfsig

from clerk_app.core.signing import SignatureLevel
from clerk_app.core.verification import Note, Reason, Revocation, Verdict
from clerk_app.signing.pades import sign_pdf
from clerk_app.signing.software_key import SoftwareKeySigner
from clerk_app.signing.verify import VerifyOptions, verify_pdf
from clerk_testkit.pdfa import make_pdfa


def _verify(pki, data: bytes, **kw):  # type: ignore[no-untyped-def]
    roots = kw.pop("roots", (pki.root.der,))
    return verify_pdf(data, VerifyOptions(trust_roots=roots, **kw))


def _sign(key, data: bytes, settings) -> bytes:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    sign_pdf(data, out, key, "", settings)
    return out.getvalue()


@pytest.fixture(scope="module")
def signed_bt(pki, services, identity, pdfa_bytes) -> bytes:  # type: ignore[no-untyped-def]
    from conftest import make_settings

    key = SoftwareKeySigner(identity.key_pem(), identity.der)
    return _sign(key, pdfa_bytes, make_settings(pki, services, SignatureLevel.B_T))


def _incremental(data: bytes, change) -> bytes:  # type: ignore[no-untyped-def]
    w = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    change(w)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def _content_stream(w, text: bytes):  # type: ignore[no-untyped-def]
    return w.add_object(generic.StreamObject(stream_data=text))


def test_flipped_byte_is_invalid_for_pyhanko_and_pdfsig(  # type: ignore[no-untyped-def]
    pki, signed_bt, tmp_path, nss_db
) -> None:
    data = bytearray(signed_bt)
    pos = data.index(b"stream", 2000) + 20  # inside a compressed page/font stream
    data[pos] ^= 0x01
    report = _verify(pki, bytes(data))
    assert report.verdict == Verdict.INVALID
    assert Reason.DIGEST_MISMATCH in report.signatures[0].reasons
    path = tmp_path / "flipped.pdf"
    path.write_bytes(bytes(data))
    assert "Digest Mismatch" in pdfsig(path, nss_db)


def test_page_added_after_signing_is_invalid(pki, signed_bt, tmp_path, nss_db) -> None:  # type: ignore[no-untyped-def]
    def add_page(w) -> None:  # type: ignore[no-untyped-def]
        page = generic.DictionaryObject(
            {
                generic.pdf_name("/Type"): generic.pdf_name("/Page"),
                generic.pdf_name("/MediaBox"): generic.ArrayObject(
                    [generic.NumberObject(n) for n in (0, 0, 595, 842)]
                ),
                generic.pdf_name("/Resources"): generic.DictionaryObject(),
                generic.pdf_name("/Contents"): _content_stream(w, b"0 0 1 rg 0 0 100 100 re f"),
            }
        )
        w.insert_page(page)

    tampered = _incremental(signed_bt, add_page)
    report = _verify(pki, tampered)
    assert report.verdict == Verdict.INVALID, report.to_json()
    sig = report.signatures[0]
    assert Reason.MODIFIED_AFTER_SIGNING in sig.reasons and sig.modification_level == "other"
    # pdfsig alone cannot tell: it only says the signature does not cover the whole file
    path = tmp_path / "page-added.pdf"
    path.write_bytes(tampered)
    out = pdfsig(path, nss_db)
    assert "Signature is Valid." in out and "Not total document signed" in out


def test_content_overprinted_after_signing_is_invalid(pki, signed_bt) -> None:  # type: ignore[no-untyped-def]
    tampered = _incremental(
        signed_bt,
        lambda w: w.add_stream_to_page(0, _content_stream(w, b"1 1 1 rg 50 700 400 80 re f")),
    )
    report = _verify(pki, tampered)
    assert report.verdict == Verdict.INVALID
    assert Reason.MODIFIED_AFTER_SIGNING in report.signatures[0].reasons


def test_annotation_added_after_signing_is_flagged(pki, signed_bt) -> None:  # type: ignore[no-untyped-def]
    def annotate(w) -> None:  # type: ignore[no-untyped-def]
        page_ref = w.find_page_for_modification(0)[0]
        note = w.add_object(
            generic.DictionaryObject(
                {
                    generic.pdf_name("/Type"): generic.pdf_name("/Annot"),
                    generic.pdf_name("/Subtype"): generic.pdf_name("/Text"),
                    generic.pdf_name("/Rect"): generic.ArrayObject(
                        [generic.NumberObject(n) for n in (100, 700, 120, 720)]
                    ),
                    generic.pdf_name("/Contents"): generic.TextStringObject("not original"),
                }
            )
        )
        w.register_annotation(page_ref, note)

    report = _verify(pki, _incremental(signed_bt, annotate))
    assert report.verdict != Verdict.VALID, report.to_json()
    reasons = report.signatures[0].reasons
    assert Reason.ANNOTATIONS_AFTER_SIGNING in reasons or Reason.MODIFIED_AFTER_SIGNING in reasons


def test_unknown_root_is_indeterminate_and_trust_flag_fixes_it(pki, signed_bt) -> None:  # type: ignore[no-untyped-def]
    report = _verify(pki, signed_bt, roots=())
    assert report.verdict == Verdict.INDETERMINATE
    # neither the signer's nor the time-stamp authority's chain reaches a trusted root
    assert set(report.reasons) == {Reason.CHAIN_UNTRUSTED, Reason.TIMESTAMP_UNTRUSTED}
    assert report.signatures[0].signer_name == "JAAK-KRISTJAN JÕEORG"  # still says who
    assert _verify(pki, signed_bt).verdict == Verdict.VALID


def test_b_b_offline_is_valid_with_notes_and_indeterminate_when_strict(  # type: ignore[no-untyped-def]
    pki, services, key, pdfa_bytes, settings_for
) -> None:
    data = _sign(key, pdfa_bytes, settings_for(SignatureLevel.B_B))
    report = _verify(pki, data)
    sig = report.signatures[0]
    assert report.verdict == Verdict.VALID and sig.level == "B-B"
    assert Note.NOT_TIMESTAMPED in sig.notes and Note.REVOCATION_NOT_CHECKED in sig.notes
    assert sig.revocation == Revocation.UNKNOWN and sig.signing_time is not None
    strict = _verify(pki, data, strict_revocation=True)
    assert strict.verdict == Verdict.INDETERMINATE
    assert Reason.REVOCATION_UNKNOWN in strict.signatures[0].reasons
    online = _verify(pki, data, online=True, strict_revocation=True)
    assert online.verdict == Verdict.VALID
    assert online.signatures[0].revocation == Revocation.GOOD
    assert Note.REVOCATION_ONLINE in online.signatures[0].notes


def test_revoked_before_signing_is_invalid_online(  # type: ignore[no-untyped-def]
    pki, services, pdfa_bytes, settings_for
) -> None:
    ident = pki.signing_identity()
    key = SoftwareKeySigner(ident.key_pem(), ident.der)
    pki.revoke(ident.cert, datetime.now(UTC) - timedelta(hours=1))
    data = _sign(key, pdfa_bytes, settings_for(SignatureLevel.B_B))  # B-B asks no OCSP
    report = _verify(pki, data, online=True)
    assert report.verdict == Verdict.INVALID
    sig = report.signatures[0]
    assert Reason.CERTIFICATE_REVOKED in sig.reasons and sig.revocation == Revocation.REVOKED
    assert sig.revocation_time is not None


def test_revoked_after_a_b_lt_signature_stays_valid(  # type: ignore[no-untyped-def]
    pki, services, pdfa_bytes, settings_for
) -> None:
    ident = pki.signing_identity()
    key = SoftwareKeySigner(ident.key_pem(), ident.der)
    data = _sign(key, pdfa_bytes, settings_for(SignatureLevel.B_LT))
    time.sleep(1.1)
    pki.revoke(ident.cert, datetime.now(UTC))
    offline = _verify(pki, data)
    assert offline.verdict == Verdict.VALID  # the embedded OCSP answer said good at signing
    online = _verify(pki, data, online=True)
    assert online.verdict == Verdict.VALID, online.to_json()
    assert Note.VALIDATED_AT_TIMESTAMP in online.signatures[0].notes


def test_expiry_after_a_time_stamped_signature_keeps_it_valid(  # type: ignore[no-untyped-def]
    pki, services, pdfa_bytes, settings_for
) -> None:
    expires = datetime.now(UTC) + timedelta(seconds=4)
    ident = pki.signing_identity(not_before=expires - timedelta(days=1), valid_days=1)
    key = SoftwareKeySigner(ident.key_pem(), ident.der)
    with_time = _sign(key, pdfa_bytes, settings_for(SignatureLevel.B_LT))
    without_time = _sign(key, pdfa_bytes, settings_for(SignatureLevel.B_B))
    time.sleep(max(0.0, (expires - datetime.now(UTC)).total_seconds()) + 1.2)
    lt = _verify(pki, with_time)
    assert lt.verdict == Verdict.VALID, lt.to_json()
    assert Note.VALIDATED_AT_TIMESTAMP in lt.signatures[0].notes
    bb = _verify(pki, without_time)
    assert bb.verdict == Verdict.INDETERMINATE
    assert Reason.CERTIFICATE_EXPIRED in bb.signatures[0].reasons


def _partner_rsa_identity(pki):  # type: ignore[no-untyped-def]
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(
            x509.Name(
                [
                    x509.NameAttribute(x509.NameOID.COUNTRY_NAME, "RU"),
                    x509.NameAttribute(x509.NameOID.COMMON_NAME, "Иванова Мария Петровна"),
                ]
            )
        )
        .issuer_name(pki.intermediate.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365))
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, False, False, False, False),
            critical=True,
        )
        .sign(pki.intermediate.key, hashes.SHA384())
    )
    return key, cert


def test_foreign_rsa_pkcs7_signature_is_checked(pki, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A partner's signature: RSA, adbe.pkcs7.detached, digitalSignature only, no stamp."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509

    rsa_key, cert = _partner_rsa_identity(pki)
    signer = signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
        signing_key=asn1_keys.PrivateKeyInfo.load(
            rsa_key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        ),
        cert_registry=SimpleCertificateStore.from_certs(
            [asn1_x509.Certificate.load(pki.intermediate.der)]
        ),
    )
    src = make_pdfa(tmp_path / "partner.pdf").read_bytes()
    out = io.BytesIO()
    signers.PdfSigner(
        signers.PdfSignatureMetadata(field_name="Partner", md_algorithm="sha256"), signer
    ).sign_pdf(IncrementalPdfFileWriter(io.BytesIO(src)), output=out)
    report = _verify(pki, out.getvalue())
    assert report.verdict == Verdict.VALID, report.to_json()
    sig = report.signatures[0]
    assert sig.level is None and Note.NOT_PADES in sig.notes
    assert sig.subfilter == "adbe.pkcs7.detached" and sig.signature_algorithm.startswith("sha256")
    assert sig.signer_name == "Иванова Мария Петровна"


def test_a_second_signature_keeps_the_first_valid(  # type: ignore[no-untyped-def]
    pki, services, key, signed_bt, settings_for
) -> None:
    twice = _sign(key, signed_bt, settings_for(SignatureLevel.B_T))
    report = _verify(pki, twice)
    assert report.verdict == Verdict.VALID, report.to_json()
    first, second = report.signatures
    assert first.field_name == "Signature1" and second.field_name == "Signature2"
    assert Note.FORM_FILLED_AFTER_SIGNING in first.notes or first.modification_level in (
        "lta-updates",
        "form-filling",
    )


def test_unsupported_signature_format_is_reported_not_dropped(pki, signed_bt) -> None:  # type: ignore[no-untyped-def]
    old = b"/ETSI.CAdES.detached"
    new = b"/adbe.pkcs7.sha1".ljust(len(old))  # same length: offsets stay right
    report = _verify(pki, signed_bt.replace(old, new, 1))
    assert report.verdict == Verdict.INDETERMINATE
    (sig,) = report.signatures
    assert sig.reasons == [Reason.UNSUPPORTED_FORMAT] and sig.subfilter == "adbe.pkcs7.sha1"


@pytest.mark.parametrize(
    "data, reason",
    [(b"not a pdf at all", Reason.MALFORMED), (None, Reason.NO_SIGNATURE)],
    ids=["not-pdf", "unsigned"],
)
def test_unsigned_or_not_pdf_is_invalid(pki, pdfa_bytes, data, reason) -> None:  # type: ignore[no-untyped-def]
    report = _verify(pki, data if data is not None else pdfa_bytes)
    assert report.verdict == Verdict.INVALID and report.reasons == [reason]
