"""The result of checking a signed PDF, in codes: the verify command and the app's panel word it.

A document is VALID when it carries at least one signature and every signature and document
time-stamp is valid; INVALID when any is broken (changed bytes, pages added after signing, a
revoked certificate…); INDETERMINATE when nothing is broken but something cannot be confirmed
(no path to a trusted root, revocation status unknown in strict mode, annotations added).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class Verdict(StrEnum):
    VALID = "valid"
    INVALID = "invalid"
    INDETERMINATE = "indeterminate"


class Reason(StrEnum):
    """Why a signature (or the document) is not valid."""

    NO_SIGNATURE = "no-signature"
    MALFORMED = "malformed"  # not a PDF, or a signature that cannot be parsed
    UNSUPPORTED_FORMAT = "unsupported-format"  # e.g. adbe.pkcs7.sha1
    DIGEST_MISMATCH = "digest-mismatch"  # a byte inside the signed range changed
    SIGNATURE_INVALID = "signature-invalid"  # the cryptographic signature does not verify
    PARTIAL_COVERAGE = "partial-coverage"  # the signature does not cover its whole revision
    MODIFIED_AFTER_SIGNING = "modified-after-signing"  # pages/content changed in a later update
    ANNOTATIONS_AFTER_SIGNING = "annotations-after-signing"  # comments/markup added later
    CERTIFICATE_REVOKED = "certificate-revoked"
    CERTIFICATE_EXPIRED = "certificate-expired"  # expired and no trusted time shows it was valid
    CERTIFICATE_NOT_YET_VALID = "certificate-not-yet-valid"
    CHAIN_UNTRUSTED = "chain-untrusted"  # no path to a trusted root
    CHAIN_INVALID = "chain-invalid"  # path exists but a constraint fails (key usage, CA…)
    REVOCATION_UNKNOWN = "revocation-unknown"  # strict mode: no usable OCSP/CRL
    TIMESTAMP_INVALID = "timestamp-invalid"
    TIMESTAMP_UNTRUSTED = "timestamp-untrusted"


class Note(StrEnum):
    """Facts worth showing that do not change the verdict."""

    NOT_TIMESTAMPED = "not-timestamped"  # the signing time is the signer's own claim (B-B)
    REVOCATION_NOT_CHECKED = "revocation-not-checked"
    REVOCATION_FROM_DOCUMENT = "revocation-from-document"  # OCSP/CRL embedded (DSS)
    REVOCATION_ONLINE = "revocation-online"  # fetched now
    LTV_UPDATES = "ltv-updates"  # later DSS / document time-stamps: allowed
    FORM_FILLED_AFTER_SIGNING = "form-filled-after-signing"  # e.g. a countersignature
    NOT_PADES = "not-pades"  # adbe.pkcs7.detached: a plain PDF signature, no PAdES level
    CERTIFIED = "certified"  # a certification (DocMDP) signature
    VALIDATED_AT_TIMESTAMP = "validated-at-timestamp"  # chain checked at the trusted time


class Revocation(StrEnum):
    GOOD = "good"
    REVOKED = "revoked"
    UNKNOWN = "unknown"  # no OCSP/CRL could be used
    NOT_DECLARED = "not-declared"  # the certificate names no OCSP/CRL service


@dataclass(frozen=True)
class CertificateInfo:
    subject: str
    issuer: str
    serial: str  # hex
    not_before: datetime
    not_after: datetime
    sha256: str


@dataclass
class SignatureReport:
    field_name: str
    kind: str  # "signature" | "document-timestamp"
    verdict: Verdict
    reasons: list[Reason] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    signer_name: str | None = None
    personal_code: str | None = None
    signer_subject: str | None = None
    signing_time: datetime | None = None  # claimed by the signer (/M or signingTime)
    timestamp_time: datetime | None = None  # trusted: signature or later document time-stamp
    level: str | None = None  # "B-B" … "B-LTA"; None for non-PAdES signatures
    subfilter: str | None = None
    digest_algorithm: str | None = None
    signature_algorithm: str | None = None
    chain: list[CertificateInfo] = field(default_factory=list)
    trusted: bool = False
    revocation: Revocation = Revocation.UNKNOWN
    revocation_time: datetime | None = None
    modification_level: str | None = None  # none, lta-updates, form-filling, annotations, other
    coverage: str | None = None  # entire-file, entire-revision, partial
    revision: int | None = None
    detail: str | None = None  # a technical message for logs / --verbose


@dataclass
class VerificationReport:
    file: str
    sha256: str
    verdict: Verdict
    checked_at: datetime
    online: bool
    reasons: list[Reason] = field(default_factory=list)
    signatures: list[SignatureReport] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        def conv(v: Any) -> Any:
            if isinstance(v, datetime):
                return v.isoformat()
            if isinstance(v, dict):
                return {k: conv(x) for k, x in v.items()}
            if isinstance(v, list):
                return [conv(x) for x in v]
            return v

        return conv(asdict(self))  # type: ignore[no-any-return]


def overall_verdict(signatures: list[SignatureReport]) -> tuple[Verdict, list[Reason]]:
    if not any(s.kind == "signature" for s in signatures):
        return Verdict.INVALID, [Reason.NO_SIGNATURE]
    if any(s.verdict == Verdict.INVALID for s in signatures):
        reasons = [r for s in signatures if s.verdict == Verdict.INVALID for r in s.reasons]
        return Verdict.INVALID, list(dict.fromkeys(reasons))
    if any(s.verdict == Verdict.INDETERMINATE for s in signatures):
        reasons = [r for s in signatures if s.verdict == Verdict.INDETERMINATE for r in s.reasons]
        return Verdict.INDETERMINATE, list(dict.fromkeys(reasons))
    return Verdict.VALID, []
