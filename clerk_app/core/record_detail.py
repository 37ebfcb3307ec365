"""Everything the archive holds about one record, for the detail pane and the certificate.

A search hit carries just enough to list and rank; a RecordDetail has all fields, the titles of
its archive / fonds / file and its payroll months.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class PayrollLine:
    year: int
    month: int
    amount: Decimal
    currency: str
    sheet: str | None


@dataclass(frozen=True)
class RecordDetail:
    record_id: str
    record_type: str
    surname: str
    given_name: str | None
    patronymic: str | None
    maiden_name: str | None
    gender: str | None
    script: str
    translit_system: str | None
    birth_date: str | None  # YYYY[-MM[-DD]]
    archive: str
    archive_name: str | None
    fonds: str
    fonds_title: str | None
    inventory: str
    file: str
    file_title: str | None
    sheets: str
    enterprise: str | None = None
    position: str | None = None
    hired_date: str | None = None
    hired_order: str | None = None
    dismissed_date: str | None = None
    dismissed_order: str | None = None
    event_date: str | None = None
    event_place: str | None = None
    spouse_name: str | None = None
    address: str | None = None
    resided_from: str | None = None
    resided_to: str | None = None
    note: str | None = None
    period_from: int | None = None
    period_to: int | None = None
    payroll: tuple[PayrollLine, ...] = ()

    def citation(self) -> str:
        return f"{self.archive} {self.fonds}/{self.inventory}/{self.file}, {self.sheets}"
