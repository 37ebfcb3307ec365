"""Typed archive records as they travel between import, demo generator, store and search.

These are plain values: the store maps them to tables, the importer and the demo generator
produce them, and nothing here knows about SQL or Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum


class RecordType(StrEnum):
    PERSONNEL = "personnel"  # employee card, hiring/dismissal order
    PAYROLL = "payroll"  # personal account in a payroll ledger (лицевой счёт)
    BIRTH = "birth"
    MARRIAGE = "marriage"
    DEATH = "death"
    RESIDENCE = "residence"


CIVIL_STATUS_TYPES = frozenset({RecordType.BIRTH, RecordType.MARRIAGE, RecordType.DEATH})


class Currency(StrEnum):
    RUB = "RUB"  # pre-1961 rouble and the Russian rouble
    SUR = "SUR"  # Soviet rouble 1961-1991
    EEK = "EEK"
    EUR = "EUR"


class Script(StrEnum):
    CYRILLIC = "cyrl"
    LATIN = "latn"


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def detect_script(*texts: str | None) -> Script:
    """A record is Cyrillic if any of its name fields holds a Cyrillic letter."""
    return Script.CYRILLIC if any(t and _CYRILLIC.search(t) for t in texts) else Script.LATIN


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, month or day, as archives record them."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("day without month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} out of range")
        if self.day is not None and self.month is not None:
            date(self.year, self.month, self.day)  # raises ValueError for 1978-02-30

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @classmethod
    def parse_iso(cls, text: str) -> PartialDate:
        parts = [int(p) for p in text.split("-")]
        return cls(*parts)

    def __str__(self) -> str:
        return self.iso()


@dataclass(frozen=True)
class SheetRange:
    """Sheet numbers of a file (дело) cited for a record: '12', '12-14', '12об.', '3, 5-7'.

    `text` keeps the archivist's notation for certificates; first/last bound it for sorting.
    """

    text: str
    first: int
    last: int


@dataclass(frozen=True)
class ArchivalReference:
    """Where a record sits: archive / fonds / inventory / file / sheets."""

    archive: str  # archive institution code, e.g. "NLA" (Narva city archive)
    fonds: str  # "Р-123" / "R-123"
    inventory: str  # опись / nimistu
    file: str  # дело / säilik
    sheets: SheetRange

    def cite(self) -> str:
        return f"{self.fonds}/{self.inventory}/{self.file}, {self.sheets.text}"


@dataclass(frozen=True)
class PayrollEntry:
    year: int
    month: int
    amount: Decimal
    currency: Currency
    sheet: str | None = None


@dataclass
class PersonRow:
    """One person-bearing record, with everything an import row or the demo generator gives.

    Names are stored as written; `script` is detected when not given. Type-specific fields are
    None when they do not apply. A payroll record carries its monthly entries.
    """

    record_id: str
    record_type: RecordType
    surname: str
    given_name: str | None
    patronymic: str | None
    birth_date: PartialDate | None
    reference: ArchivalReference
    maiden_name: str | None = None
    gender: str | None = None  # "m" / "f"
    script: Script | None = None
    translit_system: str | None = None
    archive_name: str | None = None
    fonds_title: str | None = None
    file_title: str | None = None
    enterprise: str | None = None
    position: str | None = None
    hired_date: PartialDate | None = None
    hired_order: str | None = None
    dismissed_date: PartialDate | None = None
    dismissed_order: str | None = None
    event_date: PartialDate | None = None  # civil-status event
    event_place: str | None = None
    spouse_name: str | None = None
    address: str | None = None  # residence
    resided_from: PartialDate | None = None
    resided_to: PartialDate | None = None
    note: str | None = None
    payroll: list[PayrollEntry] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.script is None:
            self.script = detect_script(
                self.surname, self.given_name, self.patronymic, self.maiden_name
            )
