"""PAdES signing over a DigestSigner: every level, one key operation, PDF/A kept, stamp text,
refusals before the card; checked with pyHanko, poppler's pdfsig/pdffonts/pdftotext and qpdf."""

from __future__ import annotations

import asyncio
import hashlib
import io
from datetime import UTC, datetime, timedelta

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from signing_helpers import assert_still_pdfa, pdf_text, pdfsig

from clerk_app.core.keys import KeyErrorCode, KeyHolderError
from clerk_app.core.signing import SignatureLevel, SignErrorCode, SigningFailure
from clerk_app.core.verification import Note, Verdict
from clerk_app.signing.pades import KeyHolderSigner, sign_pdf, stamp_text, upgrade_pdf
from clerk_app.signing.software_key import SoftwareKeySigner
from clerk_app.signing.verify import VerifyOptions, verify_pdf
from clerk_testkit.pki_services import closed_port_url

LEVELS = list(SignatureLevel)


def _verify(pki, data: bytes, **kw):  # type: ignore[no-untyped-def]
    return verify_pdf(data, VerifyOptions(trust_roots=(pki.root.der,), **kw))


@pytest.mark.parametrize("level", LEVELS, ids=[lvl.value for lvl in LEVELS])
def test_each_level_signs_once_keeps_pdfa_and_validates(  # type: ignore[no-untyped-def]
    level, pki, services, key, pdfa_bytes, settings_for, tmp_path, nss_db
) -> None:
    out = io.BytesIO()
    result = sign_pdf(pdfa_bytes, out, key, "", settings_for(level))
    signed = out.getvalue()
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed)

    # one key operation per signature at every level, none for the size estimate
    assert key.calls == 1 and result.card_calls == 1
    assert result.level == level and result.sha256 == hashlib.sha256(signed).hexdigest()
    assert signed.startswith(pdfa_bytes)  # an incremental update: the original bytes stay
    assert_still_pdfa(signed, path)

    # pyHanko's own validator, without our report logic: intact, valid, trusted, bottom line
    reader = PdfFileReader(io.BytesIO(signed), strict=False)
    status = validate_pdf_signature(
        reader.embedded_regular_signatures[0],
        ValidationContext(trust_roots=[asn1_x509.Certificate.load(pki.root.der)]),
    )
    assert status.intact and status.valid and status.trusted and status.bottom_line
    assert status.md_algorithm == "sha384"
    assert (status.timestamp_validity is not None) == (level != SignatureLevel.B_B)

    report = _verify(pki, signed)
    assert report.verdict == Verdict.VALID, report.to_json()
    sig = report.signatures[0]
    assert sig.level == level.value
    assert sig.signer_name == "JAAK-KRISTJAN JÕEORG" and sig.personal_code == "38001085718"
    assert sig.trusted and sig.coverage in ("entire-file", "entire-revision")
    if level.needs_tsa:
        assert sig.timestamp_time is not None
    if level.needs_revocation:
        assert sig.revocation == "good" and Note.REVOCATION_FROM_DOCUMENT in sig.notes

    # poppler: the signature is valid and the chain trusted (NSS db with the test root; the
    # OCSP responder of the certificate's AIA is up, pdfsig asks it)
    out_sig = pdfsig(path, nss_db)
    first = out_sig.split("Signature #2")[0]
    assert "Signature is Valid." in first, out_sig
    assert "Certificate is Trusted." in first, out_sig
    assert "ETSI.CAdES.detached" in first


def test_stamp_shows_signer_and_wording_of_the_document_languages(  # type: ignore[no-untyped-def]
    pki, services, pdfa_bytes, settings_for, tmp_path
) -> None:
    ident = pki.signing_identity(surname="JÕGEVA-ŠĶĒLE", given_name="ŅINA")
    key = SoftwareKeySigner(ident.key_pem(), ident.der)
    for langs, expected, absent in (
        (
            ("et", "ru"),
            ["Digitaalselt allkirjastanud", "Подписано электронной подписью"],
            "Digitāli",
        ),
        (("lv", "en"), ["Digitāli parakstījis", "Digitally signed by"], "Digitaalselt"),
    ):
        out = io.BytesIO()
        sign_pdf(pdfa_bytes, out, key, "", settings_for(SignatureLevel.B_B, languages=langs))
        path = tmp_path / f"stamp-{'-'.join(langs)}.pdf"
        path.write_bytes(out.getvalue())
        text = " ".join(pdf_text(path).split())
        for words in expected:
            assert words in text, text
        assert absent not in text
        assert "ŅINA JÕGEVA-ŠĶĒLE (38001085718)" in text  # ToUnicode of the embedded Noto subset
        assert str(datetime.now().year) in text  # the signing time is filled in


def test_unknown_language_falls_back_to_english() -> None:
    assert stamp_text(["xx"], "A B", None).startswith("Digitally signed by:")
    assert "Время" in stamp_text(["ru"], "A B", "1")


def test_dry_run_never_touches_the_key(identity) -> None:  # type: ignore[no-untyped-def]
    class Exploding:
        key_algorithm = "ec"

        def signing_certificate(self) -> bytes:
            return identity.der

        def sign_digest(self, digest: bytes, pin: str) -> bytes:
            raise AssertionError("the size estimate must not reach the card")

    signer = KeyHolderSigner(Exploding(), "12345")
    assert asyncio.run(signer.async_sign_raw(b"attrs", "sha384", dry_run=True)) == bytes(104)
    assert signer.card_calls == 0


