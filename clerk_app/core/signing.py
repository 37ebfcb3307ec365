"""Signing in the core's words: levels, job states, error codes and results.

Pure Python so the services, the queue store, the CLI and the UI share one vocabulary; the
pyHanko work lives in `clerk_app.signing`. Codes, never sentences: the UI and the CLI word them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class SignatureLevel(StrEnum):
    """PAdES baseline levels (ETSI EN 319 142-1)."""

    B_B = "B-B"  # signature only: what an offline workstation can make
    B_T = "B-T"  # + a trusted time (signature or document time-stamp)
    B_LT = "B-LT"  # + revocation data of the chain in the DSS
    B_LTA = "B-LTA"  # + a document time-stamp over that data

    @property
    def rank(self) -> int:
        return _RANK[self]

    @property
    def needs_tsa(self) -> bool:
        return self.rank >= 1

    @property
    def needs_revocation(self) -> bool:
        return self.rank >= 2

    @classmethod
    def parse(cls, text: str) -> SignatureLevel:
        t = text.strip().upper().replace("_", "-")
        if not t.startswith("B-"):
            t = "B-" + t
        return cls(t)


_RANK = {
    SignatureLevel.B_B: 0,
    SignatureLevel.B_T: 1,
    SignatureLevel.B_LT: 2,
    SignatureLevel.B_LTA: 3,
}


class JobState(StrEnum):
    WAITING = "waiting"  # not signed yet; the source document is untouched
    PARKED = "parked"  # signed below the wanted level (offline); waits for the upgrade
    DONE = "done"  # signed at the wanted level
    FAILED = "failed"  # gave up for a reason retrying cannot fix (revoked certificate…)
    CANCELLED = "cancelled"


class SignErrorCode(StrEnum):
    """Why a signature or an upgrade did not happen (key-holder codes come as KeyErrorCode)."""

    SOURCE_MISSING = "source-missing"
    SOURCE_CHANGED = "source-changed"  # differs from the document that was queued
    NOT_A_PDF = "not-a-pdf"
    ENCRYPTED_PDF = "encrypted-pdf"
    OUTPUT_EXISTS = "output-exists"
    OUTPUT_NOT_WRITABLE = "output-not-writable"
    TSA_NOT_CONFIGURED = "tsa-not-configured"
    TSA_UNREACHABLE = "tsa-unreachable"
    TSA_BAD_RESPONSE = "tsa-bad-response"
    OCSP_UNREACHABLE = "ocsp-unreachable"
    REVOCATION_UNAVAILABLE = "revocation-unavailable"
    CERTIFICATE_EXPIRED = "certificate-expired"
    CERTIFICATE_NOT_YET_VALID = "certificate-not-yet-valid"
    CERTIFICATE_REVOKED = "certificate-revoked"
    CERTIFICATE_UNTRUSTED = "certificate-untrusted"  # no path to a configured trust root
    CERTIFICATE_UNUSABLE = "certificate-unusable"  # not a signing (nonRepudiation) certificate
    SIGNATURE_NOT_FOUND = "signature-not-found"  # upgrade: the output holds no signature of ours
    SIGNING_FAILED = "signing-failed"  # anything else; detail in the log
    JOB_NOT_FOUND = "job-not-found"
    JOB_STATE = "job-state"  # the job is not in a state that allows this


class SigningFailure(Exception):
    """A refusal with a code; `detail` is for logs and --verbose, never user prose."""

    def __init__(self, code: SignErrorCode, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else str(code))
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class SignedDocument:
    """What the PAdES engine reports after writing a signed file."""

    level: SignatureLevel
    signer_name: str
    personal_code: str | None
    signing_time: datetime
    card_calls: int
    card_seconds: float  # time inside DigestSigner.sign_digest (card + PIN check)
    total_seconds: float
    size: int
    sha256: str


@dataclass(frozen=True)
class SignerInfo:
    """Who the key holder's certificate names; read without a PIN."""

    name: str
    personal_code: str | None
    not_after: datetime
    certificate: bytes  # DER


@dataclass(frozen=True)
class UpgradedDocument:
    level: SignatureLevel
    timestamp_time: datetime | None
    size: int
    sha256: str


@dataclass
class SignatureJob:
    """A document in the signing queue (one row of `signature_job`)."""

    uid: str
    source_path: str
    output_path: str
    wanted_level: SignatureLevel
    state: JobState = JobState.WAITING
    source_sha256: str | None = None
    document_uid: str | None = None
    languages: tuple[str, ...] = ("et",)
    reached_level: SignatureLevel | None = None
    attempts: int = 0
    last_error_code: str | None = None
    last_error_detail: str | None = None
    tries_left: int | None = None
    signer_name: str | None = None
    signed_at: datetime | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    output_sha256: str | None = None
    actor: str | None = None
    workstation: str | None = None
    stamp_page: int | None = None  # where the visible stamp goes (a certificate's signature
    stamp_box: tuple[float, float, float, float] | None = None  # place); None: the default


class ProbeStatus(StrEnum):
    OK = "ok"
    UNREACHABLE = "unreachable"  # connection refused, DNS, timeout
    BAD_RESPONSE = "bad-response"  # answered, but not with a usable TSA/OCSP response
    NOT_CONFIGURED = "not-configured"
    SKIPPED = "skipped"  # nothing to ask (no certificate yet, no OCSP URL in it)


class CertStatus(StrEnum):
    GOOD = "good"
    REVOKED = "revoked"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Probe:
    """One reachability check of a TSA or OCSP endpoint, made before the PIN prompt."""

    endpoint: str  # "tsa" | "ocsp"
    url: str | None
    status: ProbeStatus
    millis: float | None = None
    cert_status: CertStatus | None = None  # OCSP: what it said about the signer
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.status == ProbeStatus.OK


@dataclass(frozen=True)
class Preflight:
    """What the network allows right now, and the level that follows from it."""

    checked_at: datetime
    tsa: Probe
    ocsp: Probe

    def reachable_level(self, wanted: SignatureLevel) -> SignatureLevel:
        if not wanted.needs_tsa or not self.tsa.ok:
            return SignatureLevel.B_B
        # a certificate naming no OCSP service may still have CRLs: let pyHanko try
        revocation_possible = self.ocsp.ok or self.ocsp.status == ProbeStatus.NOT_CONFIGURED
        if not wanted.needs_revocation or not revocation_possible:
            return SignatureLevel.B_T
        return wanted


@dataclass(frozen=True)
class SigningPlan:
    """Checked before the PIN prompt: who signs, at which level now, and why not higher."""

    job: SignatureJob
    signer_name: str
    personal_code: str | None
    certificate_expires: datetime
    level: SignatureLevel  # what will be made now; below job.wanted_level → parked
    preflight: Preflight | None
    tries_left: int | None = None  # PIN tries, when the key holder can tell without a try

    @property
    def parks(self) -> bool:
        return self.level.rank < self.job.wanted_level.rank


@dataclass(frozen=True)
class BatchItem:
    """Per-document outcome of a batch: signed (at which level), parked, or the error."""

    uid: str
    source_path: str
    state: JobState
    level: SignatureLevel | None = None
    error_code: str | None = None
    tries_left: int | None = None
