"""The certificate service: preview, draft, edit, finalise, correct, list and batch.

Every write goes through one unit of work. A draft keeps the built content, so what the clerk
reviewed is what gets finalised; finalising draws the registry number in the same transaction
that freezes the row (and moves the request it answers to "certificate prepared"). A final
certificate is never changed: a correction is version n+1 with the same registry number,
superseding version n, and both are kept.
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
from clerk_app.core.certificates.office import OfficeProfile
from clerk_app.core.certificates.ports import (
    CertificateRenderer,
    CertificateSummary,
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
from clerk_app.core.numbering import Register, RegistryNumber
from clerk_app.core.ports import UnitOfWork
from clerk_app.core.requests import Request, RequestEvent, RequestStatus, RequestSubject

DEFAULT_LANGUAGES = ("et",)

# the certificate a request's subject asks for
TYPE_FOR_SUBJECT = {
    RequestSubject.EMPLOYMENT: CertificateType.EMPLOYMENT,
    RequestSubject.SALARY: CertificateType.SALARY,
    RequestSubject.CIVIL_STATUS: CertificateType.CIVIL_STATUS,
    RequestSubject.RESIDENCE: CertificateType.RESIDENCE,
}


@dataclass(frozen=True)
class CertificateSpec:
    """What the clerk asks for. With `request_ref` (a request's uid or registration number)
    the register fills what is not given: type, records collected, languages, applicant, the
    person and period of an information letter."""

    type: CertificateType | None = None
    record_ids: tuple[str, ...] | None = None
    languages: tuple[str, ...] | str | None = None  # issuer first, then the recipient
    request_ref: str | None = None
    request: RequestInfo | None = None  # a request not in the register (given by hand)
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
    record_ids: tuple[str, ...] = ()
    request_uid: str | None = None
    supersedes_uid: str | None = None
    issued_on: date | None = None


@dataclass(frozen=True)
class BatchResult:
    index: int
    spec: CertificateSpec
    view: CertificateView | None = None
    issues: tuple[Issue, ...] = ()
    error: str | None = None  # an unexpected failure, with its type and place

    @property
    def ok(self) -> bool:
        return self.view is not None


@dataclass(frozen=True)
class _Resolved:
    type: CertificateType
    record_ids: tuple[str, ...]
    languages: tuple[str, ...]
    request: RequestInfo | None
    subject: Subject | None
    search: SearchScope | None


def _now() -> datetime:
    return datetime.now(UTC)


class CertificateService:
    def __init__(
        self,
        uow_factory: Callable[[], UnitOfWork],
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

    def _resolve(self, uow: UnitOfWork, spec: CertificateSpec) -> _Resolved:
        req: Request | None = None
        if spec.request_ref:
            ref = spec.request_ref.strip()
            req = uow.requests.get(ref) or uow.requests.get_by_number(ref)
            if req is None:
                raise CertificateRefused([Issue(IssueCode.REQUEST_NOT_FOUND, detail={"ref": ref})])
        cert_type = spec.type or (TYPE_FOR_SUBJECT.get(req.subject) if req else None)
        if cert_type is None:
            detail = {"request_subject": str(req.subject)} if req else {}
            raise CertificateRefused([Issue(IssueCode.TYPE_REQUIRED, detail=detail)])
        record_ids = spec.record_ids
        if record_ids is None:
            record_ids = tuple(req.record_ids) if req else ()
        languages = parse_languages(
            spec.languages or (req.languages if req else None) or DEFAULT_LANGUAGES
        )
        request = _request_info(req) if req else spec.request
        subject, search = spec.subject, spec.search
        if cert_type is CertificateType.NEGATIVE:
            if subject is None and request is not None and request.subject_name:
                subject = Subject(request.subject_name, request.subject_birth)
            if search is not None and req is not None:
                names = search.name_forms or _name_forms(req)
                search = SearchScope(
                    search.places,
                    search.period_from if search.period_from is not None else req.period_from,
                    search.period_to if search.period_to is not None else req.period_to,
                    names,
                )
        return _Resolved(cert_type, tuple(record_ids), languages, request, subject, search)

    def _build(
        self, uow: UnitOfWork, spec: CertificateSpec
    ) -> tuple[_Resolved, CertificateContent, dict[str, dict[str, str]]]:
        r = self._resolve(uow, spec)
        _check_free_text(spec.free_text, r.languages)
        ids = tuple(dict.fromkeys(i.strip() for i in r.record_ids if i.strip()))
        records = uow.sources.load(ids) if ids else []
        content = build_content(
            r.type, records, requested_ids=ids, subject=r.subject, search=r.search
        )
        texts = self._renderer.default_texts(content, r.languages, r.request, self._office)
        return r, content, _merge_texts(texts, spec.free_text)

    def _render_into(
        self, uow: UnitOfWork, cert: StoredCertificate, content: CertificateContent
    ) -> None:
        supersedes = None
        if cert.supersedes_uid:
            old = uow.certificates.get(cert.supersedes_uid)
            assert old is not None
            supersedes = Supersedes(
                old.registry_number, old.version, old.issued_on, cert.correction_reason or ""
            )
        job = RenderJob(
            content=content,
            languages=cert.languages,
            office=self._office,
            status=cert.status,
            uid=cert.uid,
            registry_number=cert.registry_number,
            version=cert.version,
            issued_on=cert.issued_on or _local_date(self._clock()),
            created_at=cert.finalised_at or cert.created_at,
            request=cert.request,
            free_text=cert.free_text,
            supersedes=supersedes,
        )
        rendered = self._renderer.render(job)
        cert.pdf = rendered.pdf
        cert.pdf_sha256 = rendered.sha256
        cert.page_count = rendered.page_count
        cert.signature_box = rendered.signature_box

    def preview(self, spec: CertificateSpec) -> RenderedPdf:
        """Build and render without storing anything (the UI's live preview)."""
        with self._uow() as uow:
            r, content, texts = self._build(uow, spec)
        now = self._clock()
        job = RenderJob(
            content=content,
            languages=r.languages,
            office=self._office,
            status=CertificateStatus.DRAFT,
            uid=str(uuid6.uuid7()),
            registry_number=None,
            version=1,
            issued_on=_local_date(now),
            created_at=now,
            request=r.request,
            free_text=texts,
        )
        return self._renderer.render(job)

    def default_texts(self, spec: CertificateSpec) -> dict[str, dict[str, str]]:
        """The editable parts as they would start, per language (for the UI's editor)."""
        with self._uow() as uow:
            return self._build(uow, spec)[2]

    # -- drafts ---------------------------------------------------------------------------

    def _new_row(
        self,
        r: _Resolved,
        content: CertificateContent,
        texts: dict[str, dict[str, str]],
        **extra: object,
    ) -> StoredCertificate:
        fields: dict[str, object] = {
            "uid": str(uuid6.uuid7()),
            "version": 1,
            "type": r.type,
            "languages": r.languages,
            "status": CertificateStatus.DRAFT,
            "subject": content.subject,
            "record_ids": content.record_ids,
            "content_json": content_to_json(content),
            "free_text": texts,
            "warnings": tuple(str(w.code) for w in content.warnings),
            "pdf": b"",
            "pdf_sha256": "",
            "page_count": 0,
            "signature_box": SignatureBox(0, 0, 0, 0, 0),
            "office_code": self._office.code,
            "workstation": self._workstation,
            "created_at": self._clock(),
            "created_by": self._actor,
            "request_uid": r.request.uid if r.request else None,
            "request": r.request,
            "search": content.search,
        }
        return StoredCertificate(**(fields | extra))  # type: ignore[arg-type]

    def create_draft(self, spec: CertificateSpec) -> CertificateView:
        return self._create(spec, final=False)

    def create_final(self, spec: CertificateSpec) -> CertificateView:
        """Build, number and freeze in one transaction and one rendering (batch, --final)."""
        return self._create(spec, final=True)

    def _create(self, spec: CertificateSpec, final: bool) -> CertificateView:
        with self._uow() as uow:
            r, content, texts = self._build(uow, spec)
            cert = self._new_row(r, content, texts)
            if final:
                self._freeze(uow, cert)
            self._render_into(uow, cert, content)
            uow.certificates.add(cert)
            if final and cert.request_uid:
                self._advance_request(uow, cert)
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
        """Number the draft (a correction keeps its number), date it, freeze it."""
        with self._uow() as uow:
            cert = self._draft(uow, uid)
            self._freeze(uow, cert)
            content = content_from_json(cert.content_json)
            self._render_into(uow, cert, content)
            uow.certificates.save(cert)
            if cert.request_uid:
                self._advance_request(uow, cert)
            uow.commit()
        return _view(cert, content)

    def _freeze(self, uow: UnitOfWork, cert: StoredCertificate) -> None:
        now = self._clock()
        cert.status = CertificateStatus.FINAL
        cert.issued_on = _local_date(now)
        cert.finalised_at = now
        cert.finalised_by = self._actor
        if cert.registry_number is None:  # a correction keeps the number of what it corrects
            year = cert.issued_on.year
            serial = uow.counters.next_value(Register.CERTIFICATE, year, self._workstation)
            cert.registry_number = str(
                RegistryNumber(self._office.code, year, self._workstation, serial)
            )

    def _advance_request(self, uow: UnitOfWork, cert: StoredCertificate) -> None:
        """REGISTERED / IN_SEARCH → CERTIFICATE_PREPARED, in the finalising transaction; a
        request already further along keeps its status."""
        request = uow.requests.get(cert.request_uid or "")
        if request is None:
            return
        steps = {
            RequestStatus.REGISTERED: [RequestStatus.IN_SEARCH, RequestStatus.CERTIFICATE_PREPARED],
            RequestStatus.IN_SEARCH: [RequestStatus.CERTIFICATE_PREPARED],
        }.get(request.status, [])
        for wanted in steps:
            now = self._clock()
            request.check_transition(wanted, None, None)
            before = request.status
            request.status = wanted
            request.status_reason = None
            request.updated_at = now
            uow.requests.save(request)
            detail: dict[str, object] = {}
            if wanted is RequestStatus.CERTIFICATE_PREPARED:
                detail = {"certificate": cert.uid, "number": cert.registry_number,
                          "version": cert.version}  # fmt: skip
            uow.requests.add_event(
                RequestEvent(
                    uid=str(uuid6.uuid7()),
                    request_uid=request.uid,
                    at=now,
                    actor=self._actor,
                    kind="status",
                    from_status=before,
                    to_status=wanted,
                    detail=detail,
                )
            )

    def correct(
        self,
        uid: str,
        reason: str,
        *,
        record_ids: Sequence[str] | None = None,
        free_text: Mapping[str, Mapping[str, str]] | None = None,
        languages: Sequence[str] | str | None = None,
    ) -> CertificateView:
        """A new draft version that, once finalised, supersedes the final certificate `uid`."""
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
                subject=old.subject if old.type is CertificateType.NEGATIVE else None,
                search=old.search,
                free_text=free_text or {},
            )
            r, content, texts = self._build(uow, spec)
            if record_ids is None and r.languages == old.languages:
                texts = _merge_texts(old.free_text, free_text or {})  # keep the clerk's edits
            cert = self._new_row(
                r,
                content,
                texts,
                version=old.version + 1,
                registry_number=old.registry_number,
                supersedes_uid=old.uid,
                correction_reason=reason.strip(),
            )
            cert.request_uid = old.request_uid
            self._render_into(uow, cert, content)
            uow.certificates.add(cert)
            uow.commit()
        return _view(cert, content)

    def _draft(self, uow: UnitOfWork, uid: str) -> StoredCertificate:
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
        """Every version carrying this registry number, oldest first."""
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
                view = self.create_final(spec) if finalise else self.create_draft(spec)
                result = BatchResult(index, spec, view=view)
            except CertificateRefused as exc:
                result = BatchResult(index, spec, issues=exc.issues)
            except Exception as exc:  # one broken item must not stop the batch
                last = traceback.extract_tb(exc.__traceback__)[-1]
                where = f"{last.name}:{last.lineno}"
                result = BatchResult(index, spec, error=f"{type(exc).__name__}: {exc} ({where})")
            results.append(result)
            if progress is not None:
                progress(index + 1, result)
        return results


def _local_date(moment: datetime) -> date:
    return moment.astimezone().date()


def _request_info(req: Request) -> RequestInfo:
    return RequestInfo(
        applicant_name=req.applicant.name,
        applicant_address=req.applicant.address,
        registration_number=req.reg_number,
        registered_on=req.registered_on,
        language=req.languages[-1] if req.languages else None,
        partner_case_number=req.partner_case_number,
        uid=req.uid,
        subject_name=req.person_name,
        subject_birth=req.person_birth_date,
    )


def _name_forms(req: Request) -> tuple[str, ...]:
    others = [n.strip() for n in (req.person_other_names or "").split(",") if n.strip()]
    return tuple(dict.fromkeys([req.person_name, *others]))


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
        record_ids=cert.record_ids,
        request_uid=cert.request_uid,
        supersedes_uid=cert.supersedes_uid,
        issued_on=cert.issued_on,
    )


def _check_free_text(free_text: Mapping[str, Mapping[str, str]], langs: Sequence[str]) -> None:
    bad: list[Issue] = []
    for lang, parts in free_text.items():
        if lang not in langs:
            bad.append(
                Issue(IssueCode.BAD_FREE_TEXT, detail={"language": lang, "allowed": list(langs)})
            )
            continue
        for part, text in parts.items():
            if part not in FREE_TEXT_PARTS:
                bad.append(
                    Issue(
                        IssueCode.BAD_FREE_TEXT,
                        detail={"part": part, "allowed": list(FREE_TEXT_PARTS)},
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
