"""The built, language-neutral content of a certificate: what the renderer prints.

Dates stay partial dates, amounts stay Decimals with their currency codes, and wording is
left to the per-language templates. A draft keeps this content (as JSON, see codec.py) so
that the certificate finalised is exactly the one the clerk reviewed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from clerk_app.core.certificates.sources import Citation, Subject
from clerk_app.core.certificates.types import CertificateType, Issue
from clerk_app.core.records import PartialDate


class EmploymentBasis(StrEnum):
    PERSONNEL = "personnel"  # personnel card, hiring and dismissal orders
    PAYROLL = "payroll"  # only the payroll ledger shows the work


@dataclass(frozen=True)
class EmploymentEntry:
    record_id: str
    basis: EmploymentBasis
    enterprise: str | None
    position: str | None
    start: PartialDate | None
    end: PartialDate | None
    start_order: str | None
    end_order: str | None
    note: str | None
    citation: Citation
    name_as_written: str | None = None  # set when it differs from the subject's name


class CellState(StrEnum):
    PAID = "paid"  # an amount is recorded (0 included)
    MISSING = "missing"  # inside the account's period, but the ledger has no entry
    OUTSIDE = "outside"  # before the first or after the last month of the account


@dataclass(frozen=True)
class SalaryCell:
    state: CellState
    amount: Decimal | None = None
    currency: str | None = None


@dataclass(frozen=True)
class SalaryYear:
    year: int
    cells: tuple[SalaryCell, ...]  # twelve, January first
    totals: tuple[tuple[str, Decimal], ...]  # per currency, in order of first use
    sheets: str  # sheets of the ledger that hold this year

    @property
    def currencies(self) -> tuple[str, ...]:
        return tuple(c for c, _ in self.totals)


@dataclass(frozen=True)
class SalaryGrid:
    """One enterprise's payroll months, merged over the ledger accounts the clerk picked."""

    enterprise: str | None
    position: str | None
    years: tuple[SalaryYear, ...]
    citations: tuple[Citation, ...]
    record_ids: tuple[str, ...]
    missing: tuple[tuple[int, int], ...]  # (year, month) inside the period without an entry
    notes: tuple[str, ...]  # denomination note keys, see rules.denomination_notes
    name_as_written: str | None = None


class CivilKind(StrEnum):
    BIRTH = "birth"
    MARRIAGE = "marriage"
    DEATH = "death"


@dataclass(frozen=True)
class CivilEvent:
    record_id: str
    kind: CivilKind
    date: PartialDate | None
    place: str | None
    name_as_written: str
    birth_date: PartialDate | None
    spouse_name: str | None
    maiden_name: str | None
    note: str | None
    citation: Citation


@dataclass(frozen=True)
class ResidenceEntry:
    record_id: str
    address: str | None
    start: PartialDate | None
    end: PartialDate | None
    note: str | None
    citation: Citation
    name_as_written: str | None = None


@dataclass(frozen=True)
class SearchScope:
    """For an information letter: where was searched and over which years."""

    places: tuple[str, ...]
    period_from: int | None = None
    period_to: int | None = None
    name_forms: tuple[str, ...] = ()


@dataclass(frozen=True)
class CertificateContent:
    type: CertificateType
    subject: Subject
    record_ids: tuple[str, ...] = ()
    fonds: tuple[Citation, ...] = ()  # one citation per distinct fonds, for the opening line
    employment: tuple[EmploymentEntry, ...] = ()
    salary: tuple[SalaryGrid, ...] = ()
    civil: tuple[CivilEvent, ...] = ()
    residence: tuple[ResidenceEntry, ...] = ()
    search: SearchScope | None = None
    warnings: tuple[Issue, ...] = field(default=())
