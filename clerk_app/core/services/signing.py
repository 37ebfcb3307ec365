"""The signing queue as a service: enqueue, check before the PIN, sign, park, upgrade.

Rules it keeps (issue 5, DESIGN.md):
- A document waiting to be signed is never modified; a failure of any kind (wrong PIN, card
  removed, TSA down, revoked certificate) leaves it waiting, with the error code on the job.
- Everything that can be known before the PIN prompt is checked in `plan`: the source is the
  one that was queued, the certificate is usable, the TSA/OCSP are reachable (→ the level),
  the certificate is not revoked. The PIN is asked after that, and never retried by us.
- Offline, a B-T/B-LT request is signed B-B and parked; `upgrade_parked` raises it later.
- In a batch every document costs one PIN entry (the card demands VERIFY before each
  signature); a card-level failure stops the batch, the rest stay waiting.

The PAdES and file work is behind the `SigningEngine` port (clerk_app.signing.queue).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from clerk_app.core.keys import DigestSigner, KeyErrorCode, KeyHolderError
from clerk_app.core.ports import UnitOfWork
from clerk_app.core.signing import (
    BatchItem,
    CertStatus,
    JobState,
    Preflight,
    SignatureJob,
    SignatureLevel,
    SignedDocument,
    SignerInfo,
    SignErrorCode,
    SigningFailure,
    SigningPlan,
    UpgradedDocument,
)


class SigningEngine(Protocol):
    def inspect_key(self, key: DigestSigner) -> SignerInfo:
        """The signer's certificate facts; SigningFailure if expired or not for signing."""
        ...

    def preflight(self, certificate: bytes | None, wanted: SignatureLevel) -> Preflight: ...

    def sign(
        self, job: SignatureJob, key: DigestSigner, pin: str, level: SignatureLevel
    ) -> SignedDocument:
        """Write job.output_path (atomically) from job.source_path at `level`."""
        ...

    def upgrade(self, job: SignatureJob) -> UpgradedDocument:
        """Raise the signed output towards job.wanted_level, as far as the network allows."""
        ...


# Failures after which the next document of a batch would fail the same way
_BATCH_STOPPERS = {
    KeyErrorCode.NO_PCSC_SERVICE, KeyErrorCode.NO_READER, KeyErrorCode.NO_CARD,
    KeyErrorCode.UNKNOWN_CARD, KeyErrorCode.CARD_REMOVED, KeyErrorCode.WRONG_PIN,
    KeyErrorCode.PIN_BLOCKED, KeyErrorCode.PIN_NOT_ACTIVATED, KeyErrorCode.PIN_FORMAT,
    KeyErrorCode.CERTIFICATE_EXPIRED, KeyErrorCode.CERTIFICATE_REVOKED,
    SignErrorCode.CERTIFICATE_EXPIRED, SignErrorCode.CERTIFICATE_NOT_YET_VALID,
    SignErrorCode.CERTIFICATE_REVOKED, SignErrorCode.CERTIFICATE_UNUSABLE,
    SignErrorCode.CERTIFICATE_UNTRUSTED,
}  # fmt: skip


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _new_uid() -> str:
    try:
        import uuid6

        return str(uuid6.uuid7())
    except ImportError:  # pragma: no cover
        return str(uuid.uuid4())


