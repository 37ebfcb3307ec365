"""The request register: what a citizen or a partner municipality asks for, its legal deadline,
its status and everything that happened to it.

Pure rules, no storage: validation returns field-level error codes (the UI shows them next to
the field, the CLI names the field), status changes follow an explicit transition table, and
deadlines follow the office's legal regime (domain.md §2–3):

- ru: 30 days from registration; the head may extend once by up to 30 days, with notice.
- ee: one month from registration; the applicant is told of any delay (one extension).
- lv: one month (Iesniegumu likums §5); may be extended with notice (one extension here).

A deadline that falls on a non-working day moves to the next working day of the country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from clerk_app.core.calendar import add_months, next_working_day, working_days_between
from clerk_app.core.records import PartialDate

LANGUAGES = ("et", "ru", "lv", "en")
DUE_SOON_WORKING_DAYS = 5  # "unanswered documents with approaching deadline (5 days)"


class RequestSubject(StrEnum):
    EMPLOYMENT = "employment"
    SALARY = "salary"
    CIVIL_STATUS = "civil_status"
    RESIDENCE = "residence"
    OTHER = "other"


class RequestChannel(StrEnum):
    COUNTER = "counter"
    POST = "post"
    EMAIL = "email"
    PARTNER = "partner"  # a partner municipality, with its own case number


class RequestStatus(StrEnum):
    REGISTERED = "registered"
    IN_SEARCH = "in_search"
    CERTIFICATE_PREPARED = "certificate_prepared"
    SIGNED = "signed"
    SENT = "sent"
    DELIVERED = "delivered"
    REFUSED = "refused"
    FORWARDED = "forwarded"


FINAL_STATUSES = frozenset(
    {RequestStatus.DELIVERED, RequestStatus.REFUSED, RequestStatus.FORWARDED}
)
NEEDS_REASON = frozenset({RequestStatus.REFUSED, RequestStatus.FORWARDED})

S = RequestStatus
TRANSITIONS: dict[RequestStatus, frozenset[RequestStatus]] = {
    S.REGISTERED: frozenset({S.IN_SEARCH, S.REFUSED, S.FORWARDED}),
    S.IN_SEARCH: frozenset({S.CERTIFICATE_PREPARED, S.REFUSED, S.FORWARDED}),
    # back to the search when the prepared certificate needs more records
    S.CERTIFICATE_PREPARED: frozenset({S.SIGNED, S.IN_SEARCH, S.REFUSED}),
    # a signed certificate is sent to a partner or handed over at the counter
    S.SIGNED: frozenset({S.SENT, S.DELIVERED}),
    S.SENT: frozenset({S.DELIVERED}),
    S.DELIVERED: frozenset(),
    S.REFUSED: frozenset(),
    S.FORWARDED: frozenset(),
}


class LegalRegime(StrEnum):
    RU = "ru"
    EE = "ee"
    LV = "lv"

    @property
    def country(self) -> str:
        return self.value.upper()


MAX_EXTENSION_DAYS = {LegalRegime.RU: 30, LegalRegime.EE: 30, LegalRegime.LV: 90}


class DeadlineState(StrEnum):
    OK = "ok"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    CLOSED = "closed"  # final status: the deadline no longer runs


class RequestError(StrEnum):
    """Field-level validation codes (the UI and CLI word them)."""

    REQUIRED = "required"
    INVALID_DATE = "invalid_date"
    FUTURE_DATE = "future_date"
    RECEIVED_AFTER_REGISTRATION = "received_after_registration"
    DEADLINE_BEFORE_REGISTRATION = "deadline_before_registration"
    PERIOD_ORDER = "period_order"
    PERIOD_RANGE = "period_range"
    UNKNOWN_LANGUAGE = "unknown_language"
    CONTACT_REQUIRED = "contact_required"  # a postal address, e-mail or phone
    INVALID_EMAIL = "invalid_email"
    TOO_LONG = "too_long"


@dataclass(frozen=True)
class FieldError:
    field: str
    code: RequestError


class RequestValidationError(ValueError):
    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(", ".join(f"{e.field}: {e.code}" for e in errors))
        self.errors = errors

    def for_field(self, name: str) -> list[RequestError]:
        return [e.code for e in self.errors if e.field == name]


class TransitionError(ValueError):
    """A status change the register does not allow (or one missing its reason)."""

    def __init__(self, current: RequestStatus, wanted: RequestStatus, code: str) -> None:
        super().__init__(f"{current} → {wanted}: {code}")
        self.current = current
        self.wanted = wanted
        self.code = code  # "not_allowed", "reason_required", "target_required"


@dataclass(frozen=True)
class Applicant:
    name: str
    address: str | None = None  # postal address with postcode
    phone: str | None = None
    email: str | None = None
    id_document: str | None = None  # type and number as shown, e.g. "passport 4510 123456"


@dataclass(frozen=True)
class NewRequest:
    """What the clerk types (or the partner's message carries) to register a request."""

    applicant: Applicant
    subject: RequestSubject
    person_name: str  # whose records are sought, as the applicant writes it
    person_birth_date: PartialDate | None = None
    person_other_names: str | None = None  # maiden names, other spellings
    period_from: int | None = None
    period_to: int | None = None
    languages: tuple[str, ...] = ("et",)  # of the certificate: issuer's first, then recipient's
    channel: RequestChannel = RequestChannel.COUNTER
    received_on: date | None = None  # defaults to the registration date
    partner_org: str | None = None
    partner_case_number: str | None = None
    description: str | None = None
    assignee: str | None = None
    deadline: date | None = None  # explicit (e.g. the partner's); default: the legal one


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_LIMITS = {"name": 300, "address": 500, "phone": 60, "email": 200, "id_document": 200}


def validate(new: NewRequest, registered_on: date) -> list[FieldError]:
    errors: list[FieldError] = []

    def err(name: str, code: RequestError) -> None:
        errors.append(FieldError(name, code))

    a = new.applicant
    if not a.name.strip():
        err("applicant.name", RequestError.REQUIRED)
    for attr, limit in _LIMITS.items():
        value = getattr(a, attr)
        if value and len(value) > limit:
            err(f"applicant.{attr}", RequestError.TOO_LONG)
    if not any(v and v.strip() for v in (a.address, a.phone, a.email)):
        err("applicant.contact", RequestError.CONTACT_REQUIRED)
    if a.email and not _EMAIL.match(a.email.strip()):
        err("applicant.email", RequestError.INVALID_EMAIL)
    if not new.person_name.strip():
        err("person_name", RequestError.REQUIRED)
    if new.person_birth_date and new.person_birth_date.year > registered_on.year:
        err("person_birth_date", RequestError.FUTURE_DATE)
    for name, year in (("period_from", new.period_from), ("period_to", new.period_to)):
        if year is not None and not 1800 <= year <= registered_on.year:
            err(name, RequestError.PERIOD_RANGE)
    if (
        new.period_from is not None
        and new.period_to is not None
        and new.period_from > new.period_to
    ):
        err("period_to", RequestError.PERIOD_ORDER)
    if not new.languages:
        err("languages", RequestError.REQUIRED)
    elif any(lang not in LANGUAGES for lang in new.languages):
        err("languages", RequestError.UNKNOWN_LANGUAGE)
    if new.received_on and new.received_on > registered_on:
        err("received_on", RequestError.RECEIVED_AFTER_REGISTRATION)
    if new.deadline and new.deadline < registered_on:
        err("deadline", RequestError.DEADLINE_BEFORE_REGISTRATION)
    if new.channel is RequestChannel.PARTNER:
        if not (new.partner_org or "").strip():
            err("partner_org", RequestError.REQUIRED)
        if not (new.partner_case_number or "").strip():
            err("partner_case_number", RequestError.REQUIRED)
    return errors


def legal_deadline(registered_on: date, regime: LegalRegime) -> date:
    if regime is LegalRegime.RU:
        end = registered_on + timedelta(days=30)
    else:
        end = add_months(registered_on, 1)
    return next_working_day(end, regime.country)


@dataclass
class RequestEvent:
    """One entry of a request's history: nothing about a request changes without one."""

    uid: str
    request_uid: str
    at: datetime
    actor: str
    kind: str  # registered, status, assigned, extended, records_added, records_removed, edited
    from_status: RequestStatus | None = None
    to_status: RequestStatus | None = None
    detail: dict[str, object] = field(default_factory=dict)


@dataclass
class Request:
    uid: str
    reg_number: str
    registered_on: date
    registered_at: datetime
    regime: LegalRegime
    applicant: Applicant
    subject: RequestSubject
    person_name: str
    person_birth_date: PartialDate | None
    person_other_names: str | None
    period_from: int | None
    period_to: int | None
    languages: tuple[str, ...]
    channel: RequestChannel
    received_on: date
    partner_org: str | None
    partner_case_number: str | None
    description: str | None
    deadline: date
    status: RequestStatus = RequestStatus.REGISTERED
    status_reason: str | None = None
    forwarded_to: str | None = None
    extended_deadline: date | None = None
    extension_notice: str | None = None
    assignee: str | None = None
    created_by: str = ""
    row_version: int = 1
    updated_at: datetime | None = None
    record_ids: list[str] = field(default_factory=list)

    @property
    def effective_deadline(self) -> date:
        return self.extended_deadline or self.deadline

    def deadline_state(self, today: date) -> DeadlineState:
        if self.status in FINAL_STATUSES:
            return DeadlineState.CLOSED
        end = self.effective_deadline
        if today > end:
            return DeadlineState.OVERDUE
        if working_days_between(today, end, self.regime.country) <= DUE_SOON_WORKING_DAYS:
            return DeadlineState.DUE_SOON
        return DeadlineState.OK

    def check_transition(
        self, wanted: RequestStatus, reason: str | None, forwarded_to: str | None
    ) -> None:
        if wanted not in TRANSITIONS[self.status]:
            raise TransitionError(self.status, wanted, "not_allowed")
        if wanted in NEEDS_REASON and not (reason or "").strip():
            raise TransitionError(self.status, wanted, "reason_required")
        if wanted is RequestStatus.FORWARDED and not (forwarded_to or "").strip():
            raise TransitionError(self.status, wanted, "target_required")


class ExtensionError(ValueError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code  # "already_extended", "too_long", "not_positive", "notice_required",
        #                   "closed"


def extended_deadline(request: Request, days: int, notice: str) -> date:
    """The new deadline after one extension of `days`, with the notice sent to the applicant."""
    if request.status in FINAL_STATUSES:
        raise ExtensionError("closed")
    if request.extended_deadline is not None:
        raise ExtensionError("already_extended")
    if days <= 0:
        raise ExtensionError("not_positive")
    if days > MAX_EXTENSION_DAYS[request.regime]:
        raise ExtensionError("too_long")
    if not notice.strip():
        raise ExtensionError("notice_required")
    return next_working_day(request.deadline + timedelta(days=days), request.regime.country)


@dataclass(frozen=True)
class RequestFilter:
    text: str | None = None  # registration number, applicant, person or partner case number
    statuses: frozenset[RequestStatus] = frozenset()
    assignee: str | None = None
    open_only: bool = False
    overdue_only: bool = False  # needs `today` in the listing
    limit: int = 500


@dataclass(frozen=True)
class RequestDetail:
    request: Request
    events: list[RequestEvent]
