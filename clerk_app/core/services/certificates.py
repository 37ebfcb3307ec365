"""The certificate service: preview, draft, edit, finalise, correct, list and batch.

Every write goes through one unit of work. A draft keeps the built content, so what the clerk
reviewed is what gets finalised; finalising draws the registry number in the same transaction
that freezes the row. A final certificate is never changed: a correction is version n+1 with
the same registry number, superseding version n, and both are kept.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import uuid6

from clerk_app.core.certificates.builder import build_content
from clerk_app.core.certificates.codec import content_from_json, content_to_json
from clerk_app.core.certificates.content import CertificateContent, SearchScope
from clerk_app.core.certificates.numbering import CERTIFICATE_REGISTER, registry_number
from clerk_app.core.certificates.office import OfficeProfile
from clerk_app.core.certificates.ports import (
    CertificateRenderer,
    CertificateSummary,
    CertificateUnitOfWork,
    RenderedPdf,
    RenderJob,
    SignatureBox,
    StoredCertificate,
    Supersedes,
)
from clerk_app.core.certificates.sources import RequestInfo, Subject
from clerk_app.core.certificates.types import (
    FREE_TEXT_PARTS,
    CertificateRefused,
    CertificateStatus,
    CertificateType,
    Issue,
    IssueCode,
    parse_languages,
)


@dataclass(frozen=True)
class CertificateSpec:
    """What the clerk asks for: a type, the picked records, the languages (issuer first)."""

    type: CertificateType
    record_ids: tuple[str, ...] = ()
    languages: tuple[str, ...] | str = ("et",)
    request: RequestInfo | None = None
    subject: Subject | None = None
    search: SearchScope | None = None  # information letter: where was searched
    free_text: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class CertificateView:
    """A certificate as the UI and the CLI see it: PDF bytes plus what to show around them."""

    uid: str
    registry_number: str | None
    version: int
    status: CertificateStatus
    type: CertificateType
    languages: tuple[str, ...]
    subject: Subject
    pdf: bytes
    pdf_sha256: str
    page_count: int
    signature_box: SignatureBox
    warnings: tuple[Issue, ...]
    free_text: dict[str, dict[str, str]]
    supersedes_uid: str | None = None
    issued_on: date | None = None


@dataclass(frozen=True)
class BatchResult:
    index: int
    spec: CertificateSpec
    view: CertificateView | None = None
    issues: tuple[Issue, ...] = ()
    error: str | None = None  # an unexpected failure, with its type and message

    @property
    def ok(self) -> bool:
        return self.view is not None


def _now() -> datetime:
    return datetime.now(UTC)


class CertificateService:
    def __init__(
        self,
        uow_factory: Callable[[], CertificateUnitOfWork],
        renderer: CertificateRenderer,
        office: OfficeProfile,
        *,
        workstation: str,
        actor: str,
        clock: Callable[[], datetime] = _now,
    ) -> None:
        self._uow = uow_factory
        self._renderer = renderer
        self._office = office
        self._workstation = workstation
        self._actor = actor
        self._clock = clock

    # -- building -------------------------------------------------------------------------

    def _build(
        self, uow: CertificateUnitOfWork, spec: CertificateSpec
    ) -> tuple[CertificateContent, tuple[str, ...], dict[str, dict[str, str]]]:
        langs = parse_languages(spec.languages)
        _check_free_text(spec.free_text, langs)
        ids = tuple(dict.fromkeys(i.strip() for i in spec.record_ids if i.strip()))
        records = uow.sources.load(ids) if ids else []
        subject = spec.subject
        if subject is None and spec.request and spec.request.subject_name:
            subject = Subject(spec.request.subject_name, spec.request.subject_birth)
        content = build_content(
            spec.type, records, requested_ids=ids, subject=subject, search=spec.search
        )
        texts = self._renderer.default_texts(content, langs, spec.request, self._office)
        return content, langs, _merge_texts(texts, spec.free_text)

    def _job(
        self,
        cert: StoredCertificate,
        content: CertificateContent,
        supersedes: Supersedes | None,
        today: date,
    ) -> RenderJob:
        return RenderJob(
            content=content,
            languages=cert.languages,
            office=self._office,
            status=cert.status,
            uid=cert.uid,
            registry_number=cert.registry_number,
            version=cert.version,
            issued_on=cert.issued_on or today,
            created_at=cert.finalised_at or cert.created_at,
            request=cert.request,
            free_text=cert.free_text,
            supersedes=supersedes,
        )

    def _render_into(
        self, uow: CertificateUnitOfWork, cert: StoredCertificate, content: CertificateContent
    ) -> None:
        now = self._clock()
        supersedes = None
        if cert.supersedes_uid:
            old = uow.certificates.get(cert.supersedes_uid)
            assert old is not None
            supersedes = Supersedes(
                old.registry_number, old.version, old.issued_on, cert.correction_reason or ""
            )
        rendered = self._renderer.render(self._job(cert, content, supersedes, _local_date(now)))
        _apply(cert, rendered)

    def preview(self, spec: CertificateSpec) -> RenderedPdf:
        """Build and render without storing anything (the UI's live preview)."""
        with self._uow() as uow:
            content, langs, texts = self._build(uow, spec)
        now = self._clock()
        job = RenderJob(
            content=content,
            languages=langs,
            office=self._office,
            status=CertificateStatus.DRAFT,
            uid=str(uuid6.uuid7()),
            registry_number=None,
            version=1,
            issued_on=_local_date(now),
            created_at=now,
            request=spec.request,
            free_text=texts,
        )
        return self._renderer.render(job)

    def default_texts(self, spec: CertificateSpec) -> dict[str, dict[str, str]]:
        with self._uow() as uow:
            return self._build(uow, spec)[2]

    # -- drafts ---------------------------------------------------------------------------

    def create_draft(self, spec: CertificateSpec) -> CertificateView:
        with self._uow() as uow:
            content, langs, texts = self._build(uow, spec)
            cert = StoredCertificate(
                uid=str(uuid6.uuid7()),
                version=1,
                type=spec.type,
                languages=langs,
                status=CertificateStatus.DRAFT,
                subject=content.subject,
                record_ids=content.record_ids,
                content_json=content_to_json(content),
                free_text=texts,
                warnings=tuple(str(w.code) for w in content.warnings),
                pdf=b"",
                pdf_sha256="",
                page_count=0,
                signature_box=SignatureBox(0, 0, 0, 0, 0),
                office_code=self._office.code,
                workstation=self._workstation,
                created_at=self._clock(),
                created_by=self._actor,
                request_uid=spec.request.uid if spec.request else None,
                request=spec.request,
                search=content.search,
            )
            self._render_into(uow, cert, content)
            uow.certificates.add(cert)
            uow.commit()
        return _view(cert, content)

    def update_draft(self, uid: str, free_text: Mapping[str, Mapping[str, str]]) -> CertificateView:
        """Change the free-text parts of a draft and render it again."""
        with self._uow() as uow:
            cert = self._draft(uow, uid)
            _check_free_text(free_text, cert.languages)
            cert.free_text = _merge_texts(cert.free_text, free_text)
            content = content_from_json(cert.content_json)
            self._render_into(uow, cert, content)
            uow.certificates.save(cert)
            uow.commit()
        return _view(cert, content)

    def finalise(self, uid: str) -> CertificateView:
        """Number the draft (if it has no number yet), stamp the date, freeze it."""
        with self._uow() as uow:
            cert = self._draft(uow, uid)
            now = self._clock()
            cert.status = CertificateStatus.FINAL
            cert.issued_on = _local_date(now)
            cert.finalised_at = now
            cert.finalised_by = self._actor
            if cert.registry_number is None:
                value = uow.counters.next_value(
                    CERTIFICATE_REGISTER, cert.issued_on.year, self._workstation
                )
                cert.registry_number = registry_number(
                    self._office.code, cert.issued_on.year, self._workstation, value
                )
            content = content_from_json(cert.content_json)
            self._render_into(uow, cert, content)
            uow.certificates.save(cert)
            uow.commit()
        return _view(cert, content)

    def correct(
        self,
        uid: str,
        reason: str,
        *,
        record_ids: Sequence[str] | None = None,
        free_text: Mapping[str, Mapping[str, str]] | None = None,
        languages: Sequence[str] | str | None = None,
    ) -> CertificateView:
        """A new draft version that supersedes the final certificate `uid` once finalised."""
        if not reason.strip():
            raise CertificateRefused([Issue(IssueCode.BAD_FREE_TEXT, detail={"reason": ""})])
        with self._uow() as uow:
            old = uow.certificates.get(uid)
            if old is None:
                raise CertificateRefused([Issue(IssueCode.NOT_FOUND, detail={"uid": uid})])
            if old.status is not CertificateStatus.FINAL:
                raise CertificateRefused([Issue(IssueCode.NOT_FINAL, detail={"uid": uid})])
            successor = uow.certificates.successor(uid)
            if successor is not None:
                raise CertificateRefused(
                    [Issue(IssueCode.ALREADY_SUPERSEDED, detail={"by": successor})]
                )
            spec = CertificateSpec(
                type=old.type,
                record_ids=tuple(record_ids) if record_ids is not None else old.record_ids,
                languages=languages or old.languages,
                request=old.request,
                subject=old.subject,
                search=old.search,
                free_text=free_text or {},
            )
            content, langs, texts = self._build(uow, spec)
            if record_ids is None and langs == old.languages:
                texts = _merge_texts(old.free_text, free_text or {})
            cert = StoredCertificate(
                uid=str(uuid6.uuid7()),
                version=old.version + 1,
                type=old.type,
                languages=langs,
                status=CertificateStatus.DRAFT,
                subject=content.subject,
                record_ids=content.record_ids,
                content_json=content_to_json(content),
                free_text=texts,
                warnings=tuple(str(w.code) for w in content.warnings),
                pdf=b"",
                pdf_sha256="",
                page_count=0,
                signature_box=SignatureBox(0, 0, 0, 0, 0),
                office_code=old.office_code,
                workstation=self._workstation,
                created_at=self._clock(),
                created_by=self._actor,
                registry_number=old.registry_number,
                supersedes_uid=old.uid,
                correction_reason=reason.strip(),
                request_uid=old.request_uid,
                request=old.request,
                search=content.search,
            )
            self._render_into(uow, cert, content)
            uow.certificates.add(cert)
            uow.commit()
        return _view(cert, content)

    def _draft(self, uow: CertificateUnitOfWork, uid: str) -> StoredCertificate:
        cert = uow.certificates.get(uid)
        if cert is None:
            raise CertificateRefused([Issue(IssueCode.NOT_FOUND, detail={"uid": uid})])
        if cert.status is CertificateStatus.FINAL:
            raise CertificateRefused(
                [Issue(IssueCode.IMMUTABLE, detail={"uid": uid, "number": cert.registry_number})]
            )
        return cert

    # -- reading --------------------------------------------------------------------------

    def get(self, uid: str) -> CertificateView:
        with self._uow() as uow:
            cert = uow.certificates.get(uid)
        if cert is None:
            raise CertificateRefused([Issue(IssueCode.NOT_FOUND, detail={"uid": uid})])
        return _view(cert, content_from_json(cert.content_json))

    def find(self, registry_number: str) -> list[CertificateView]:
        with self._uow() as uow:
            rows = uow.certificates.find(registry_number)
        return [_view(c, content_from_json(c.content_json)) for c in rows]

    def list(
        self,
        status: CertificateStatus | None = None,
        cert_type: CertificateType | None = None,
        limit: int = 200,
    ) -> list[CertificateSummary]:
        with self._uow() as uow:
            return uow.certificates.summaries(status, cert_type, limit)

    # -- batch ----------------------------------------------------------------------------

    def batch(
        self,
        specs: Sequence[CertificateSpec],
        *,
        finalise: bool = False,
        progress: Callable[[int, BatchResult], None] | None = None,
    ) -> list[BatchResult]:
        """One certificate per spec, each in its own transaction: a refused or failing item
        is reported and the others go on. `progress(done, result)` after each item."""
        results: list[BatchResult] = []
        for index, spec in enumerate(specs):
            try:
                view = self.create_draft(spec)
                if finalise:
                    view = self.finalise(view.uid)
                result = BatchResult(index, spec, view=view)
            except CertificateRefused as exc:
                result = BatchResult(index, spec, issues=exc.issues)
            except Exception as exc:  # one broken item must not stop the batch
                last = traceback.extract_tb(exc.__traceback__)[-1]
                result = BatchResult(
                    index, spec, error=f"{type(exc).__name__}: {exc} ({last.name}:{last.lineno})"
                )
            results.append(result)
            if progress is not None:
                progress(index + 1, result)
        return results


def _local_date(moment: datetime) -> date:
    return moment.astimezone().date()


def _apply(cert: StoredCertificate, rendered: RenderedPdf) -> None:
    cert.pdf = rendered.pdf
    cert.pdf_sha256 = rendered.sha256
    cert.page_count = rendered.page_count
    cert.signature_box = rendered.signature_box


def _view(cert: StoredCertificate, content: CertificateContent) -> CertificateView:
    return CertificateView(
        uid=cert.uid,
        registry_number=cert.registry_number,
        version=cert.version,
        status=cert.status,
        type=cert.type,
        languages=cert.languages,
        subject=cert.subject,
        pdf=cert.pdf,
        pdf_sha256=cert.pdf_sha256,
        page_count=cert.page_count,
        signature_box=cert.signature_box,
        warnings=content.warnings,
        free_text={k: dict(v) for k, v in cert.free_text.items()},
        supersedes_uid=cert.supersedes_uid,
        issued_on=cert.issued_on,
    )


def _check_free_text(free_text: Mapping[str, Mapping[str, str]], langs: Sequence[str]) -> None:
    bad: list[Issue] = []
    for lang, parts in free_text.items():
        if lang not in langs:
            bad.append(Issue(IssueCode.BAD_FREE_TEXT, detail={"language": lang, "allowed": langs}))
            continue
        for part, text in parts.items():
            if part not in FREE_TEXT_PARTS:
                bad.append(
                    Issue(
                        IssueCode.BAD_FREE_TEXT, detail={"part": part, "allowed": FREE_TEXT_PARTS}
                    )
                )
            elif not isinstance(text, str) or len(text) > 4000:
                bad.append(Issue(IssueCode.BAD_FREE_TEXT, detail={"part": part, "max_chars": 4000}))
    if bad:
        raise CertificateRefused(bad)


def _merge_texts(
    base: Mapping[str, Mapping[str, str]], overrides: Mapping[str, Mapping[str, str]]
) -> dict[str, dict[str, str]]:
    merged = {lang: dict(parts) for lang, parts in base.items()}
    for lang, parts in overrides.items():
        merged.setdefault(lang, {}).update(parts)
    return merged
