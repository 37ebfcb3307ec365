"""Rows of `signature_job` ⇄ core `SignatureJob` values."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk_app.core.signing import JobState, SignatureJob, SignatureLevel
from clerk_app.store.models_signing import SignatureJobRow

_FIELDS = (
    "uid", "document_uid", "source_path", "output_path", "source_sha256", "output_sha256",
    "attempts", "last_error_code", "last_error_detail", "tries_left", "signer_name",
    "signed_at", "actor", "workstation", "created_at", "updated_at", "stamp_page",
)  # fmt: skip


def _to_job(row: SignatureJobRow) -> SignatureJob:
    job = SignatureJob(
        uid=row.uid,
        source_path=row.source_path,
        output_path=row.output_path,
        wanted_level=SignatureLevel(row.wanted_level),
        state=JobState(row.state),
        languages=tuple(x for x in row.languages.split(",") if x),
        reached_level=SignatureLevel(row.reached_level) if row.reached_level else None,
    )
    if row.stamp_box:
        x1, y1, x2, y2 = (float(v) for v in row.stamp_box.split(","))
        job.stamp_box = (x1, y1, x2, y2)
    for name in _FIELDS:
        setattr(job, name, getattr(row, name))
    return job


def _fill(row: SignatureJobRow, job: SignatureJob) -> None:
    for name in _FIELDS:
        setattr(row, name, getattr(job, name))
    row.languages = ",".join(job.languages)
    row.wanted_level = job.wanted_level.value
    row.reached_level = job.reached_level.value if job.reached_level else None
    row.state = job.state.value
    row.stamp_box = ",".join(f"{v:g}" for v in job.stamp_box) if job.stamp_box else None


class SqlSignatureJobs:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, job: SignatureJob) -> None:
        row = SignatureJobRow()
        _fill(row, job)
        self._s.add(row)
        self._s.flush()

    def get(self, uid: str) -> SignatureJob | None:
        row = self._s.scalar(select(SignatureJobRow).where(SignatureJobRow.uid == uid))
        return _to_job(row) if row else None

    def save(self, job: SignatureJob) -> None:
        row = self._s.scalar(select(SignatureJobRow).where(SignatureJobRow.uid == job.uid))
        if row is None:
            raise KeyError(job.uid)
        _fill(row, job)
        self._s.flush()

    def list(self, states: Sequence[JobState] = ()) -> list[SignatureJob]:
        q = select(SignatureJobRow).order_by(SignatureJobRow.id)
        if states:
            q = q.where(SignatureJobRow.state.in_([s.value for s in states]))
        return [_to_job(r) for r in self._s.scalars(q)]
