"""Build a certificate's content from the records the clerk picked.

The builder groups and orders the records, builds the salary grid and checks the selection.
Whatever it cannot put on the certificate honestly it refuses, with every reason at once;
gaps it can state (a missing payroll month, an unknown end date) become warnings that the
renderer prints on the certificate.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import Decimal

from clerk_app.core.certificates.content import (
    CellState,
    CertificateContent,
    CivilEvent,
    CivilKind,
    EmploymentBasis,
    EmploymentEntry,
    ResidenceEntry,
    SalaryCell,
    SalaryGrid,
    SalaryYear,
    SearchScope,
)
from clerk_app.core.certificates.rules import (
    ACCEPTED_RECORD_TYPES,
    KNOWN_CURRENCIES,
    consistent,
    date_key,
    denomination_notes,
)
from clerk_app.core.certificates.sources import Citation, PayMonth, SourceRecord, Subject
from clerk_app.core.certificates.types import (
    CertificateRefused,
    CertificateType,
    Issue,
    IssueCode,
)
from clerk_app.core.records import PartialDate


def build_content(
    cert_type: CertificateType,
    records: Sequence[SourceRecord],
    *,
    requested_ids: Sequence[str] | None = None,
    subject: Subject | None = None,
    search: SearchScope | None = None,
) -> CertificateContent:
    """Content for `cert_type` from `records` (in the order the clerk picked them).

    `requested_ids` are the ids the clerk asked for; any the store did not find is refused.
    `subject` overrides the person named on the certificate (else the first record's name).
    """
    refusals: list[Issue] = []
    found = {r.record_id for r in records}
    for rid in requested_ids or ():
        if rid not in found:
            refusals.append(Issue(IssueCode.UNKNOWN_RECORD, rid))

    if cert_type is CertificateType.NEGATIVE:
        return _negative(records, subject, search, refusals)

    if not records and not refusals:
        refusals.append(Issue(IssueCode.NO_RECORDS, detail={"hint": "negative"}))
    accepted = ACCEPTED_RECORD_TYPES[cert_type]
    for r in records:
        if r.record_type not in accepted:
            refusals.append(
                Issue(
                    IssueCode.WRONG_RECORD_TYPE,
                    r.record_id,
                    {"record_type": r.record_type, "accepted": sorted(accepted)},
                )
            )
    if refusals:
        raise CertificateRefused(refusals)

    subject = subject or Subject(records[0].full_name, _first_birth(records))
    if subject.birth_date is None:
        subject = Subject(subject.name, _first_birth(records))
    warnings = _identity_warnings(records)

    content = CertificateContent(type=cert_type, subject=subject)
    if cert_type is CertificateType.EMPLOYMENT:
        entries = _employment(records, subject, warnings, refusals)
        ordered = [e.citation for e in entries]
        content = _with(content, employment=tuple(entries))
    elif cert_type is CertificateType.SALARY:
        grids = _salary(records, subject, warnings, refusals)
        ordered = [c for g in grids for c in g.citations]
        content = _with(content, salary=tuple(grids))
    elif cert_type is CertificateType.CIVIL_STATUS:
        events = _civil(records, warnings)
        ordered = [e.citation for e in events]
        content = _with(content, civil=tuple(events))
    else:
        homes = _residence(records, subject, warnings)
        ordered = [h.citation for h in homes]
        content = _with(content, residence=tuple(homes))
    if refusals:
        raise CertificateRefused(refusals)
    return _with(
        content,
        record_ids=tuple(r.record_id for r in records),
        fonds=_distinct_fonds(ordered),
        warnings=tuple(warnings),
    )


def _with(content: CertificateContent, **changes: object) -> CertificateContent:
    from dataclasses import replace

    return replace(content, **changes)  # type: ignore[arg-type]


def _negative(
    records: Sequence[SourceRecord],
    subject: Subject | None,
    search: SearchScope | None,
    refusals: list[Issue],
) -> CertificateContent:
    if records:
        refusals.append(
            Issue(IssueCode.RECORDS_ON_NEGATIVE, detail={"records": [r.record_id for r in records]})
        )
    if search is None or not [p for p in search.places if p.strip()]:
        refusals.append(Issue(IssueCode.NO_SEARCH_SCOPE))
    if subject is None or not subject.name.strip():
        refusals.append(Issue(IssueCode.NO_SUBJECT))
    if refusals:
        raise CertificateRefused(refusals)
    assert subject is not None and search is not None
    places = tuple(p.strip() for p in search.places if p.strip())
    scope = SearchScope(places, search.period_from, search.period_to, search.name_forms)
    return CertificateContent(type=CertificateType.NEGATIVE, subject=subject, search=scope)


def _first_birth(records: Sequence[SourceRecord]) -> PartialDate | None:
    dated = [r.birth_date for r in records if r.birth_date is not None]
    # the most precise date the records give
    return max(dated, key=lambda d: (d.month is not None, d.day is not None), default=None)


def _identity_warnings(records: Sequence[SourceRecord]) -> list[Issue]:
    warnings: list[Issue] = []
    names = list(dict.fromkeys(r.full_name for r in records))
    if len(names) > 1:
        warnings.append(Issue(IssueCode.NAME_FORMS_DIFFER, detail={"names": names}))
    births = [r.birth_date for r in records if r.birth_date is not None]
    if any(not consistent(a, b) for i, a in enumerate(births) for b in births[i + 1 :]):
        dates = list(dict.fromkeys(d.iso() for d in births))
        warnings.append(Issue(IssueCode.BIRTH_DATES_DIFFER, detail={"dates": dates}))
    return warnings


def _as_written(record: SourceRecord, subject: Subject) -> str | None:
    return None if record.full_name == subject.name else record.full_name


def _distinct_fonds(citations: Sequence[Citation]) -> tuple[Citation, ...]:
    seen: dict[tuple[str, str], Citation] = {}
    for c in citations:
        seen.setdefault((c.archive_code, c.fonds), c)
    return tuple(seen.values())


# -- employment ---------------------------------------------------------------------------


def _employment(
    records: Sequence[SourceRecord],
    subject: Subject,
    warnings: list[Issue],
    refusals: list[Issue],
) -> list[EmploymentEntry]:
    entries: list[EmploymentEntry] = []
    for r in records:
        if r.record_type == "payroll":
            if not r.payroll:
                refusals.append(Issue(IssueCode.PAYROLL_EMPTY, r.record_id))
                continue
            first = min((m.year, m.month) for m in r.payroll)
            last = max((m.year, m.month) for m in r.payroll)
            entries.append(
                EmploymentEntry(
                    record_id=r.record_id,
                    basis=EmploymentBasis.PAYROLL,
                    enterprise=r.enterprise,
                    position=r.position,
                    start=PartialDate(*first),
                    end=PartialDate(*last),
                    start_order=None,
                    end_order=None,
                    note=r.note,
                    citation=r.citation,
                    name_as_written=_as_written(r, subject),
                )
            )
            continue
        for name, value in (("hired_date", r.hired_date), ("dismissed_date", r.dismissed_date)):
            if value is None:
                warnings.append(Issue(IssueCode.DATE_MISSING, r.record_id, {"field": name}))
        entries.append(
            EmploymentEntry(
                record_id=r.record_id,
                basis=EmploymentBasis.PERSONNEL,
                enterprise=r.enterprise,
                position=r.position,
                start=r.hired_date,
                end=r.dismissed_date,
                start_order=r.hired_order,
                end_order=r.dismissed_order,
                note=r.note,
                citation=r.citation,
                name_as_written=_as_written(r, subject),
            )
        )
    entries.sort(key=lambda e: (date_key(e.start or e.end), date_key(e.end)))
    return entries


# -- salary -------------------------------------------------------------------------------


def _salary(
    records: Sequence[SourceRecord],
    subject: Subject,
    warnings: list[Issue],
    refusals: list[Issue],
) -> list[SalaryGrid]:
    groups: dict[tuple[str, str, str], list[SourceRecord]] = {}
    for r in records:
        if not r.payroll:
            refusals.append(Issue(IssueCode.PAYROLL_EMPTY, r.record_id))
            continue
        unknown: dict[str, list[str]] = {}
        for m in r.payroll:
            if m.currency not in KNOWN_CURRENCIES:
                unknown.setdefault(m.currency, []).append(f"{m.year}-{m.month:02d}")
        for code, months in unknown.items():
            refusals.append(
                Issue(
                    IssueCode.UNKNOWN_CURRENCY,
                    r.record_id,
                    {"currency": code, "months": months, "known": sorted(KNOWN_CURRENCIES)},
                )
            )
        key = (r.citation.archive_code, r.citation.fonds, (r.enterprise or "").strip())
        groups.setdefault(key, []).append(r)
    grids = [_grid(group, subject, warnings, refusals) for group in groups.values()]
    grids.sort(key=lambda g: g.years[0].year if g.years else 0)
    return grids


def _grid(
    group: list[SourceRecord],
    subject: Subject,
    warnings: list[Issue],
    refusals: list[Issue],
) -> SalaryGrid:
    months: dict[tuple[int, int], tuple[PayMonth, str]] = {}
    for r in group:
        for m in r.payroll:
            key = (m.year, m.month)
            old = months.get(key)
            if old is None:
                months[key] = (m, r.record_id)
            elif (old[0].amount, old[0].currency) != (m.amount, m.currency):
                refusals.append(
                    Issue(
                        IssueCode.PAYROLL_MONTH_CONFLICT,
                        r.record_id,
                        {
                            "month": f"{m.year}-{m.month:02d}",
                            "records": [old[1], r.record_id],
                            "amounts": [f"{old[0].amount} {old[0].currency}",
                                        f"{m.amount} {m.currency}"],
                        },
                    )
                )  # fmt: skip
    first, last = min(months), max(months)
    missing: list[tuple[int, int]] = []
    years: list[SalaryYear] = []
    by_sheet = {r.record_id: r.citation.sheets for r in group}
    for year in range(first[0], last[0] + 1):
        cells: list[SalaryCell] = []
        totals: dict[str, Decimal] = {}
        sheets: list[str] = []
        for month in range(1, 13):
            if (year, month) < first or (year, month) > last:
                cells.append(SalaryCell(CellState.OUTSIDE))
                continue
            hit = months.get((year, month))
            if hit is None:
                missing.append((year, month))
                cells.append(SalaryCell(CellState.MISSING))
                continue
            m, rid = hit
            cells.append(SalaryCell(CellState.PAID, m.amount, m.currency))
            totals[m.currency] = totals.get(m.currency, Decimal(0)) + m.amount
            sheet = m.sheet or by_sheet[rid]
            if sheet not in sheets:
                sheets.append(sheet)
        years.append(SalaryYear(year, tuple(cells), tuple(totals.items()), ", ".join(sheets)))
    if missing:
        warnings.append(
            Issue(
                IssueCode.PAYROLL_MONTH_MISSING,
                group[0].record_id,
                {"months": [f"{y}-{m:02d}" for y, m in missing]},
            )
        )
    positions = Counter(r.position for r in group if r.position)
    names = [n for n in dict.fromkeys(_as_written(r, subject) for r in group) if n]
    citations = list(dict.fromkeys(r.citation for r in group))
    return SalaryGrid(
        enterprise=group[0].enterprise,
        position=positions.most_common(1)[0][0] if positions else None,
        years=tuple(years),
        citations=tuple(citations),
        record_ids=tuple(r.record_id for r in group),
        missing=tuple(missing),
        notes=denomination_notes(m for m, _ in months.values()),
        name_as_written=", ".join(names) or None,
    )


# -- civil status and residence ---------------------------------------------------------------


def _civil(records: Sequence[SourceRecord], warnings: list[Issue]) -> list[CivilEvent]:
    events: list[CivilEvent] = []
    for r in records:
        if r.event_date is None:
            warnings.append(Issue(IssueCode.DATE_MISSING, r.record_id, {"field": "event_date"}))
        events.append(
            CivilEvent(
                record_id=r.record_id,
                kind=CivilKind(r.record_type),
                date=r.event_date,
                place=r.event_place,
                name_as_written=r.full_name,
                birth_date=r.birth_date,
                spouse_name=r.spouse_name,
                maiden_name=r.maiden_name,
                note=r.note,
                citation=r.citation,
            )
        )
    events.sort(key=lambda e: date_key(e.date))
    return events


def _residence(
    records: Sequence[SourceRecord], subject: Subject, warnings: list[Issue]
) -> list[ResidenceEntry]:
    homes: list[ResidenceEntry] = []
    for r in records:
        if r.resided_from is None:
            warnings.append(Issue(IssueCode.DATE_MISSING, r.record_id, {"field": "resided_from"}))
        if r.resided_to is None:
            warnings.append(Issue(IssueCode.RESIDENCE_END_UNKNOWN, r.record_id))
        homes.append(
            ResidenceEntry(
                record_id=r.record_id,
                address=r.address,
                start=r.resided_from,
                end=r.resided_to,
                note=r.note,
                citation=r.citation,
                name_as_written=_as_written(r, subject),
            )
        )
    homes.sort(key=lambda h: (date_key(h.start), date_key(h.end)))
    return homes
