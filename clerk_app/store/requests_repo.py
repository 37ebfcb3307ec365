"""Request register tables ↔ core Request values, and the per-device number counters."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import Row, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from clerk_app.core.ports import ConcurrentEdit
from clerk_app.core.records import PartialDate
from clerk_app.core.requests import (
    FINAL_STATUSES,
    Applicant,
    LegalRegime,
    Request,
    RequestChannel,
    RequestEvent,
    RequestFilter,
    RequestStatus,
    RequestSubject,
)
from clerk_app.store import models

_REQ = models.Request.__table__
_EV = models.RequestEvent.__table__
_RR = models.RequestRecord.__table__
_CNT = models.RegisterCounter.__table__


def _columns(r: Request) -> dict[str, object]:
    a = r.applicant
    return {
        "uid": r.uid,
        "reg_number": r.reg_number,
        "registered_on": r.registered_on,
        "registered_at": r.registered_at,
        "regime": r.regime.value,
        "applicant_name": a.name,
        "applicant_address": a.address,
        "applicant_phone": a.phone,
        "applicant_email": a.email,
        "applicant_id_document": a.id_document,
        "subject": r.subject.value,
        "person_name": r.person_name,
        "person_birth_date": r.person_birth_date.iso() if r.person_birth_date else None,
        "person_other_names": r.person_other_names,
        "period_from": r.period_from,
        "period_to": r.period_to,
        "languages": ",".join(r.languages),
        "channel": r.channel.value,
        "received_on": r.received_on,
        "partner_org": r.partner_org,
        "partner_case_number": r.partner_case_number,
        "description": r.description,
        "deadline": r.deadline,
        "extended_deadline": r.extended_deadline,
        "extension_notice": r.extension_notice,
        "status": r.status.value,
        "status_reason": r.status_reason,
        "forwarded_to": r.forwarded_to,
        "assignee": r.assignee,
        "created_by": r.created_by,
        "row_version": r.row_version,
        "updated_at": r.updated_at,
    }


def _request(row: Row, record_ids: list[str]) -> Request:  # type: ignore[type-arg]
    m = row._mapping
    return Request(
        uid=m["uid"],
        reg_number=m["reg_number"],
        registered_on=m["registered_on"],
        registered_at=m["registered_at"],
        regime=LegalRegime(m["regime"]),
        applicant=Applicant(
            name=m["applicant_name"],
            address=m["applicant_address"],
            phone=m["applicant_phone"],
            email=m["applicant_email"],
            id_document=m["applicant_id_document"],
        ),
        subject=RequestSubject(m["subject"]),
        person_name=m["person_name"],
        person_birth_date=(
            PartialDate.parse_iso(m["person_birth_date"]) if m["person_birth_date"] else None
        ),
        person_other_names=m["person_other_names"],
        period_from=m["period_from"],
        period_to=m["period_to"],
        languages=tuple(m["languages"].split(",")) if m["languages"] else (),
        channel=RequestChannel(m["channel"]),
        received_on=m["received_on"],
        partner_org=m["partner_org"],
        partner_case_number=m["partner_case_number"],
        description=m["description"],
        deadline=m["deadline"],
        extended_deadline=m["extended_deadline"],
        extension_notice=m["extension_notice"],
        status=RequestStatus(m["status"]),
        status_reason=m["status_reason"],
        forwarded_to=m["forwarded_to"],
        assignee=m["assignee"],
        created_by=m["created_by"],
        row_version=m["row_version"],
        updated_at=m["updated_at"],
        record_ids=record_ids,
    )


class SqlRequestRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, request: Request) -> None:
        self._s.execute(insert(_REQ).values(**_columns(request)))

    def _records(self, uids: Sequence[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {u: [] for u in uids}
        if not uids:
            return out
        rows = self._s.execute(
            select(_RR.c.request_uid, _RR.c.record_id)
            .where(_RR.c.request_uid.in_(list(uids)))
            .order_by(_RR.c.added_at, _RR.c.record_id)
        )
        for uid, record_id in rows:
            out[uid].append(record_id)
        return out

    def _one(self, where) -> Request | None:  # type: ignore[no-untyped-def]
        row = self._s.execute(select(_REQ).where(where)).first()
        if row is None:
            return None
        return _request(row, self._records([row.uid])[row.uid])

    def get(self, uid: str) -> Request | None:
        return self._one(_REQ.c.uid == uid)

    def get_by_number(self, reg_number: str) -> Request | None:
        return self._one(_REQ.c.reg_number == reg_number.strip())

    def save(self, request: Request) -> None:
        values = _columns(request)
        values["row_version"] = request.row_version + 1
        done = self._s.execute(
            update(_REQ)
            .where(_REQ.c.uid == request.uid, _REQ.c.row_version == request.row_version)
            .values(**values)
        )
        if done.rowcount != 1:  # type: ignore[attr-defined]
            raise ConcurrentEdit(request.uid)
        request.row_version += 1

    def add_event(self, event: RequestEvent) -> None:
        self._s.execute(
            insert(_EV).values(
                uid=event.uid,
                request_uid=event.request_uid,
                at=event.at,
                actor=event.actor,
                kind=event.kind,
                from_status=event.from_status.value if event.from_status else None,
                to_status=event.to_status.value if event.to_status else None,
                detail=json.dumps(event.detail, ensure_ascii=False, sort_keys=True),
            )
        )

    def events(self, uid: str) -> list[RequestEvent]:
        rows = self._s.execute(
            select(_EV).where(_EV.c.request_uid == uid).order_by(_EV.c.at, _EV.c.uid)
        )
        return [
            RequestEvent(
                uid=r.uid,
                request_uid=r.request_uid,
                at=r.at,
                actor=r.actor,
                kind=r.kind,
                from_status=RequestStatus(r.from_status) if r.from_status else None,
                to_status=RequestStatus(r.to_status) if r.to_status else None,
                detail=json.loads(r.detail),
            )
            for r in rows
        ]

    def list(self, flt: RequestFilter, today: date) -> list[Request]:
        stmt = select(_REQ)
        if flt.text and flt.text.strip():
            like = f"%{flt.text.strip().casefold()}%"
            fold = func.casefold if self._s.get_bind().dialect.name == "sqlite" else func.lower
            stmt = stmt.where(
                or_(
                    *(
                        fold(col).like(like)
                        for col in (
                            _REQ.c.reg_number,
                            _REQ.c.applicant_name,
                            _REQ.c.person_name,
                            _REQ.c.partner_case_number,
                            _REQ.c.person_other_names,
                        )
                    )
                )
            )
        if flt.statuses:
            stmt = stmt.where(_REQ.c.status.in_(sorted(s.value for s in flt.statuses)))
        if flt.assignee:
            stmt = stmt.where(_REQ.c.assignee == flt.assignee)
        if flt.open_only or flt.overdue_only:
            stmt = stmt.where(_REQ.c.status.not_in(sorted(s.value for s in FINAL_STATUSES)))
        if flt.overdue_only:
            stmt = stmt.where(func.coalesce(_REQ.c.extended_deadline, _REQ.c.deadline) < today)
        stmt = stmt.order_by(
            func.coalesce(_REQ.c.extended_deadline, _REQ.c.deadline), _REQ.c.reg_number
        ).limit(flt.limit)
        rows = self._s.execute(stmt).all()
        records = self._records([r.uid for r in rows])
        return [_request(r, records[r.uid]) for r in rows]

    def add_records(
        self, uid: str, record_ids: Sequence[str], at: datetime, actor: str
    ) -> list[str]:
        have = set(self._records([uid])[uid])
        new = [r for r in dict.fromkeys(record_ids) if r not in have]
        if new:
            self._s.execute(
                insert(_RR),
                [
                    {"request_uid": uid, "record_id": r, "added_at": at, "added_by": actor}
                    for r in new
                ],
            )
        return new

    def remove_records(self, uid: str, record_ids: Sequence[str]) -> list[str]:
        have = set(self._records([uid])[uid])
        gone = [r for r in dict.fromkeys(record_ids) if r in have]
        if gone:
            self._s.execute(delete(_RR).where(_RR.c.request_uid == uid, _RR.c.record_id.in_(gone)))
        return gone

    def known_record_ids(self, record_ids: Sequence[str]) -> set[str]:
        rec = models.PersonRecord.__table__
        out: set[str] = set()
        ids = list(record_ids)
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            out.update(
                self._s.execute(select(rec.c.record_id).where(rec.c.record_id.in_(chunk))).scalars()
            )
        return out


class SqlCounterRepository:
    """An UPSERT that returns the value: atomic on both SQLite and PostgreSQL, and rolled back
    with the caller's transaction, so numbers per device have no gaps."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def next_value(self, register: str, year: int, device: str) -> int:
        dialect = self._s.get_bind().dialect.name
        if dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as dialect_insert
        else:
            from sqlalchemy.dialects.sqlite import insert as dialect_insert
        stmt = dialect_insert(_CNT).values(
            register=register, year=year, device=device, next_value=2
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=["register", "year", "device"],
            set_={"next_value": _CNT.c.next_value + 1},
        ).returning(_CNT.c.next_value)
        return int(self._s.execute(stmt).scalar_one()) - 1