class SigningService:
    def __init__(
        self,
        uow_factory: Callable[[], UnitOfWork],
        engine: SigningEngine,
        *,
        actor: str | None = None,
        workstation: str | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._uow = uow_factory
        self._engine = engine
        self._actor = actor
        self._workstation = workstation
        self._now = clock

    # -- queue ------------------------------------------------------------------------------
    def enqueue(
        self,
        source: Path,
        output: Path,
        *,
        level: SignatureLevel,
        languages: Sequence[str] = ("et",),
        document_uid: str | None = None,
        replace_output: bool = False,
        stamp_page: int | None = None,
        stamp_box: tuple[float, float, float, float] | None = None,
    ) -> SignatureJob:
        """Queue `source` for signing into `output`. Refuses what could never be signed."""
        source, output = Path(source).resolve(), Path(output).resolve()
        if not source.is_file():
            raise SigningFailure(SignErrorCode.SOURCE_MISSING, str(source))
        with source.open("rb") as f:
            if not f.read(1024).lstrip()[:5].startswith(b"%PDF-"):
                raise SigningFailure(SignErrorCode.NOT_A_PDF, str(source))
        if output == source:
            raise SigningFailure(SignErrorCode.OUTPUT_EXISTS, "output is the source")
        if output.exists() and not replace_output:
            raise SigningFailure(SignErrorCode.OUTPUT_EXISTS, str(output))
        if not output.parent.is_dir():
            raise SigningFailure(SignErrorCode.OUTPUT_NOT_WRITABLE, str(output.parent))
        now = self._now()
        job = SignatureJob(
            uid=_new_uid(),
            source_path=str(source),
            output_path=str(output),
            wanted_level=level,
            source_sha256=sha256_file(source),
            document_uid=document_uid,
            languages=tuple(languages) or ("et",),
            created_at=now,
            updated_at=now,
            actor=self._actor,
            workstation=self._workstation,
            stamp_page=stamp_page,
            stamp_box=stamp_box,
        )
        with self._uow() as uow:
            uow.signature_jobs.add(job)
            uow.commit()
        return job

    def jobs(self, states: Sequence[JobState] = ()) -> list[SignatureJob]:
        with self._uow() as uow:
            return uow.signature_jobs.list(states)

    def job(self, uid: str) -> SignatureJob:
        with self._uow() as uow:
            job = uow.signature_jobs.get(uid)
        if job is None:
            raise SigningFailure(SignErrorCode.JOB_NOT_FOUND, uid)
        return job

    def cancel(self, uid: str) -> SignatureJob:
        with self._uow() as uow:
            job = uow.signature_jobs.get(uid)
            if job is None:
                raise SigningFailure(SignErrorCode.JOB_NOT_FOUND, uid)
            if job.state != JobState.WAITING:
                raise SigningFailure(SignErrorCode.JOB_STATE, job.state.value)
            job.state = JobState.CANCELLED
            job.updated_at = self._now()
            uow.signature_jobs.save(job)
            uow.commit()
        return job

    def _record_error(
        self,
        uid: str,
        code: str,
        detail: str = "",
        tries_left: int | None = None,
        state: JobState | None = None,
        count_attempt: bool = False,
    ) -> None:
        with self._uow() as uow:
            job = uow.signature_jobs.get(uid)
            if job is None:
                return
            job.last_error_code = code
            job.last_error_detail = detail[:2000] or None
            job.tries_left = tries_left
            if count_attempt:
                job.attempts += 1
            if state is not None:
                job.state = state
            job.updated_at = self._now()
            uow.signature_jobs.save(job)
            uow.commit()

    # -- signing -------------------------------------------------------------------------------
    def plan(self, uid: str, key: DigestSigner) -> SigningPlan:
        """Everything checked before the PIN prompt; raises SigningFailure/KeyHolderError."""
        job = self.job(uid)
        if job.state != JobState.WAITING:
            raise SigningFailure(SignErrorCode.JOB_STATE, job.state.value)
        try:
            source = Path(job.source_path)
            if not source.is_file():
                raise SigningFailure(SignErrorCode.SOURCE_MISSING, job.source_path)
            if job.source_sha256 and sha256_file(source) != job.source_sha256:
                raise SigningFailure(SignErrorCode.SOURCE_CHANGED, job.source_path)
            signer = self._engine.inspect_key(key)
            preflight = (
                self._engine.preflight(signer.certificate, job.wanted_level)
                if job.wanted_level.needs_tsa
                else None
            )
            if preflight is not None and preflight.ocsp.cert_status == CertStatus.REVOKED:
                raise SigningFailure(SignErrorCode.CERTIFICATE_REVOKED, "OCSP says revoked")
            tries_left = _tries_left(key)
            if tries_left == 0:
                raise KeyHolderError(KeyErrorCode.PIN_BLOCKED, "no PIN2 tries left", tries_left=0)
        except (SigningFailure, KeyHolderError) as exc:
            self._record_error(uid, str(exc.code), exc.detail, getattr(exc, "tries_left", None))
            raise
        level = preflight.reachable_level(job.wanted_level) if preflight else SignatureLevel.B_B
        return SigningPlan(
            job=job,
            signer_name=signer.name,
            personal_code=signer.personal_code,
            certificate_expires=signer.not_after,
            level=level,
            preflight=preflight,
            tries_left=tries_left,
        )

    def sign(self, plan: SigningPlan, key: DigestSigner, pin: str) -> SignatureJob:
        """Sign the planned job. On any failure the source stays untouched and waiting."""
        uid = plan.job.uid
        try:
            done = self._engine.sign(plan.job, key, pin, plan.level)
        except KeyHolderError as exc:
            self._record_error(uid, str(exc.code), exc.detail, exc.tries_left, count_attempt=True)
            raise
        except SigningFailure as exc:
            self._record_error(uid, str(exc.code), exc.detail, count_attempt=True)
            raise
        with self._uow() as uow:
            job = uow.signature_jobs.get(uid)
            assert job is not None
            job.attempts += 1
            job.reached_level = done.level
            job.state = JobState.DONE if done.level == job.wanted_level else JobState.PARKED
            job.signer_name = done.signer_name
            job.signed_at = done.signing_time
            job.output_sha256 = done.sha256
            job.last_error_code = None
            job.last_error_detail = None
            job.tries_left = None
            job.updated_at = self._now()
            uow.signature_jobs.save(job)
            uow.commit()
        return job

    def sign_batch(
        self,
        uids: Sequence[str],
        key: DigestSigner,
        pin_for: Callable[[SigningPlan], str | None],
    ) -> list[BatchItem]:
        """Sign each job with its own PIN entry; `pin_for` returning None skips a document."""
        results: list[BatchItem] = []
        stopped = False
        for uid in uids:
            job = self.job(uid)
            if stopped:
                results.append(BatchItem(uid, job.source_path, job.state))
                continue
            try:
                plan = self.plan(uid, key)
                pin = pin_for(plan)
                if pin is None:
                    results.append(BatchItem(uid, job.source_path, JobState.WAITING))
                    continue
                signed = self.sign(plan, key, pin)
                results.append(
                    BatchItem(uid, job.source_path, signed.state, level=signed.reached_level)
                )
            except (KeyHolderError, SigningFailure) as exc:
                results.append(
                    BatchItem(
                        uid,
                        job.source_path,
                        JobState.WAITING,
                        error_code=str(exc.code),
                        tries_left=getattr(exc, "tries_left", None),
                    )
                )
                stopped = exc.code in _BATCH_STOPPERS
        return results

    # -- upgrading parked signatures -------------------------------------------------------------
    def upgrade_parked(self) -> list[BatchItem]:
        """Raise every parked signature as far as the network now allows."""
        results: list[BatchItem] = []
        for job in self.jobs([JobState.PARKED]):
            try:
                up = self._engine.upgrade(job)
            except SigningFailure as exc:
                final = exc.code in (
                    SignErrorCode.CERTIFICATE_REVOKED,
                    SignErrorCode.SIGNATURE_NOT_FOUND,
                )
                state = JobState.FAILED if final else JobState.PARKED
                self._record_error(job.uid, str(exc.code), exc.detail, state=state)
                results.append(
                    BatchItem(job.uid, job.output_path, state, job.reached_level, str(exc.code))
                )
                continue
            with self._uow() as uow:
                fresh = uow.signature_jobs.get(job.uid)
                assert fresh is not None
                fresh.reached_level = up.level
                fresh.state = JobState.DONE if up.level == fresh.wanted_level else JobState.PARKED
                fresh.output_sha256 = up.sha256
                fresh.last_error_code = None
                fresh.last_error_detail = None
                fresh.updated_at = self._now()
                uow.signature_jobs.save(fresh)
                uow.commit()
            results.append(BatchItem(job.uid, job.output_path, fresh.state, up.level))
        return results


def _tries_left(key: DigestSigner) -> int | None:
    """PIN2 tries left, when the key holder can read the counter without spending a try.

    Card signers offer `pin_status("pin2").tries_left`; others may offer `pin_tries_left()`.
    """
    try:
        status = getattr(key, "pin_status", None)
        if callable(status):
            value = getattr(status("pin2"), "tries_left", None)
        else:
            reader = getattr(key, "pin_tries_left", None)
            value = reader() if callable(reader) else None
    except KeyHolderError:
        raise  # the card went away: say so before the PIN prompt, not after
    except Exception:  # a failed read must not block signing; the dialog just shows nothing
        return None
    return value if isinstance(value, int) else None
