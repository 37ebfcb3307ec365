"""Certificate kinds, languages, statuses and the typed issues the builder reports.

Core speaks in codes; the CLI and the UI turn them into sentences. A refusal carries every
reason at once, so the clerk fixes the selection in one go.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum


class CertificateType(StrEnum):
    EMPLOYMENT = "employment"  # periods of work, positions, the orders that prove them
    SALARY = "salary"  # month-by-month pay from the payroll ledgers
    CIVIL_STATUS = "civil_status"  # birth, marriage, death
    RESIDENCE = "residence"
    NEGATIVE = "negative"  # information letter: no records found, where searched


class CertificateStatus(StrEnum):
    DRAFT = "draft"
    FINAL = "final"


LANGUAGES = ("et", "ru", "lv", "en")

# parts of a certificate's wording the clerk may edit before finalising
FREE_TEXT_PARTS = ("opening", "purpose", "remarks")


class IssueCode(StrEnum):
    # refusals: nothing is produced
    NO_RECORDS = "no_records"
    UNKNOWN_RECORD = "unknown_record"
    WRONG_RECORD_TYPE = "wrong_record_type"
    UNKNOWN_CURRENCY = "unknown_currency"
    PAYROLL_MONTH_CONFLICT = "payroll_month_conflict"
    PAYROLL_EMPTY = "payroll_empty"
    RECORDS_ON_NEGATIVE = "records_on_negative"
    NO_SEARCH_SCOPE = "no_search_scope"
    NO_SUBJECT = "no_subject"
    BAD_LANGUAGES = "bad_languages"
    BAD_FREE_TEXT = "bad_free_text"
    NOT_FOUND = "not_found"
    IMMUTABLE = "immutable"
    NOT_FINAL = "not_final"
    ALREADY_SUPERSEDED = "already_superseded"
    REQUEST_NOT_FOUND = "request_not_found"
    TYPE_REQUIRED = "type_required"  # neither given nor implied by the request's subject
    # warnings: the certificate is produced and states the gap
    PAYROLL_MONTH_MISSING = "payroll_month_missing"
    DATE_MISSING = "date_missing"
    RESIDENCE_END_UNKNOWN = "residence_end_unknown"
    NAME_FORMS_DIFFER = "name_forms_differ"
    BIRTH_DATES_DIFFER = "birth_dates_differ"


@dataclass(frozen=True)
class Issue:
    code: IssueCode
    record_id: str | None = None
    detail: Mapping[str, object] = field(default_factory=dict)

    def describe(self) -> str:
        """An English one-liner for logs and the CLI (the UI translates from the code)."""
        where = f" [{self.record_id}]" if self.record_id else ""
        extra = ", ".join(f"{k}={_short(v)}" for k, v in self.detail.items())
        return f"{self.code}{where}" + (f": {extra}" if extra else "")


def _short(value: object) -> str:
    if isinstance(value, list | tuple):
        items = [str(v) for v in value]
        return " ".join(items[:12]) + (f" … (+{len(items) - 12})" if len(items) > 12 else "")
    return str(value)


class CertificateRefused(Exception):
    """Raised by the builder and the service when a certificate cannot be made as asked."""

    def __init__(self, issues: Iterable[Issue]) -> None:
        self.issues: tuple[Issue, ...] = tuple(issues)
        super().__init__("; ".join(i.describe() for i in self.issues))

    @property
    def codes(self) -> list[IssueCode]:
        return [i.code for i in self.issues]


def parse_languages(value: str | Sequence[str]) -> tuple[str, ...]:
    """'et,ru' → ('et', 'ru'): issuer first, then the recipient; one or two, known, distinct."""
    items = value.split(",") if isinstance(value, str) else list(value)
    langs = tuple(s.strip().lower() for s in items if s.strip())
    if not 1 <= len(langs) <= 2 or len(set(langs)) != len(langs):
        raise CertificateRefused([Issue(IssueCode.BAD_LANGUAGES, detail={"given": value})])
    unknown = [lang for lang in langs if lang not in LANGUAGES]
    if unknown:
        raise CertificateRefused(
            [Issue(IssueCode.BAD_LANGUAGES, detail={"unknown": unknown, "known": LANGUAGES})]
        )
    return langs
