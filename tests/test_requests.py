"""Request register: deadlines, validation, statuses, numbers, history on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from factories import PEOPLE
from sqlalchemy import Engine, func, select

from clerk_app.cli import main
from clerk_app.core.calendar import add_months, is_working_day, next_working_day
from clerk_app.core.numbering import RegistryNumber
from clerk_app.core.ports import ConcurrentEdit
from clerk_app.core.requests import (
    Applicant,
    DeadlineState,
    ExtensionError,
    LegalRegime,
    NewRequest,
    RequestChannel,
    RequestError,
    RequestFilter,
    RequestStatus,
    RequestSubject,
    RequestValidationError,
    TransitionError,
    legal_deadline,
)
from clerk_app.core.services.import_records import import_records
from clerk_app.core.services.requests import Office, RequestService, UnknownRecords
from clerk_app.store import models
from clerk_app.store.uow import SqlUnitOfWork

# -- pure rules ----------------------------------------------------------------------------


def test_calendar_knows_each_countrys_holidays() -> None:
    assert not is_working_day(date(2026, 2, 24), "EE")  # Independence Day
    assert is_working_day(date(2026, 2, 24), "RU")
    assert not is_working_day(date(2026, 1, 7), "RU")  # Orthodox Christmas
    assert not is_working_day(date(2026, 11, 18), "LV")  # Proclamation Day
    assert not is_working_day(date(2026, 12, 5), "EE")  # Saturday
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)


@pytest.mark.parametrize(
    ("registered", "regime", "expected"),
    [
        (date(2026, 3, 10), LegalRegime.RU, date(2026, 4, 9)),  # 30 days, a Thursday
        (date(2026, 3, 10), LegalRegime.EE, date(2026, 4, 10)),  # one month, a Friday
        # one month from 1 December is 1 January (holiday), then a weekend: 4 January
        (date(2026, 12, 1), LegalRegime.EE, date(2027, 1, 4)),
        # 30 days from 10 Dec 2026 = 9 Jan 2027: RU New Year holidays and weekend → 11 Jan
        (date(2026, 12, 10), LegalRegime.RU, date(2027, 1, 11)),
        (date(2026, 10, 18), LegalRegime.LV, date(2026, 11, 19)),  # 18 Nov is a holiday
    ],
)
def test_legal_deadline(registered: date, regime: LegalRegime, expected: date) -> None:
    assert legal_deadline(registered, regime) == expected
    assert next_working_day(expected, regime.country) == expected


def _new(**changes: object) -> NewRequest:
    base: dict[str, object] = {
        "applicant": Applicant("Tamara Ivanova", address="Ivangorod, Gagarina 1, 188490"),
        "subject": RequestSubject.SALARY,
        "person_name": "Иванова Тамара",
        "period_from": 1975,
        "period_to": 1980,
        "languages": ("ru", "et"),
    }
    base.update(changes)
    return NewRequest(**base)  # type: ignore[arg-type]


# -- the service on a real database --------------------------------------------------------


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 3, 10, 9, 0, tzinfo=UTC))


@pytest.fixture
def service(engine: Engine, clock: Clock) -> RequestService:
    office = Office("NRV", "W3", LegalRegime.EE)
    return RequestService(lambda: SqlUnitOfWork(engine), office, "kask", clock)


def test_register_numbers_deadline_and_history(service: RequestService) -> None:
    first = service.register(_new())
    second = service.register(_new(applicant=Applicant("Jüri Põldmaa", email="j@example.ee")))
    assert RegistryNumber.parse(first.reg_number) == RegistryNumber("NRV", 2026, "W3", 1)
    assert second.reg_number == "NRV-2026-W3-00002"
    assert first.deadline == date(2026, 4, 10)
    detail = service.get(first.reg_number)
    assert detail.request.applicant.name == "Tamara Ivanova"
    assert detail.request.languages == ("ru", "et")
    assert [e.kind for e in detail.events] == ["registered"]
    assert detail.events[0].actor == "kask"


def test_failed_registration_leaves_no_gap(service: RequestService, engine: Engine) -> None:
    service.register(_new())
    with pytest.raises(RequestValidationError):
        service.register(_new(applicant=Applicant("")))
    third = service.register(_new())
    assert third.reg_number.endswith("-00002")  # the refused one used no number
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(models.Request)).scalar() == 2


def test_validation_names_every_bad_field(service: RequestService) -> None:
    with pytest.raises(RequestValidationError) as err:
        service.register(
            _new(
                applicant=Applicant(" ", email="not-an-email"),
                languages=("ru", "de"),
                period_from=1990,
                period_to=1980,
                deadline=date(2026, 3, 1),
                received_on=date(2026, 3, 11),
                channel=RequestChannel.PARTNER,
            )
        )
    e = err.value
    assert e.for_field("applicant.name") == [RequestError.REQUIRED]
    assert e.for_field("applicant.email") == [RequestError.INVALID_EMAIL]
    assert e.for_field("languages") == [RequestError.UNKNOWN_LANGUAGE]
    assert e.for_field("period_to") == [RequestError.PERIOD_ORDER]
    assert e.for_field("deadline") == [RequestError.DEADLINE_BEFORE_REGISTRATION]
    assert e.for_field("received_on") == [RequestError.RECEIVED_AFTER_REGISTRATION]
    assert e.for_field("partner_case_number") == [RequestError.REQUIRED]


def test_status_flow_with_reasons_and_history(service: RequestService) -> None:
    r = service.register(_new())
    with pytest.raises(TransitionError) as bad:
        service.change_status(r.uid, RequestStatus.SENT)
    assert bad.value.code == "not_allowed"
    with pytest.raises(TransitionError) as no_reason:
        service.change_status(r.uid, RequestStatus.REFUSED)
    assert no_reason.value.code == "reason_required"
    for status in (
        RequestStatus.IN_SEARCH,
        RequestStatus.CERTIFICATE_PREPARED,
        RequestStatus.SIGNED,
        RequestStatus.SENT,
        RequestStatus.DELIVERED,
    ):
        service.change_status(r.uid, status)
    detail = service.get(r.uid)
    assert detail.request.status is RequestStatus.DELIVERED
    assert [(e.from_status, e.to_status) for e in detail.events[1:]] == [
        (RequestStatus.REGISTERED, RequestStatus.IN_SEARCH),
        (RequestStatus.IN_SEARCH, RequestStatus.CERTIFICATE_PREPARED),
        (RequestStatus.CERTIFICATE_PREPARED, RequestStatus.SIGNED),
        (RequestStatus.SIGNED, RequestStatus.SENT),
        (RequestStatus.SENT, RequestStatus.DELIVERED),
    ]
    assert detail.request.row_version == 6  # one bump per saved change
    assert detail.request.deadline_state(date(2030, 1, 1)) is DeadlineState.CLOSED


def test_forwarding_needs_a_target(service: RequestService) -> None:
    r = service.register(_new())
    with pytest.raises(TransitionError) as err:
        service.change_status(r.uid, RequestStatus.FORWARDED, reason="Not our fonds")
    assert err.value.code == "target_required"
    done = service.change_status(
        r.uid, RequestStatus.FORWARDED, reason="Not our fonds", forwarded_to="Rahvusarhiiv"
    )
    assert done.forwarded_to == "Rahvusarhiiv"
    assert service.get(r.uid).events[-1].detail == {
        "reason": "Not our fonds",
        "forwarded_to": "Rahvusarhiiv",
    }


def test_deadline_states_and_extension(service: RequestService, clock: Clock) -> None:
    r = service.register(_new())  # 2026-03-10, deadline 2026-04-10
    assert r.deadline_state(date(2026, 3, 20)) is DeadlineState.OK
    assert r.deadline_state(date(2026, 4, 6)) is DeadlineState.DUE_SOON
    assert r.deadline_state(date(2026, 4, 13)) is DeadlineState.OVERDUE
    with pytest.raises(ExtensionError) as too_long:
        service.extend_deadline(r.uid, 45, "Letter 12")
    assert too_long.value.code == "too_long"
    extended = service.extend_deadline(r.uid, 30, "Letter 12 sent on 2026-04-01")
    assert extended.extended_deadline == date(2026, 5, 11)  # 10 May is a Sunday
    assert extended.deadline_state(date(2026, 4, 13)) is DeadlineState.OK
    with pytest.raises(ExtensionError) as twice:
        service.extend_deadline(r.uid, 5, "again")
    assert twice.value.code == "already_extended"
    clock.now += timedelta(days=70)  # 2026-05-19: past the extended deadline
    overdue = service.list(RequestFilter(overdue_only=True))
    assert [x.uid for x in overdue] == [r.uid]


def test_list_filters_and_search(service: RequestService) -> None:
    a = service.register(_new())
    b = service.register(
        _new(
            applicant=Applicant("Jüri Põldmaa", phone="+372 5555 5555"),
            person_name="Põldmaa Jüri",
            channel=RequestChannel.PARTNER,
            partner_org="IVG",
            partner_case_number="IVG-2026/77",
            assignee="mets",
        )
    )
    service.change_status(a.uid, RequestStatus.REFUSED, reason="No postal address")
    assert [r.uid for r in service.list(RequestFilter(text="ivg-2026"))] == [b.uid]
    assert [r.uid for r in service.list(RequestFilter(text="JÜRI"))] == [b.uid]
    assert [r.uid for r in service.list(RequestFilter(open_only=True))] == [b.uid]
    assert [r.uid for r in service.list(RequestFilter(assignee="mets"))] == [b.uid]
    refused = service.list(RequestFilter(statuses=frozenset({RequestStatus.REFUSED})))
    assert [r.uid for r in refused] == [a.uid]


def test_collect_records(service: RequestService, engine: Engine) -> None:
    import_records(lambda: SqlUnitOfWork(engine), PEOPLE, source="t", actor="t")
    r = service.register(_new())
    assert service.add_records(r.uid, ["P8", "P2", "P8"]) == ["P8", "P2"]
    assert service.add_records(r.uid, ["P2"]) == []  # nothing new, no history entry
    with pytest.raises(UnknownRecords) as err:
        service.add_records(r.uid, ["P1", "NOPE"])
    assert err.value.record_ids == ["NOPE"]
    assert service.remove_records(r.uid, ["P2"]) == ["P2"]
    detail = service.get(r.uid)
    assert detail.request.record_ids == ["P8"]  # P1 was not linked: all or nothing
    assert [e.kind for e in detail.events] == ["registered", "records_added", "records_removed"]


def test_concurrent_edit_is_detected(service: RequestService, engine: Engine) -> None:
    r = service.register(_new())
    with SqlUnitOfWork(engine) as first, SqlUnitOfWork(engine) as second:
        mine = first.requests.get(r.uid)
        theirs = second.requests.get(r.uid)
        assert mine is not None and theirs is not None
        mine.assignee = "kask"
        first.requests.save(mine)
        first.commit()
        theirs.assignee = "mets"
        with pytest.raises(ConcurrentEdit):
            second.requests.save(theirs)


def test_counters_are_per_device_and_year(engine: Engine) -> None:
    with SqlUnitOfWork(engine) as uow:
        got = [uow.counters.next_value("request", 2026, "W1") for _ in range(3)]
        got.append(uow.counters.next_value("request", 2026, "W2"))
        got.append(uow.counters.next_value("request", 2027, "W1"))
        got.append(uow.counters.next_value("certificate", 2026, "W1"))
        uow.commit()
    assert got == [1, 2, 3, 1, 1, 1]
    with SqlUnitOfWork(engine) as uow:
        uow.counters.next_value("request", 2026, "W1")  # rolled back with the transaction
    with SqlUnitOfWork(engine) as uow:
        assert uow.counters.next_value("request", 2026, "W1") == 4


# -- CLI -------------------------------------------------------------------------------------


def test_cli_register_list_status(clerk_home, capsys) -> None:  # type: ignore[no-untyped-def]
    rc = main(
        ["request", "register", "--applicant", "Tamara Ivanova", "--address",
         "Ivangorod, Gagarina 1, 188490", "--subject", "salary", "--person", "Иванова Тамара",
         "--period-from", "1975", "--period-to", "1980", "--lang", "ru,et", "--json"]
    )  # fmt: skip
    assert rc == 0
    made = json.loads(capsys.readouterr().out)
    assert made["reg_number"].startswith("LOCAL-") and made["status"] == "registered"
    assert main(["request", "status", made["reg_number"], "refused"]) == 1
    assert "needs a reason" in capsys.readouterr().err
    assert main(["request", "status", made["reg_number"], "in_search"]) == 0
    assert main(["request", "register", "--applicant", "", "--subject", "other"]) == 1
    err = capsys.readouterr().err
    assert "applicant.name is required" in err and "contact" in err
    assert main(["request", "register", "--applicant", "X", "--email", "x@y.ee",
                 "--subject", "other", "--received", "13.13.2026"]) == 2  # fmt: skip
    assert "not a date" in capsys.readouterr().err
    capsys.readouterr()
    assert main(["request", "show", made["reg_number"], "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [h["kind"] for h in shown["history"]] == ["registered", "status"]
    assert shown["status"] == "in_search"
