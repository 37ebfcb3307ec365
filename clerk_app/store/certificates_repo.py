"""Certificate rows and the full archive records a certificate is built from."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from clerk_app.core.certificates.codec import decode, encode
from clerk_app.core.certificates.content import SearchScope
from clerk_app.core.certificates.ports import (
    CertificateSummary,
    SignatureBox,
    StoredCertificate,
)
from clerk_app.core.certificates.sources import (
    Citation,
    PayMonth,
    RequestInfo,
    SourceRecord,
    Subject,
)
from clerk_app.core.certificates.types import (
    CertificateRefused,
    CertificateStatus,
    CertificateType,
    Issue,
    IssueCode,
)
from clerk_app.core.records import PartialDate
from clerk_app.store import models
from clerk_app.store.models_certificates import Certificate

_REC = models.PersonRecord.__table__
_PAY = models.PayrollEntry.__table__
_FILE = models.FileUnit.__table__
_INV = models.Inventory.__table__
_FONDS = models.Fonds.__table__
_ARCH = models.Archive.__table__


def _json(value: object) -> str:
    return json.dumps(encode(value), ensure_ascii=False, separators=(",", ":"))


def _to_row(cert: StoredCertificate, row: Certificate) -> None:
    row.uid = cert.uid
    row.registry_number = cert.registry_number
    row.version = cert.version
    row.supersedes_uid = cert.supersedes_uid
    row.correction_reason = cert.correction_reason
    row.cert_type = cert.type.value
    row.languages = ",".join(cert.languages)
    row.status = cert.status.value
    row.request_uid = cert.request_uid
    row.request_json = _json(cert.request) if cert.request is not None else None
    row.subject_name = cert.subject.name
    row.subject_json = _json(cert.subject)
    row.record_ids = _json(list(cert.record_ids))
    row.search_json = _json(cert.search) if cert.search is not None else None
    row.content_json = cert.content_json
    row.free_text = _json(cert.free_text)
    row.warnings = _json(list(cert.warnings))
    row.pdf = cert.pdf
    row.pdf_sha256 = cert.pdf_sha256
    row.page_count = cert.page_count
    row.signature_box = _json(list(asdict(cert.signature_box).values()))
    row.office_code = cert.office_code
    row.workstation = cert.workstation
    row.created_at = cert.created_at
    row.created_by = cert.created_by
    row.issued_on = cert.issued_on
    row.finalised_at = cert.finalised_at
    row.finalised_by = cert.finalised_by


def _from_row(row: Certificate) -> StoredCertificate:
    page, x1, y1, x2, y2 = json.loads(row.signature_box)
    return StoredCertificate(
        uid=row.uid,
        version=row.version,
        type=CertificateType(row.cert_type),
        languages=tuple(row.languages.split(",")),
        status=CertificateStatus(row.status),
        subject=decode(Subject, json.loads(row.subject_json)),
        record_ids=tuple(json.loads(row.record_ids)),
        content_json=row.content_json,
        free_text=json.loads(row.free_text),
        warnings=tuple(json.loads(row.warnings)),
        pdf=bytes(row.pdf),
        pdf_sha256=row.pdf_sha256,
        page_count=row.page_count,
        signature_box=SignatureBox(int(page), x1, y1, x2, y2),
        office_code=row.office_code,
        workstation=row.workstation,
        created_at=row.created_at,
        created_by=row.created_by,
        registry_number=row.registry_number,
        supersedes_uid=row.supersedes_uid,
        correction_reason=row.correction_reason,
        request_uid=row.request_uid,
        request=decode(RequestInfo, json.loads(row.request_json)) if row.request_json else None,
        search=decode(SearchScope, json.loads(row.search_json)) if row.search_json else None,
        issued_on=row.issued_on,
        finalised_at=row.finalised_at,
        finalised_by=row.finalised_by,
    )


class SqlCertificateRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, cert: StoredCertificate) -> None:
        row = Certificate()
        _to_row(cert, row)
        self._s.add(row)
        self._s.flush()

    def get(self, uid: str) -> StoredCertificate | None:
        row = self._s.get(Certificate, uid)
        return _from_row(row) if row is not None else None

    def save(self, cert: StoredCertificate) -> None:
        row = self._s.get(Certificate, cert.uid)
        if row is None:
            raise CertificateRefused([Issue(IssueCode.NOT_FOUND, detail={"uid": cert.uid})])
        if row.status == CertificateStatus.FINAL.value:
            raise CertificateRefused(
                [
                    Issue(
                        IssueCode.IMMUTABLE, detail={"uid": cert.uid, "number": row.registry_number}
                    )
                ]
            )
        _to_row(cert, row)
        self._s.flush()

    def successor(self, uid: str) -> str | None:
        return self._s.execute(
            select(Certificate.uid).where(Certificate.supersedes_uid == uid)
        ).scalar_one_or_none()

    def find(self, registry_number: str) -> list[StoredCertificate]:
        rows = self._s.scalars(
            select(Certificate)
            .where(Certificate.registry_number == registry_number)
            .order_by(Certificate.version)
        )
        return [_from_row(r) for r in rows]

    def summaries(
        self,
        status: CertificateStatus | None = None,
        cert_type: CertificateType | None = None,
        limit: int = 200,
    ) -> list[CertificateSummary]:
        c = Certificate
        nxt = aliased(Certificate)
        stmt = (
            select(
                c.uid,
                c.registry_number,
                c.version,
                c.cert_type,
                c.languages,
                c.status,
                nxt.uid,
                c.subject_name,
                c.request_json,
                c.created_at,
                c.issued_on,
                c.warnings,
            )
            .outerjoin(
                nxt, (nxt.supersedes_uid == c.uid) & (nxt.status == CertificateStatus.FINAL.value)
            )
            .order_by(c.created_at.desc(), c.uid.desc())
            .limit(limit)
        )
        if status is not None:
            stmt = stmt.where(c.status == status.value)
        if cert_type is not None:
            stmt = stmt.where(c.cert_type == cert_type.value)
        out: list[CertificateSummary] = []
        for row in self._s.execute(stmt):
            request = json.loads(row[8]) if row[8] else {}
            out.append(
                CertificateSummary(
                    uid=row[0],
                    registry_number=row[1],
                    version=row[2],
                    type=CertificateType(row[3]),
                    languages=tuple(row[4].split(",")),
                    status=CertificateStatus(row[5]),
                    superseded_by=row[6],
                    subject_name=row[7],
                    request_number=request.get("registration_number"),
                    created_at=row[9],
                    issued_on=row[10],
                    warnings=tuple(json.loads(row[11])),
                )
            )
        return out


def _date(text: str | None) -> PartialDate | None:
    return PartialDate.parse_iso(text) if text else None


class SqlSourceReader:
    """Loads person records with their archive / fonds / inventory / file and payroll months."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def load(self, record_ids: Sequence[str]) -> list[SourceRecord]:
        ids = list(dict.fromkeys(record_ids))
        rows: dict[str, object] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            stmt = (
                select(
                    _REC,
                    _ARCH.c.code.label("a_code"),
                    _ARCH.c.name.label("a_name"),
                    _FONDS.c.number.label("f_number"),
                    _FONDS.c.title.label("f_title"),
                    _INV.c.number.label("i_number"),
                    _FILE.c.number.label("u_number"),
                    _FILE.c.title.label("u_title"),
                )
                .join(_FILE, _FILE.c.id == _REC.c.file_unit_id)
                .join(_INV, _INV.c.id == _FILE.c.inventory_id)
                .join(_FONDS, _FONDS.c.id == _INV.c.fonds_id)
                .join(_ARCH, _ARCH.c.id == _FONDS.c.archive_id)
                .where(_REC.c.record_id.in_(chunk))
            )
            for row in self._s.execute(stmt):
                rows[row.record_id] = row
        payroll: dict[int, list[PayMonth]] = {}
        pks = [r.id for r in rows.values()]  # type: ignore[attr-defined]
        for start in range(0, len(pks), 500):
            stmt = (
                select(_PAY)
                .where(_PAY.c.person_record_id.in_(pks[start : start + 500]))
                .order_by(_PAY.c.person_record_id, _PAY.c.pay_year, _PAY.c.pay_month)
            )
            for p in self._s.execute(stmt):
                payroll.setdefault(p.person_record_id, []).append(
                    PayMonth(p.pay_year, p.pay_month, p.amount, p.currency, p.sheet)
                )
        out: list[SourceRecord] = []
        for rid in ids:
            r = rows.get(rid)
            if r is None:
                continue
            out.append(self._record(r, payroll.get(r.id, [])))  # type: ignore[attr-defined]
        return out

    @staticmethod
    def _record(r, payroll: list[PayMonth]) -> SourceRecord:  # type: ignore[no-untyped-def]
        return SourceRecord(
            record_id=r.record_id,
            record_type=r.record_type,
            citation=Citation(
                archive_code=r.a_code,
                archive_name=r.a_name,
                fonds=r.f_number,
                fonds_title=r.f_title,
                inventory=r.i_number,
                file=r.u_number,
                file_title=r.u_title,
                sheets=r.sheets,
            ),
            surname=r.surname,
            given_name=r.given_name,
            patronymic=r.patronymic,
            maiden_name=r.maiden_name,
            gender=r.gender,
            birth_date=_date(r.birth_date),
            enterprise=r.enterprise,
            position=r.position,
            hired_date=_date(r.hired_date),
            hired_order=r.hired_order,
            dismissed_date=_date(r.dismissed_date),
            dismissed_order=r.dismissed_order,
            event_date=_date(r.event_date),
            event_place=r.event_place,
            spouse_name=r.spouse_name,
            address=r.address,
            resided_from=_date(r.resided_from),
            resided_to=_date(r.resided_to),
            note=r.note,
            payroll=tuple(payroll),
        )
