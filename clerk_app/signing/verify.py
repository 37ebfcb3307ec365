"""Check any signed PDF (ours or a partner's) and say valid / invalid / indeterminate, with codes.

pyHanko does the cryptography, the chain building and the difference analysis of later
incremental updates (reference/signing.md §8: it catches a page overprinted or added after
signing, where pdfsig only says "not total document signed"). This module turns its status
objects into a `VerificationReport` and adds what pyHanko leaves to the caller:

- Offline by default: the chain and revocation are checked from what the file carries (the
  CMS certificates and the DSS); `online=True` lets certvalidator fetch OCSP/CRL/issuers.
- Trusted time: a signature time-stamp, or the first valid document time-stamp after the
  signature. When one exists the chain is checked at that time (so a certificate that expired
  or was revoked after a time-stamped signature does not spoil it — the point of B-T/B-LT).
- Revocation in two passes: first requiring OCSP/CRL wherever the certificate declares them;
  if only that fails, again without, and the report says "revocation unknown" (a note, or a
  reason in strict mode).
- The PAdES level the file actually reaches, read from its structure.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from asn1crypto import x509 as asn1_x509

from clerk_app.core.verification import (
    CertificateInfo,
    Note,
    Reason,
    Revocation,
    SignatureReport,
    Verdict,
    VerificationReport,
    overall_verdict,
)
from clerk_app.signing.pades import load_certificate, signer_identity


@dataclass(frozen=True)
class VerifyOptions:
    trust_roots: tuple[bytes, ...] = ()  # DER or PEM
    extra_certs: tuple[bytes, ...] = ()  # known intermediates (not trusted by themselves)
    online: bool = False  # fetch OCSP/CRL/issuer certificates now
    strict_revocation: bool = False  # no usable revocation data → indeterminate
    timeout: float = 10.0


def verify_file(path: str, options: VerifyOptions) -> VerificationReport:
    with open(path, "rb") as f:
        data = f.read()
    return verify_pdf(data, options, name=path)


def verify_pdf(data: bytes, options: VerifyOptions, name: str = "") -> VerificationReport:
    checked_at = datetime.now(UTC)
    report = VerificationReport(
        file=name,
        sha256=hashlib.sha256(data).hexdigest(),
        verdict=Verdict.INVALID,
        checked_at=checked_at,
        online=options.online,
    )
    try:
        report.signatures = asyncio.run(_verify(data, options))
    except _Malformed:
        report.reasons = [Reason.MALFORMED]
        return report
    report.verdict, report.reasons = overall_verdict(report.signatures)
    return report


class _Malformed(Exception):
    pass


# -- helpers ------------------------------------------------------------------------------------


def _cert_info(cert: asn1_x509.Certificate) -> CertificateInfo:
    return CertificateInfo(
        subject=cert.subject.human_friendly,
        issuer=cert.issuer.human_friendly,
        serial=format(cert.serial_number, "x"),
        not_before=cert.not_valid_before,
        not_after=cert.not_valid_after,
        sha256=hashlib.sha256(cert.dump()).hexdigest(),
    )


def _chain_info(path, leaf: asn1_x509.Certificate) -> list[CertificateInfo]:  # type: ignore[no-untyped-def]
    """Signer first, trust anchor last (the order a reader follows the chain)."""
    if path is None:
        return [_cert_info(leaf)]
    return [_cert_info(c) for c in reversed(list(path.iter_certs(include_root=True)))]


def _declares_revocation(cert: asn1_x509.Certificate) -> bool:
    return bool(cert.ocsp_urls or cert.crl_distribution_points)


def _dss_has_revinfo_for(dss, cert: asn1_x509.Certificate) -> bool:  # type: ignore[no-untyped-def]
    """Does this DSS hold an OCSP response about `cert` or a CRL of its issuer?"""
    from asn1crypto import crl as asn1_crl
    from asn1crypto import ocsp as asn1_ocsp
    from pyhanko.pdf_utils.decode_limits import DecodePurpose

    for ref in dss.ocsps:
        try:
            resp = asn1_ocsp.OCSPResponse.load(
                ref.get_object().read_data(DecodePurpose.OCSP_RESPONSE)
            )
            basic = resp["response_bytes"]["response"].parsed
            for single in basic["tbs_response_data"]["responses"]:
                if single["cert_id"]["serial_number"].native == cert.serial_number:
                    return True
        except Exception:  # an unreadable entry is simply not evidence
            continue
    for ref in dss.crls:
        try:
            crl = asn1_crl.CertificateList.load(ref.get_object().read_data(DecodePurpose.CRL))
            if crl["tbs_cert_list"]["issuer"] == cert.issuer:
                return True
        except Exception:
            continue
    return False


def _read_dss(handler):  # type: ignore[no-untyped-def]
    from pyhanko.sign.validation import DocumentSecurityStore
    from pyhanko.sign.validation.errors import NoDSSFoundError

    try:
        return DocumentSecurityStore.read_dss(handler)
    except NoDSSFoundError:
        return None
    except Exception:
        return None


def _dss_material(dss) -> tuple[list, list, list]:  # type: ignore[no-untyped-def]
    """(certificates, OCSP responses, CRLs) stored in the DSS, as asn1crypto objects."""
    from asn1crypto import crl as asn1_crl
    from asn1crypto import ocsp as asn1_ocsp
    from pyhanko.pdf_utils.decode_limits import DecodePurpose

    if dss is None:
        return [], [], []
    certs = list(dss.load_certs())
    ocsps = []
    for ref in dss.ocsps:
        try:
            ocsps.append(
                asn1_ocsp.OCSPResponse.load(ref.get_object().read_data(DecodePurpose.OCSP_RESPONSE))
            )
        except Exception:
            continue
    crls = []
    for ref in dss.crls:
        try:
            crls.append(
                asn1_crl.CertificateList.load(ref.get_object().read_data(DecodePurpose.CRL))
            )
        except Exception:
            continue
    return certs, ocsps, crls


def _context(
    options: VerifyOptions,
    dss_material: tuple[list, list, list],
    *,
    hard: bool,
    moment: datetime | None,
):  # type: ignore[no-untyped-def]
    from pyhanko_certvalidator import ValidationContext
    from pyhanko_certvalidator.fetchers.aiohttp_fetchers import AIOHttpFetcherBackend
    from pyhanko_certvalidator.fetchers.api import OwnedFetcherBackend

    certs, ocsps, crls = dss_material
    kwargs = {}
    if moment is not None:
        kwargs = {"moment": moment, "retroactive_revinfo": True}
    return ValidationContext(
        trust_roots=[load_certificate(r) for r in options.trust_roots],
        other_certs=[*certs, *(load_certificate(c) for c in options.extra_certs)],
        ocsps=ocsps,
        crls=crls,
        allow_fetching=options.online,
        revocation_mode="hard-fail" if hard else "soft-fail",
        fetcher_backend=OwnedFetcherBackend(
            AIOHttpFetcherBackend(per_request_timeout=max(1, int(options.timeout)))
        ),
        **kwargs,
    )


def _key_usage():  # type: ignore[no-untyped-def]
    from pyhanko.sign.validation.settings import KeyUsageConstraints

    # EstEID/eID signing certificates carry nonRepudiation; partners' may carry
    # digitalSignature only: either is a signing certificate.
    return KeyUsageConstraints(
        key_usage={"non_repudiation", "digital_signature"}, match_all_key_usages=False
    )


_MOD_LEVEL = {
    "NONE": "none",
    "LTA_UPDATES": "lta-updates",
    "FORM_FILLING": "form-filling",
    "ANNOTATIONS": "annotations",
    "OTHER": "other",
}
_COVERAGE = {
    "ENTIRE_FILE": "entire-file",
    "ENTIRE_REVISION": "entire-revision",
    "CONTIGUOUS_BLOCK_FROM_START": "partial",
    "UNCLEAR": "partial",
}


def _apply_modification(rep: SignatureReport, status) -> None:  # type: ignore[no-untyped-def]
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    cov = status.coverage
    rep.coverage = _COVERAGE.get(cov.name if cov is not None else "UNCLEAR", "partial")
    level = status.modification_level
    rep.modification_level = _MOD_LEVEL.get(level.name, "other") if level is not None else None
    if cov is None or cov < SignatureCoverageLevel.ENTIRE_REVISION:
        rep.reasons.append(Reason.PARTIAL_COVERAGE)
        rep.verdict = Verdict.INVALID
        return
    if level is None or level == ModificationLevel.OTHER or status.docmdp_ok is False:
        rep.reasons.append(Reason.MODIFIED_AFTER_SIGNING)
        rep.verdict = Verdict.INVALID
    elif level == ModificationLevel.ANNOTATIONS:
        rep.reasons.append(Reason.ANNOTATIONS_AFTER_SIGNING)
        _at_most(rep, Verdict.INDETERMINATE)
    elif level == ModificationLevel.FORM_FILLING:
        rep.notes.append(Note.FORM_FILLED_AFTER_SIGNING)
    elif level == ModificationLevel.LTA_UPDATES:
        rep.notes.append(Note.LTV_UPDATES)


def _at_most(rep: SignatureReport, verdict: Verdict) -> None:
    order = {Verdict.VALID: 0, Verdict.INDETERMINATE: 1, Verdict.INVALID: 2}
    if order[verdict] > order[rep.verdict]:
        rep.verdict = verdict


def _apply_trust_problem(rep: SignatureReport, status) -> None:  # type: ignore[no-untyped-def]
    from pyhanko.sign.ades.report import AdESIndeterminate as Ind

    indic = status.trust_problem_indic
    if indic is None:
        return
    if indic in (Ind.REVOKED_NO_POE, Ind.REVOKED_CA_NO_POE):
        rep.reasons.append(Reason.CERTIFICATE_REVOKED)
        _at_most(rep, Verdict.INVALID)
    elif indic == Ind.NOT_YET_VALID:
        rep.reasons.append(Reason.CERTIFICATE_NOT_YET_VALID)
        _at_most(rep, Verdict.INVALID)
    elif indic == Ind.OUT_OF_BOUNDS_NO_POE:
        rep.reasons.append(Reason.CERTIFICATE_EXPIRED)
        _at_most(rep, Verdict.INDETERMINATE)
    elif indic == Ind.NO_CERTIFICATE_CHAIN_FOUND:
        rep.reasons.append(Reason.CHAIN_UNTRUSTED)
        _at_most(rep, Verdict.INDETERMINATE)
    elif indic == Ind.CHAIN_CONSTRAINTS_FAILURE:
        rep.reasons.append(Reason.CHAIN_INVALID)
        _at_most(rep, Verdict.INVALID)
    elif indic == Ind.TRY_LATER:
        rep.reasons.append(Reason.REVOCATION_UNKNOWN)
        _at_most(rep, Verdict.INDETERMINATE)
    else:
        rep.reasons.append(Reason.CHAIN_INVALID)
        _at_most(rep, Verdict.INDETERMINATE)


# -- the check ------------------------------------------------------------------------------------


async def _verify(data: bytes, options: VerifyOptions) -> list[SignatureReport]:
    from pyhanko.pdf_utils.reader import PdfFileReader

    if not data.lstrip()[:5].startswith(b"%PDF-"):
        raise _Malformed("no %PDF- header")
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as exc:
        raise _Malformed(str(exc)) from exc
    dss_now = _read_dss(reader)
    material = _dss_material(dss_now)

    # document time-stamps first: they give the signatures before them a trusted time
    ts_reports: dict[int, SignatureReport] = {}
    for sig in embedded:
        if sig.sig_object_type == "/DocTimeStamp":
            ts_reports[id(sig)] = await _verify_doc_timestamp(sig, options, material)

    reports: list[SignatureReport] = []
    for sig in embedded:
        if sig.sig_object_type == "/DocTimeStamp":
            reports.append(ts_reports[id(sig)])
            continue
        later_ts = [
            (s.signed_revision, ts_reports[id(s)])
            for s in embedded
            if s.sig_object_type == "/DocTimeStamp"
            and s.signed_revision > sig.signed_revision
            and ts_reports[id(s)].verdict == Verdict.VALID
        ]
        reports.append(await _verify_signature(sig, reader, options, material, later_ts))
    reports.extend(_unsupported_signatures(reader, {str(s.field_name) for s in embedded}))
    return reports


def _unsupported_signatures(reader, known: set[str]) -> list[SignatureReport]:  # type: ignore[no-untyped-def]
    """Signed fields pyHanko skips (adbe.pkcs7.sha1, adbe.x509.rsa_sha1…): reported, not
    silently dropped, so such a file never reads as "no signature" or as all-valid."""
    from pyhanko.sign.fields import enumerate_sig_fields

    out = []
    for name, sig_obj, _field in enumerate_sig_fields(reader, filled_status=True):
        if str(name) in known:
            continue
        subfilter = str(sig_obj.get_object().get("/SubFilter", "")).lstrip("/")
        out.append(
            SignatureReport(
                field_name=str(name),
                kind="signature",
                verdict=Verdict.INDETERMINATE,
                reasons=[Reason.UNSUPPORTED_FORMAT],
                subfilter=subfilter or None,
            )
        )
    return out


async def _verify_doc_timestamp(sig, options: VerifyOptions, material) -> SignatureReport:  # type: ignore[no-untyped-def]
    from pyhanko.sign.validation import async_validate_pdf_timestamp

    rep = SignatureReport(
        field_name=str(sig.field_name),
        kind="document-timestamp",
        verdict=Verdict.VALID,
        revision=sig.signed_revision,
    )
    vc = _context(options, material, hard=False, moment=None)
    try:
        status = await async_validate_pdf_timestamp(sig, validation_context=vc)
    except Exception as exc:
        rep.verdict = Verdict.INVALID
        rep.reasons.append(Reason.MALFORMED)
        rep.detail = f"{type(exc).__name__}: {exc}"
        return rep
    finally:
        await vc.aclose()
    rep.timestamp_time = status.timestamp
    rep.signer_subject = status.signing_cert.subject.human_friendly
    rep.chain = _chain_info(status.validation_path, status.signing_cert)
    rep.trusted = bool(status.trusted)
    rep.revocation = (
        Revocation.UNKNOWN if _declares_revocation(status.signing_cert) else Revocation.NOT_DECLARED
    )
    if not status.intact:
        rep.reasons.append(Reason.DIGEST_MISMATCH)
        rep.verdict = Verdict.INVALID
    elif not status.valid:
        rep.reasons.append(Reason.TIMESTAMP_INVALID)
        rep.verdict = Verdict.INVALID
    elif not status.trusted:
        rep.reasons.append(Reason.TIMESTAMP_UNTRUSTED)
        rep.verdict = Verdict.INDETERMINATE
    _apply_modification(rep, status)
    return rep


async def _validate(sig, options, material, *, hard: bool, moment: datetime | None):  # type: ignore[no-untyped-def]
    from pyhanko.sign.validation import async_validate_pdf_signature

    vc = _context(options, material, hard=hard, moment=moment)
    ts_vc = _context(options, material, hard=False, moment=None)
    try:
        return await async_validate_pdf_signature(
            sig,
            signer_validation_context=vc,
            ts_validation_context=ts_vc,
            key_usage_settings=_key_usage(),
        )
    finally:
        await vc.aclose()
        await ts_vc.aclose()


async def _verify_signature(  # type: ignore[no-untyped-def]
    sig, reader, options: VerifyOptions, material, later_ts: Sequence[tuple[int, SignatureReport]]
) -> SignatureReport:
    from pyhanko.sign.validation.errors import SignatureValidationError

    rep = SignatureReport(
        field_name=str(sig.field_name),
        kind="signature",
        verdict=Verdict.VALID,
        revision=sig.signed_revision,
    )
    try:
        subfilter = str(sig.sig_object.get("/SubFilter", ""))
        rep.subfilter = subfilter.lstrip("/")
        cert = sig.signer_cert
        rep.signer_name, rep.personal_code = signer_identity(cert)
        rep.signer_subject = cert.subject.human_friendly
        rep.digest_algorithm = sig.md_algorithm
        rep.signature_algorithm = sig.signer_info["signature_algorithm"]["algorithm"].native
    except Exception as exc:
        rep.verdict = Verdict.INVALID
        rep.reasons.append(Reason.MALFORMED)
        rep.detail = f"{type(exc).__name__}: {exc}"
        return rep
    if sig.docmdp_level is not None:
        rep.notes.append(Note.CERTIFIED)

    # trusted time: the signature's own time-stamp, else the first valid later doc time-stamp
    sig_ts_time = _signature_timestamp_time(sig)
    doc_ts_time = later_ts[0][1].timestamp_time if later_ts else None
    moment = None
    try:
        # pass 1: the signature time-stamp is validated inside; chain checked now
        status = await _validate(sig, options, material, hard=True, moment=None)
        tsv = status.timestamp_validity
        trusted_time = tsv.timestamp if (tsv and tsv.valid and tsv.intact and tsv.trusted) else None
        trusted_time = trusted_time or doc_ts_time
        if trusted_time is not None and not status.trusted:
            # re-check the chain at the trusted time: a certificate that expired or was
            # revoked after a time-stamped signature does not spoil it
            moment = trusted_time
            status = await _validate(sig, options, material, hard=True, moment=moment)
        revocation = Revocation.GOOD if _declares_revocation(cert) else Revocation.NOT_DECLARED
        from pyhanko.sign.ades.report import AdESIndeterminate as Ind

        if not status.trusted and status.trust_problem_indic in (
            Ind.TRY_LATER,
            Ind.CERTIFICATE_CHAIN_GENERAL_FAILURE,
        ):
            soft = await _validate(sig, options, material, hard=False, moment=moment)
            if soft.trusted or soft.trust_problem_indic != status.trust_problem_indic:
                status = soft
                revocation = Revocation.UNKNOWN
    except SignatureValidationError as exc:
        rep.detail = f"{type(exc).__name__}: {exc}"
        if "SubFilter" in str(exc) or "not a recognized" in str(exc):
            rep.reasons.append(Reason.UNSUPPORTED_FORMAT)
            rep.verdict = Verdict.INDETERMINATE
        else:
            rep.reasons.append(Reason.MALFORMED)
            rep.verdict = Verdict.INVALID
        return rep

    rep.signing_time = status.signer_reported_dt
    rep.timestamp_time = trusted_time
    if status.revocation_details is not None:
        revocation = Revocation.REVOKED
        rep.revocation_time = status.revocation_details.revocation_date
    rep.revocation = revocation
    rep.trusted = bool(status.trusted)
    if moment is not None and status.trusted:
        rep.notes.append(Note.VALIDATED_AT_TIMESTAMP)
    rep.chain = _chain_info(status.validation_path, cert)

    if not status.intact:
        rep.reasons.append(Reason.DIGEST_MISMATCH)
        rep.verdict = Verdict.INVALID
    elif not status.valid:
        rep.reasons.append(Reason.SIGNATURE_INVALID)
        rep.verdict = Verdict.INVALID
    if status.intact and status.valid:
        _apply_trust_problem(rep, status)
    tsv = status.timestamp_validity
    if tsv is not None:
        if not (tsv.intact and tsv.valid):
            rep.reasons.append(Reason.TIMESTAMP_INVALID)
            _at_most(rep, Verdict.INVALID)
        elif not tsv.trusted:
            rep.reasons.append(Reason.TIMESTAMP_UNTRUSTED)
            _at_most(rep, Verdict.INDETERMINATE)
    _apply_modification(rep, status)

    if rep.revocation == Revocation.UNKNOWN and rep.trusted:
        if options.strict_revocation:
            rep.reasons.append(Reason.REVOCATION_UNKNOWN)
            _at_most(rep, Verdict.INDETERMINATE)
        else:
            rep.notes.append(Note.REVOCATION_NOT_CHECKED)
    elif rep.revocation in (Revocation.GOOD, Revocation.REVOKED):
        dss = _read_dss(reader)
        in_doc = dss is not None and _dss_has_revinfo_for(dss, cert)
        rep.notes.append(Note.REVOCATION_FROM_DOCUMENT if in_doc else Note.REVOCATION_ONLINE)

    if trusted_time is None:
        rep.notes.append(Note.NOT_TIMESTAMPED)
    rep.level = _pades_level(sig, reader, cert, sig_ts_time, later_ts)
    if rep.level is None:
        rep.notes.append(Note.NOT_PADES)
    return rep


def _signature_timestamp_time(sig) -> datetime | None:  # type: ignore[no-untyped-def]
    try:
        attrs = sig.signer_info["unsigned_attrs"]
        if attrs.native is None:
            return None
        for attr in attrs:
            if attr["type"].native == "signature_time_stamp_token":
                tst = attr["values"][0]["content"]["encap_content_info"]["content"].parsed
                return tst["gen_time"].native  # type: ignore[no-any-return]
    except Exception:
        return None
    return None


def _pades_level(  # type: ignore[no-untyped-def]
    sig, reader, cert, sig_ts_time, later_ts: Sequence[tuple[int, SignatureReport]]
) -> str | None:
    """The PAdES baseline level the file's structure reaches for this signature."""
    if str(sig.sig_object.get("/SubFilter", "")) != "/ETSI.CAdES.detached":
        return None
    has_t = sig_ts_time is not None or bool(later_ts)
    if not has_t:
        return "B-B"
    lt_revision = None
    for rev in range(sig.signed_revision + 1, reader.total_revisions):
        dss = _read_dss(reader.get_historical_resolver(rev))
        if dss is not None and _dss_has_revinfo_for(dss, cert):
            lt_revision = rev
            break
    if lt_revision is None:
        return "B-T"
    # a document time-stamp covers its whole revision, including a DSS written in it
    if any(rev >= lt_revision for rev, _ in later_ts):
        return "B-LTA"
    return "B-LT"
