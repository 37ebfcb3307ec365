"""What the certificate service needs from storage and from the renderer, as protocols."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol

from clerk_app.core.certificates.content import CertificateContent, SearchScope
from clerk_app.core.certificates.office import OfficeProfile
from clerk_app.core.certificates.sources import RequestInfo, SourceRecord, Subject
from clerk_app.core.certificates.types import CertificateStatus, CertificateType

FreeText = Mapping[str, Mapping[str, str]]  # language -> part -> text


@dataclass(frozen=True)
class SignatureBox:
    """Where the signature stamp goes: page index (0-based) and a box in PDF points."""

    page: int
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class Supersedes:
    registry_number: str | None
    version: int
    issued_on: date | None
    reason: str


@dataclass(frozen=True)
class RenderJob:
    content: CertificateContent
    languages: tuple[str, ...]
    office: OfficeProfile
    status: CertificateStatus
    uid: str
    registry_number: str | None
    version: int
    issued_on: date  # the date printed on the certificate
    created_at: datetime  # the PDF's creation time (Info and XMP)
    request: RequestInfo | None
    free_text: FreeText
    supersedes: Supersedes | None = None


@dataclass(frozen=True)
class RenderedPdf:
    pdf: bytes
    sha256: str
    page_count: int
    signature_box: SignatureBox


class CertificateRenderer(Protocol):
    def default_texts(
        self,
        content: CertificateContent,
        languages: Sequence[str],
        request: RequestInfo | None,
        office: OfficeProfile,
    ) -> dict[str, dict[str, str]]: ...

    def render(self, job: RenderJob) -> RenderedPdf: ...


@dataclass
class StoredCertificate:
    """A certificate row. A final one is immutable; a correction is a new version."""

    uid: str
    version: int
    type: CertificateType
    languages: tuple[str, ...]
    status: CertificateStatus
    subject: Subject
    record_ids: tuple[str, ...]
    content_json: str
    free_text: dict[str, dict[str, str]]
    warnings: tuple[str, ...]  # issue codes, for lists and the UI
    pdf: bytes
    pdf_sha256: str
    page_count: int
    signature_box: SignatureBox
    office_code: str
    workstation: str
    created_at: datetime
    created_by: str
    registry_number: str | None = None
    supersedes_uid: str | None = None
    correction_reason: str | None = None
    request_uid: str | None = None
    request: RequestInfo | None = None
    search: SearchScope | None = None
    issued_on: date | None = None
    finalised_at: datetime | None = None
    finalised_by: str | None = None
    extra: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class CertificateSummary:
    uid: str
    registry_number: str | None
    version: int
    type: CertificateType
    languages: tuple[str, ...]
    status: CertificateStatus
    superseded_by: str | None
    subject_name: str
    request_number: str | None
    created_at: datetime
    issued_on: date | None
    warnings: tuple[str, ...]


class SourceReader(Protocol):
    def load(self, record_ids: Sequence[str]) -> list[SourceRecord]:
        """Full records in the order asked; ids the store does not hold are left out."""
        ...


class CertificateRepository(Protocol):
    def add(self, cert: StoredCertificate) -> None: ...

    def get(self, uid: str) -> StoredCertificate | None: ...

    def save(self, cert: StoredCertificate) -> None:
        """Write a changed draft (also the draft → final step); refuses a final row."""
        ...

    def successor(self, uid: str) -> str | None: ...

    def find(self, registry_number: str) -> list[StoredCertificate]: ...

    def summaries(
        self,
        status: CertificateStatus | None = None,
        cert_type: CertificateType | None = None,
        limit: int = 200,
    ) -> list[CertificateSummary]: ...
