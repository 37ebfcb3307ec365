"""The file side of the signing queue: the `SigningEngine` the core SigningService drives.

It reads the queued source (checking it is the document that was queued), signs into a
temporary file beside the output and renames it into place only when the signature is
complete, so a wrong PIN, a pulled card or a dead TSA leaves no half-signed file and the
source untouched. Parked outputs are upgraded the same way (new file, atomic replace).

Endpoints and trust come from the data home (trust.py); the level of each signature follows
from a reachability check made before the PIN prompt.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
from datetime import UTC, datetime
from pathlib import Path

from clerk_app.core.keys import DigestSigner
from clerk_app.core.services.signing import sha256_file
from clerk_app.core.signing import (
    CertStatus,
    Preflight,
    Probe,
    ProbeStatus,
    SignatureJob,
    SignatureLevel,
    SignedDocument,
    SignerInfo,
    SignErrorCode,
    SigningFailure,
    UpgradedDocument,
)
from clerk_app.signing.pades import (
    PadesSettings,
    StampPlacement,
    check_certificate_usable,
    load_certificate,
    sign_pdf,
    signer_identity,
    upgrade_pdf,
)
from clerk_app.signing.trust import (
    SigningEndpoints,
    TrustStore,
    fetch_issuer,
    load_endpoints,
    probe_ocsp,
    probe_tsa,
    record_checks,
)


class PadesQueueEngine:
    def __init__(
        self,
        home_root: Path,
        *,
        endpoints: SigningEndpoints | None = None,
        stamp: StampPlacement | None = StampPlacement(),  # noqa: B008 (frozen)
        reason: str | None = None,
        location: str | None = None,
    ) -> None:
        self.home_root = Path(home_root)
        self.endpoints = endpoints or load_endpoints(self.home_root)
        self.trust = TrustStore(self.home_root)
        self.stamp = stamp
        self.reason = reason
        self.location = location
        self.last_signed: SignedDocument | None = None  # for benchmarks and the CLI's report

    # -- before the PIN ---------------------------------------------------------------------
    def inspect_key(self, key: DigestSigner) -> SignerInfo:
        der = key.signing_certificate()
        cert = load_certificate(der)
        check_certificate_usable(cert, datetime.now(UTC))
        name, code = signer_identity(cert)
        return SignerInfo(name, code, cert.not_valid_after, cert.dump())

    def _issuer_of(self, cert_der: bytes) -> bytes | None:
        chain = self.trust.chain_for(cert_der)
        if chain:
            return chain[0]
        fetched = fetch_issuer(cert_der, timeout=self.endpoints.timeout_seconds)
        if fetched is not None:
            with contextlib.suppress(ValueError):  # known from now on, offline too
                self.trust.add(fetched, kind="intermediate")
        return fetched

    def preflight(self, certificate: bytes | None, wanted: SignatureLevel) -> Preflight:
        timeout = self.endpoints.timeout_seconds
        tsa = (
            probe_tsa(self.endpoints.tsa_url, timeout)
            if wanted.needs_tsa
            else Probe("tsa", self.endpoints.tsa_url, ProbeStatus.SKIPPED)
        )
        issuer = self._issuer_of(certificate) if certificate else None
        ocsp = probe_ocsp(certificate, issuer, self.endpoints.ocsp_url, timeout)
        record_checks(self.home_root, [tsa, ocsp])
        return Preflight(checked_at=datetime.now(UTC), tsa=tsa, ocsp=ocsp)

    # -- signing ------------------------------------------------------------------------------
    def settings(
        self,
        level: SignatureLevel,
        certificate: bytes,
        languages: tuple[str, ...],
        job: SignatureJob | None = None,
    ) -> PadesSettings:
        chain = self.trust.chain_for(certificate)
        stamp = self.stamp
        if stamp is not None and job is not None and job.stamp_box is not None:
            box = tuple(round(v) for v in job.stamp_box)
            stamp = StampPlacement(page=job.stamp_page or 0, box=box)  # type: ignore[arg-type]
        intermediates = tuple(c for c in chain if not _self_signed(c))
        return PadesSettings(
            level=level,
            tsa_url=self.endpoints.tsa_url,
            trust_roots=tuple(self.trust.roots()),
            intermediates=intermediates,
            languages=languages,
            stamp=stamp,
            reason=self.reason,
            location=self.location,
            timeout=self.endpoints.timeout_seconds,
        )

    def sign(
        self, job: SignatureJob, key: DigestSigner, pin: str, level: SignatureLevel
    ) -> SignedDocument:
        source = Path(job.source_path)
        try:
            data = source.read_bytes()
        except OSError as exc:
            raise SigningFailure(SignErrorCode.SOURCE_MISSING, str(exc)) from exc
        if job.source_sha256 and hashlib.sha256(data).hexdigest() != job.source_sha256:
            raise SigningFailure(SignErrorCode.SOURCE_CHANGED, job.source_path)
        settings = self.settings(level, key.signing_certificate(), job.languages, job)
        signed = _write_atomically(
            Path(job.output_path), lambda f: sign_pdf(data, f, key, pin, settings)
        )
        self.last_signed = signed
        return signed

    def upgrade(self, job: SignatureJob) -> UpgradedDocument:
        output = Path(job.output_path)
        if not output.is_file():
            raise SigningFailure(SignErrorCode.SIGNATURE_NOT_FOUND, job.output_path)
        if job.output_sha256 and sha256_file(output) != job.output_sha256:
            raise SigningFailure(SignErrorCode.SOURCE_CHANGED, f"output {job.output_path}")
        data = output.read_bytes()
        current = job.reached_level or SignatureLevel.B_B
        cert = _last_signer_certificate(data)
        pre = self.preflight(cert, job.wanted_level)
        if pre.ocsp.cert_status == CertStatus.REVOKED:
            raise SigningFailure(SignErrorCode.CERTIFICATE_REVOKED, "OCSP says revoked")
        target = pre.reachable_level(job.wanted_level)
        if current.rank >= 1 and job.wanted_level.needs_revocation and pre.ocsp.ok:
            target = job.wanted_level  # already time-stamped: only revocation data is missing
        if target.rank <= current.rank:
            code = (
                SignErrorCode.TSA_UNREACHABLE
                if current.rank < 1
                else SignErrorCode.OCSP_UNREACHABLE
            )
            raise SigningFailure(code, f"{pre.tsa.status}/{pre.ocsp.status}")
        settings = self.settings(target, cert, job.languages)
        return _write_atomically(output, lambda f: upgrade_pdf(data, f, current, target, settings))


def _self_signed(der: bytes) -> bool:
    cert = load_certificate(der)
    return cert.self_signed in ("maybe", "yes")


def _last_signer_certificate(data: bytes) -> bytes:
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        sigs = list(PdfFileReader(io.BytesIO(data), strict=False).embedded_regular_signatures)
    except Exception as exc:
        raise SigningFailure(SignErrorCode.NOT_A_PDF, str(exc)) from exc
    if not sigs:
        raise SigningFailure(SignErrorCode.SIGNATURE_NOT_FOUND)
    return sigs[-1].signer_cert.dump()  # type: ignore[no-any-return]


def _write_atomically(target: Path, produce):  # type: ignore[no-untyped-def]
    """Run `produce(file)` into a temporary file beside `target`, then rename it into place."""
    tmp = target.with_name(f".{target.name}.part")
    try:
        with tmp.open("wb") as f:
            result = produce(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise SigningFailure(SignErrorCode.OUTPUT_NOT_WRITABLE, str(exc)) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return result