def test_raw_r_s_from_the_card_becomes_der(identity) -> None:  # type: ignore[no-untyped-def]
    key = SoftwareKeySigner(identity.key_pem(), identity.der)
    signer = KeyHolderSigner(key, "")
    der = asyncio.run(signer.async_sign_raw(b"signed attributes", "sha384"))
    r, s = decode_dss_signature(der)
    assert r > 0 and s > 0 and len(der) <= 104
    pub = asn1_x509.Certificate.load(identity.der).public_key
    assert pub.algorithm == "ec" and signer.card_calls == 1


def test_expired_certificate_is_refused_before_the_card(  # type: ignore[no-untyped-def]
    pki, services, pdfa_bytes, settings_for
) -> None:
    ident = pki.signing_identity(not_before=datetime.now(UTC) - timedelta(days=800), valid_days=365)
    key = SoftwareKeySigner(ident.key_pem(), ident.der)
    out = io.BytesIO()
    with pytest.raises(SigningFailure) as err:
        sign_pdf(pdfa_bytes, out, key, "", settings_for(SignatureLevel.B_B))
    assert err.value.code == SignErrorCode.CERTIFICATE_EXPIRED
    assert key.calls == 0 and out.getvalue() == b""


def test_revoked_certificate_is_refused_at_b_lt_before_the_card(  # type: ignore[no-untyped-def]
    pki, services, pdfa_bytes, settings_for
) -> None:
    ident = pki.signing_identity()
    pki.revoke(ident.cert)
    key = SoftwareKeySigner(ident.key_pem(), ident.der)
    out = io.BytesIO()
    with pytest.raises(SigningFailure) as err:
        sign_pdf(pdfa_bytes, out, key, "", settings_for(SignatureLevel.B_LT))
    assert err.value.code == SignErrorCode.CERTIFICATE_REVOKED
    assert key.calls == 0 and out.getvalue() == b""


@pytest.mark.parametrize("failing", ["closed", "503"])
def test_unreachable_tsa_fails_before_the_card(  # type: ignore[no-untyped-def]
    failing, services, key, pdfa_bytes, settings_for
) -> None:
    url = closed_port_url() if failing == "closed" else services.tsa_url
    if failing == "503":
        services.failing.add("tsa")
    try:
        out = io.BytesIO()
        with pytest.raises(SigningFailure) as err:
            sign_pdf(pdfa_bytes, out, key, "", settings_for(SignatureLevel.B_T, tsa_url=url))
    finally:
        services.failing.discard("tsa")
    assert err.value.code == SignErrorCode.TSA_UNREACHABLE
    assert key.calls == 0 and out.getvalue() == b""


def test_key_holder_errors_pass_through_with_tries_left(  # type: ignore[no-untyped-def]
    identity, pdfa_bytes, settings_for
) -> None:
    class WrongPin:
        key_algorithm = "ec"

        def signing_certificate(self) -> bytes:
            return identity.der

        def sign_digest(self, digest: bytes, pin: str) -> bytes:
            raise KeyHolderError(KeyErrorCode.WRONG_PIN, "6983", tries_left=2)

    out = io.BytesIO()
    with pytest.raises(KeyHolderError) as err:
        sign_pdf(pdfa_bytes, out, WrongPin(), "00000", settings_for(SignatureLevel.B_T))
    assert err.value.code == KeyErrorCode.WRONG_PIN and err.value.tries_left == 2
    assert out.getvalue() == b""


@pytest.mark.parametrize(
    "data, code",
    [
        (b"hello, not a pdf", SignErrorCode.NOT_A_PDF),
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF", SignErrorCode.NOT_A_PDF),
    ],
)
def test_bad_input_is_refused(data, code, key, settings_for) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SigningFailure) as err:
        sign_pdf(data, io.BytesIO(), key, "", settings_for(SignatureLevel.B_B))
    assert err.value.code == code and key.calls == 0


@pytest.mark.parametrize(
    "target",
    [SignatureLevel.B_T, SignatureLevel.B_LT, SignatureLevel.B_LTA],
    ids=lambda lvl: lvl.value,
)
def test_parked_b_b_upgrades_without_touching_the_signature(  # type: ignore[no-untyped-def]
    target, pki, services, key, pdfa_bytes, settings_for, tmp_path
) -> None:
    out = io.BytesIO()
    sign_pdf(pdfa_bytes, out, key, "", settings_for(SignatureLevel.B_B))
    parked = out.getvalue()
    up = io.BytesIO()
    result = upgrade_pdf(parked, up, SignatureLevel.B_B, target, settings_for(target))
    upgraded = up.getvalue()
    assert upgraded.startswith(parked)  # appended revisions only
    assert key.calls == 1  # the upgrade never needs the card
    assert result.level == target and result.timestamp_time is not None
    path = tmp_path / "upgraded.pdf"
    path.write_bytes(upgraded)
    assert_still_pdfa(upgraded, path)
    report = _verify(pki, upgraded)
    assert report.verdict == Verdict.VALID, report.to_json()
    assert report.signatures[0].level == target.value


def test_upgrade_b_t_to_b_lt_adds_only_revocation_data(  # type: ignore[no-untyped-def]
    pki, services, key, pdfa_bytes, settings_for
) -> None:
    out = io.BytesIO()
    sign_pdf(pdfa_bytes, out, key, "", settings_for(SignatureLevel.B_T))
    before = services.tsa.requests
    up = io.BytesIO()
    upgrade_pdf(
        out.getvalue(),
        up,
        SignatureLevel.B_T,
        SignatureLevel.B_LT,
        settings_for(SignatureLevel.B_LT),
    )
    assert services.tsa.requests == before  # no new time-stamp was needed
    report = _verify(pki, up.getvalue())
    assert report.verdict == Verdict.VALID and report.signatures[0].level == "B-LT"
    assert [s.kind for s in report.signatures] == ["signature"]
