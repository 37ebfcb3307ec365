"""What a certificate is built from: archive records with their full archival reference, the
payroll months of a ledger account, the request it answers and the person it is about.

Values are kept as the archive wrote them (names, positions, currency codes): the builder
validates, the renderer never guesses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from clerk_app.core.records import PartialDate


@dataclass(frozen=True)
class Citation:
    """archive / fonds / inventory (опись, nimistu) / file (дело, säilik) / sheets."""

    archive_code: str
    archive_name: str | None
    fonds: str
    fonds_title: str | None
    inventory: str
    file: str
    file_title: str | None
    sheets: str


@dataclass(frozen=True)
class PayMonth:
    year: int
    month: int
    amount: Decimal
    currency: str  # as stored; the builder refuses codes it does not know
    sheet: str | None = None


@dataclass(frozen=True)
class SourceRecord:
    """One archive record, loaded in full for a certificate."""

    record_id: str
    record_type: str
    citation: Citation
    surname: str
    given_name: str | None = None
    patronymic: str | None = None
    maiden_name: str | None = None
    gender: str | None = None
    birth_date: PartialDate | None = None
    enterprise: str | None = None
    position: str | None = None
    hired_date: PartialDate | None = None
    hired_order: str | None = None
    dismissed_date: PartialDate | None = None
    dismissed_order: str | None = None
    event_date: PartialDate | None = None
    event_place: str | None = None
    spouse_name: str | None = None
    address: str | None = None
    resided_from: PartialDate | None = None
    resided_to: PartialDate | None = None
    note: str | None = None
    payroll: tuple[PayMonth, ...] = ()

    @property
    def full_name(self) -> str:
        """Surname first, as archives and certificates write it."""
        return " ".join(p for p in (self.surname, self.given_name, self.patronymic) if p)


@dataclass(frozen=True)
class RequestInfo:
    """The request a certificate answers (request register), as much as is known."""

    applicant_name: str
    applicant_address: str | None = None
    registration_number: str | None = None
    registered_on: date | None = None
    language: str | None = None
    partner_case_number: str | None = None
    uid: str | None = None
    subject_name: str | None = None  # the person the request is about, if not the applicant
    subject_birth: PartialDate | None = None


@dataclass(frozen=True)
class Subject:
    """The person the certificate is about, as the certificate names them."""

    name: str
    birth_date: PartialDate | None = None
