"""Small builders of PersonRow values for store and search tests."""

from __future__ import annotations

from decimal import Decimal

from clerk_app.core.records import (
    ArchivalReference,
    Currency,
    PartialDate,
    PayrollEntry,
    PersonRow,
    RecordType,
    SheetRange,
)


def person(
    record_id: str,
    surname: str,
    given: str | None = None,
    patronymic: str | None = None,
    born: str | None = None,
    *,
    record_type: RecordType = RecordType.PERSONNEL,
    fonds: str = "Р-45",
    file: str = "12",
    sheets: str = "3",
    enterprise: str | None = "Кренгольмская мануфактура",
    hired: str | None = None,
    payroll: list[PayrollEntry] | None = None,
    **extra: object,
) -> PersonRow:
    first = int(sheets.split("-")[0])
    last = int(sheets.split("-")[-1])
    return PersonRow(
        record_id=record_id,
        record_type=record_type,
        surname=surname,
        given_name=given,
        patronymic=patronymic,
        birth_date=PartialDate.parse_iso(born) if born else None,
        reference=ArchivalReference("NRV", fonds, "1", file, SheetRange(sheets, first, last)),
        archive_name="Narva linnaarhiiv",
        enterprise=enterprise,
        hired_date=PartialDate.parse_iso(hired) if hired else None,
        payroll=payroll or [],
        **extra,  # type: ignore[arg-type]
    )


def month(year: int, m: int, amount: str, currency: Currency = Currency.SUR) -> PayrollEntry:
    return PayrollEntry(year, m, Decimal(amount), currency, sheet=str(m))


PEOPLE = [
    person("P1", "Щербаков", "Пётр", "Сергеевич", "1948-03-02", hired="1970-05-01"),
    person("P2", "Иванова", "Наталья", "Юрьевна", "1951"),
    person("P3", "Пылдмаа", "Юри", None, "1939-11", hired="1962"),
    person("P4", "Калниньш", "Янис", None, "1944-07-12", enterprise="Даугавпилсский ЛРЗ"),
    person("P5", "Štšerbakov", "Pjotr", "Sergejevitš", "1948-03-02", fonds="R-45"),
    person("P6", "Петров", "Иван", "Иванович", "1930"),
    person("P7", "Хрущёв", "Никита", "Сергеевич", "1935", record_type=RecordType.BIRTH),
    person(
        "P8",
        "Тамм",
        "Мари",
        None,
        "1955-01-01",
        record_type=RecordType.PAYROLL,
        payroll=[month(1978, 1, "120.50"), month(1978, 2, "121.00")],
    ),
]
