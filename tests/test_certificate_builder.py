"""The certificate builder (pure core): grouping, chronology, salary grid, refusals, codec."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from clerk_app.core.certificates.builder import build_content
from clerk_app.core.certificates.codec import content_from_json, content_to_json
from clerk_app.core.certificates.content import CellState, EmploymentBasis, SearchScope
from clerk_app.core.certificates.rules import denomination_notes
from clerk_app.core.certificates.sources import PayMonth, Subject
from clerk_app.core.certificates.types import (
    CertificateRefused,
    CertificateType,
    IssueCode,
    parse_languages,
)
from clerk_app.core.records import PartialDate as P
from tests.cert_samples import CIVIL, KROON_CHANGE, PERSONNEL, POWER, RESIDENCE, payroll

T = CertificateType


def _refusal(cert_type: CertificateType, records, **kw) -> CertificateRefused:  # type: ignore[no-untyped-def]
    with pytest.raises(CertificateRefused) as info:
        build_content(cert_type, records, **kw)
    return info.value


def test_employment_in_chronological_order_with_names_as_written() -> None:
    c = build_content(T.EMPLOYMENT, PERSONNEL, requested_ids=["P2", "P1"])
    assert [e.record_id for e in c.employment] == ["P1", "P2"]  # 1966 before 1975
    # the subject is the first record the clerk picked; the other spelling is kept per line
    assert c.subject == Subject("Štšerbakov Pjotr", P(1948, 3, 2))  # most precise birth date
    assert c.employment[0].name_as_written == "Щербаков Пётр Сергеевич"
    assert c.employment[1].name_as_written is None
    assert [f.fonds for f in c.fonds] == ["Р-45", "R-210"]
    codes = [(w.code, w.record_id) for w in c.warnings]
    assert (IssueCode.NAME_FORMS_DIFFER, None) in codes
    assert (IssueCode.DATE_MISSING, "P2") in codes  # no dismissal date: stated, not dropped
    assert IssueCode.BIRTH_DATES_DIFFER not in [w.code for w in c.warnings]  # 1948 fits 1948-03-02


def test_employment_takes_payroll_as_evidence_of_a_period() -> None:
    c = build_content(T.EMPLOYMENT, [payroll()])
    (entry,) = c.employment
    assert entry.basis is EmploymentBasis.PAYROLL
    assert (entry.start, entry.end) == (P(1978, 3), P(1978, 12))


def test_salary_grid_states_missing_and_outside_months() -> None:
    months = [(1978, m, "120.50", "SUR") for m in range(3, 13) if m != 6]
    c = build_content(T.SALARY, [payroll(months=months)])
    (grid,) = c.salary
    (year,) = grid.years
    states = [cell.state for cell in year.cells]
    assert states[:2] == [CellState.OUTSIDE] * 2
    assert states[5] is CellState.MISSING
    assert states.count(CellState.PAID) == 9
    assert year.totals == (("SUR", Decimal("1084.50")),)
    assert grid.missing == ((1978, 6),)
    (warning,) = [w for w in c.warnings if w.code is IssueCode.PAYROLL_MONTH_MISSING]
    assert warning.detail["months"] == ["1978-06"]
    assert grid.notes == ("sur",)


def test_salary_merges_ledgers_of_one_enterprise_and_totals_per_currency() -> None:
    first = payroll("L1", KROON_CHANGE[:6])
    second = payroll("L2", KROON_CHANGE[5:])  # overlaps one identical month
    c = build_content(T.SALARY, [second, first])
    (grid,) = c.salary
    assert grid.record_ids == ("L2", "L1")
    assert [y.year for y in grid.years] == [1991, 1992]
    y1992 = grid.years[1]
    assert y1992.totals == (("SUR", Decimal("1500.00")), ("EEK", Decimal("7503.00")))
    assert y1992.cells[2].state is CellState.MISSING
    assert grid.notes == ("sur", "eek", "mixed_year")


def test_salary_keeps_enterprises_apart_in_time_order() -> None:
    later = payroll("L9", [(1985, 1, "200.00", "SUR")], citation=POWER, enterprise="Elektrijaam")
    c = build_content(T.SALARY, [later, payroll()])
    assert [g.enterprise for g in c.salary] == ["Кренгольмская мануфактура", "Elektrijaam"]


def test_denomination_notes_follow_the_currencies_and_years() -> None:
    def months(*items: tuple[int, str]) -> list[PayMonth]:
        return [PayMonth(y, 1, Decimal(1), c) for y, c in items]

    assert denomination_notes(months((1958, "RUB"), (1962, "SUR"))) == ("rub_1947", "sur")
    assert denomination_notes(months((1995, "RUB"), (1999, "RUB"))) == ("rub_1992", "rub_1998")
    assert denomination_notes(months((2011, "EUR"))) == ("eur",)


@pytest.mark.parametrize(
    ("cert_type", "records", "code"),
    [
        (T.SALARY, [], IssueCode.NO_RECORDS),
        (T.SALARY, [PERSONNEL[0]], IssueCode.WRONG_RECORD_TYPE),
        (T.CIVIL_STATUS, RESIDENCE, IssueCode.WRONG_RECORD_TYPE),
        (T.SALARY, [payroll(months=[(1993, 1, "10.00", "LVL")])], IssueCode.UNKNOWN_CURRENCY),
        (T.SALARY, [replace(payroll(), payroll=())], IssueCode.PAYROLL_EMPTY),
        (T.EMPLOYMENT, [replace(payroll(), payroll=())], IssueCode.PAYROLL_EMPTY),
    ],
)
def test_refusals_name_the_reason(cert_type, records, code) -> None:  # type: ignore[no-untyped-def]
    assert code in _refusal(cert_type, records).codes


def test_unknown_currency_refusal_names_record_currency_and_months() -> None:
    bad = payroll(months=[(1993, 1, "10.00", "LVL"), (1993, 2, "10.00", "LVL")])
    (issue,) = _refusal(T.SALARY, [bad]).issues
    assert issue.record_id == "L1"
    assert issue.detail["currency"] == "LVL"
    assert issue.detail["months"] == ["1993-01", "1993-02"]


def test_conflicting_payroll_months_are_refused_not_summed() -> None:
    a = payroll("L1", [(1978, 3, "120.50", "SUR")])
    b = payroll("L2", [(1978, 3, "99.00", "SUR")])
    (issue,) = _refusal(T.SALARY, [a, b]).issues
    assert issue.code is IssueCode.PAYROLL_MONTH_CONFLICT
    assert issue.detail["records"] == ["L1", "L2"]


def test_every_unknown_record_is_reported_at_once() -> None:
    refusal = _refusal(T.EMPLOYMENT, PERSONNEL, requested_ids=["P1", "X1", "P2", "X2"])
    assert [(i.code, i.record_id) for i in refusal.issues] == [
        (IssueCode.UNKNOWN_RECORD, "X1"),
        (IssueCode.UNKNOWN_RECORD, "X2"),
    ]


def test_civil_and_residence_order_and_gaps() -> None:
    civil = build_content(T.CIVIL_STATUS, CIVIL)
    assert [e.kind.value for e in civil.civil] == ["marriage", "birth"]
    assert IssueCode.BIRTH_DATES_DIFFER in [w.code for w in civil.warnings]
    homes = build_content(T.RESIDENCE, RESIDENCE)
    assert [h.record_id for h in homes.residence] == ["R1", "R2"]
    assert [(w.code, w.record_id) for w in homes.warnings] == [
        (IssueCode.RESIDENCE_END_UNKNOWN, "R2")
    ]


def test_negative_answer_needs_person_and_scope_and_no_records() -> None:
    scope = SearchScope(("fond R-45, nimistu 1, 1950–1970",), 1950, 1970)
    person = Subject("Ivanova Natalja", P(1951))
    c = build_content(T.NEGATIVE, [], subject=person, search=scope)
    assert c.search == scope and c.subject == person and c.record_ids == ()
    codes = _refusal(T.NEGATIVE, [PERSONNEL[0]], subject=None, search=None).codes
    assert set(codes) == {
        IssueCode.RECORDS_ON_NEGATIVE,
        IssueCode.NO_SEARCH_SCOPE,
        IssueCode.NO_SUBJECT,
    }
    blank = SearchScope(("  ",))
    assert _refusal(T.NEGATIVE, [], subject=person, search=blank).codes == [
        IssueCode.NO_SEARCH_SCOPE
    ]


def test_content_survives_json() -> None:
    for content in (
        build_content(T.SALARY, [payroll("L1", KROON_CHANGE)]),
        build_content(T.EMPLOYMENT, PERSONNEL),
        build_content(T.CIVIL_STATUS, CIVIL),
        build_content(T.RESIDENCE, RESIDENCE),
        build_content(
            T.NEGATIVE, [], subject=Subject("X"), search=SearchScope(("a",), None, 1990, ("X",))
        ),
    ):
        assert content_from_json(content_to_json(content)) == content


@pytest.mark.parametrize(
    ("given", "expected"),
    [("et,ru", ("et", "ru")), (" RU ", ("ru",)), (["lv", "en"], ("lv", "en"))],
)
def test_languages(given, expected) -> None:  # type: ignore[no-untyped-def]
    assert parse_languages(given) == expected


@pytest.mark.parametrize("given", ["", "et,et", "et,ru,lv", "de", "et,fi"])
def test_bad_languages_are_refused(given: str) -> None:
    with pytest.raises(CertificateRefused) as info:
        parse_languages(given)
    assert info.value.codes == [IssueCode.BAD_LANGUAGES]
