"""Request register service: every change is one unit of work that also writes its history.

The registration number and the history entry are written in the same transaction as the
request, so a failed registration leaves neither a request nor a gap in the numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from uuid6 import uuid7

from clerk_app.core.numbering import Register, RegistryNumber
from clerk_app.core.ports import UnitOfWork
from clerk_app.core.requests import (
    LegalRegime,
    NewRequest,
    Request,
    RequestDetail,
    RequestEvent,
    RequestFilter,
    RequestStatus,
    RequestValidationError,
    extended_deadline,
    legal_deadline,
    validate,
)


class RequestNotFound(LookupError):
    pass


class UnknownRecords(ValueError):
    """Archive record ids that do not exist (nothing was linked)."""

    def __init__(self, record_ids: list[str]) -> None:
        super().__init__(", ".join(record_ids))
        self.record_ids = record_ids


@dataclass(frozen=True)
class Office:
    """Who issues numbers: the office and the workstation, and the office's legal regime."""

    office_code: str
    workstation: str
    regime: LegalRegime


def _now() -> datetime:
    return datetime.now(UTC)


class RequestService:
    def __init__(
        self,
        uow_factory: Callable[[], UnitOfWork],
        office: Office,
        actor: str,
        clock: Callable[[], datetime] = _now,
    ) -> None:
        self._uow = uow_factory
        self._office = office
        self._actor = actor
        self._clock = clock

    def today(self) -> date:
        return self._clock().astimezone().date()

    # -- writes ---------------------------------------------------------------------
    def register(self, new: NewRequest, uow: UnitOfWork | None = None) -> Request:
        """Register a request. Pass `uow` to join a caller's transaction (the exchange inbox
        registers a partner's request together with the message); it is then not committed."""
        if uow is not None:
            return self._register(new, uow)
        with self._uow() as own:
            request = self._register(new, own)
            own.commit()
        return request

    def _register(self, new: NewRequest, uow: UnitOfWork) -> Request:
        now = self._clock()
        today = now.astimezone().date()
        errors = validate(new, today)
        if errors:
            raise RequestValidationError(errors)
        serial = uow.counters.next_value(Register.REQUEST, today.year, self._office.workstation)
        number = RegistryNumber(
            self._office.office_code, today.year, self._office.workstation, serial
        )
        request = Request(
            uid=str(uuid7()),
            reg_number=str(number),
            registered_on=today,
            registered_at=now,
            regime=self._office.regime,
            applicant=replace(
                new.applicant,
                name=new.applicant.name.strip(),
                email=(new.applicant.email or "").strip() or None,
            ),
            subject=new.subject,
            person_name=new.person_name.strip(),
            person_birth_date=new.person_birth_date,
            person_other_names=new.person_other_names,
            period_from=new.period_from,
            period_to=new.period_to,
            languages=tuple(new.languages),
            channel=new.channel,
            received_on=new.received_on or today,
            partner_org=new.partner_org,
            partner_case_number=new.partner_case_number,
            description=new.description,
            deadline=new.deadline or legal_deadline(today, self._office.regime),
            assignee=new.assignee,
            created_by=self._actor,
            updated_at=now,
        )
        uow.requests.add(request)
        self._event(uow, request, "registered", to_status=request.status)
        return request

    def change_status(
        self,
        uid: str,
        wanted: RequestStatus,
        reason: str | None = None,
        forwarded_to: str | None = None,
        uow: UnitOfWork | None = None,
    ) -> Request:
        """Move a request along its statuses. Pass `uow` to join a caller's transaction (the
        exchange outbox writes its message in the same one); it is then not committed here."""

        def apply(u: UnitOfWork) -> Request:
            request = self._load(u, uid)
            request.check_transition(wanted, reason, forwarded_to)
            before = request.status
            request.status = wanted
            request.status_reason = (reason or "").strip() or None
            if forwarded_to:
                request.forwarded_to = forwarded_to.strip()
            self._save(u, request)
            detail: dict[str, object] = {}
            if request.status_reason:
                detail["reason"] = request.status_reason
            if forwarded_to:
                detail["forwarded_to"] = request.forwarded_to
            self._event(u, request, "status", before, wanted, detail)
            return request

        if uow is not None:
            return apply(uow)
        with self._uow() as own:
            request = apply(own)
            own.commit()
        return request

    def assign(self, uid: str, assignee: str | None) -> Request:
        with self._uow() as uow:
            request = self._load(uow, uid)
            before = request.assignee
            request.assignee = (assignee or "").strip() or None
            self._save(uow, request)
            self._event(uow, request, "assigned", detail={"from": before, "to": request.assignee})
            uow.commit()
        return request

    def extend_deadline(self, uid: str, days: int, notice: str) -> Request:
        with self._uow() as uow:
            request = self._load(uow, uid)
            new_deadline = extended_deadline(request, days, notice)
            request.extended_deadline = new_deadline
            request.extension_notice = notice.strip()
            self._save(uow, request)
            self._event(
                uow,
                request,
                "extended",
                detail={
                    "days": days,
                    "deadline": request.deadline.isoformat(),
                    "extended_deadline": new_deadline.isoformat(),
                    "notice": request.extension_notice,
                },
            )
            uow.commit()
        return request

    def add_records(self, uid: str, record_ids: Sequence[str]) -> list[str]:
        """Collect archive records for the certificate; returns the newly linked ids."""
        ids = list(dict.fromkeys(r.strip() for r in record_ids if r.strip()))
        with self._uow() as uow:
            request = self._load(uow, uid)
            known = uow.requests.known_record_ids(ids)
            missing = [r for r in ids if r not in known]
            if missing:
                raise UnknownRecords(missing)
            added = uow.requests.add_records(uid, ids, self._clock(), self._actor)
            if added:
                self._save(uow, request)
                self._event(uow, request, "records_added", detail={"record_ids": added})
            uow.commit()
        return added

    def remove_records(self, uid: str, record_ids: Sequence[str]) -> list[str]:
        with self._uow() as uow:
            request = self._load(uow, uid)
            removed = uow.requests.remove_records(uid, list(record_ids))
            if removed:
                self._save(uow, request)
                self._event(uow, request, "records_removed", detail={"record_ids": removed})
            uow.commit()
        return removed

    # -- reads ----------------------------------------------------------------------
    def get(self, uid_or_number: str) -> RequestDetail:
        with self._uow() as uow:
            request = self._load(uow, uid_or_number)
            return RequestDetail(request, uow.requests.events(request.uid))

    def list(self, flt: RequestFilter | None = None) -> list[Request]:
        with self._uow() as uow:
            return uow.requests.list(flt or RequestFilter(), self.today())

    # -- helpers --------------------------------------------------------------------
    def _load(self, uow: UnitOfWork, uid_or_number: str) -> Request:
        request = uow.requests.get(uid_or_number) or uow.requests.get_by_number(uid_or_number)
        if request is None:
            raise RequestNotFound(uid_or_number)
        return request

    def _save(self, uow: UnitOfWork, request: Request) -> None:
        request.updated_at = self._clock()
        uow.requests.save(request)

    def _event(
        self,
        uow: UnitOfWork,
        request: Request,
        kind: str,
        from_status: RequestStatus | None = None,
        to_status: RequestStatus | None = None,
        detail: dict[str, object] | None = None,
    ) -> None:
        uow.requests.add_event(
            RequestEvent(
                uid=str(uuid7()),
                request_uid=request.uid,
                at=self._clock(),
                actor=self._actor,
                kind=kind,
                from_status=from_status,
                to_status=to_status,
                detail=detail or {},
            )
        )
