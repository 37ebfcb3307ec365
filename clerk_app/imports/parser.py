"""Rows of text cells → PersonRow values or ImportIssues, streaming.

parse_rows keeps no rows: only the record_ids seen (with the row that first used them), for
payroll the (record_id, year, month) keys and a 63-bit hash of each account's person fields,
small bounded caches of parsed dates and sheet ranges, and the previous row's reference.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from datetime import date

from clerk_app.core.records import (
    ArchivalReference,
    PartialDate,
    PayrollEntry,
    PersonRow,
    RecordType,
    Script,
    SheetRange,
)
from clerk_app.imports.columns import DATE_COLUMNS, PAYROLL_COLUMNS, REQUIRED_COLUMNS, TEXT_COLUMNS
from clerk_app.imports.errors import ImportIssue
from clerk_app.imports.values import (
    parse_amount,
    parse_currency,
    parse_date,
    parse_gender,
    parse_month,
    parse_record_type,
    parse_script,
    parse_sheets,
    parse_year,
)

_CACHE_LIMIT = 50_000  # entries per cache; cleared when full, so memory stays bounded
_MASK21 = (1 << 21) - 1
_PAYROLL = RecordType.PAYROLL
_RECORD_TYPES = {t.value: t for t in RecordType}
_LATIN = Script.LATIN
_CYRILLIC = Script.CYRILLIC
_has_cyrillic = re.compile(r"[\u0400-\u04ff]").search  # as records.detect_script

_NO_OPTIONALS: dict[str, object] = {}  # shared, never written to
_CORE = frozenset({*REQUIRED_COLUMNS, "archive"})
# How parse_rows treats each optional key (payroll columns are handled apart).
_TEXT, _DATE, _GENDER, _SCRIPT, _UNNAMED = "text", "date", "gender", "script", "unnamed"
_OPTIONAL_KIND: dict[str, str] = {
    **dict.fromkeys(TEXT_COLUMNS, _TEXT),
    **dict.fromkeys(DATE_COLUMNS, _DATE),
    "gender": _GENDER,
    "script": _SCRIPT,
    "": _UNNAMED,  # a TableSource puts values of unnamed / surplus columns under ''
}

# Which person-field group a payroll conflict is in, by the bits of the packed hash.
_HASH_GROUPS = (
    (42, "surname/given_name/patronymic"),
    (21, "birth_date"),
    (0, "archival reference (archive, fonds, inventory, file, sheets)"),
)


def clean(value: str | None) -> str | None:
    """Trim, NFC-normalise; '' → None."""
    if not value:
        return None
    value = value.strip()
    if not value:
        return None
    if not value.isascii():
        value = unicodedata.normalize("NFC", value)
    return value


def parse_rows(
    rows: Iterable[tuple[int, dict[str, str]]], default_archive: str
) -> Iterator[PersonRow | ImportIssue]:
    """Parse (row number, {column: text}) pairs, yielding per row one PersonRow or its issues.

    A row with any problem yields only ImportIssues (all its problems, in column order) and no
    PersonRow. Rows whose cells are all empty or blank are skipped. Missing keys count as empty.
    """
    today = date.today()
    default_arch = clean(default_archive)
    normalize = unicodedata.normalize
    # record_id → first row (int) for non-payroll records, or for payroll accounts a list
    # [first row, person hash or None, row that set the hash, the record_id string].
    seen: dict[str, int | list] = {}
    pay_months: dict[tuple[str, int], int] = {}  # (record_id, year * 16 + month) → row
    date_cache: dict[str, PartialDate] = {}
    sheet_cache: dict[str, SheetRange] = {}
    last_ref: ArchivalReference | None = None
    row_issues: list[ImportIssue] = []

    def get_date(text: str) -> PartialDate:
        d = date_cache.get(text)
        if d is None:
            d = parse_date(text, today)
            if len(date_cache) >= _CACHE_LIMIT:
                date_cache.clear()
            date_cache[text] = d
        return d

    for row_no, raw in rows:
        v: dict[str, str] = {}
        for key, x in raw.items():
            if x:
                x = x.strip()
                if x:
                    if not x.isascii():
                        x = normalize("NFC", x)
                    v[key] = x
        if not v:
            continue
        get = v.get
        issues = row_issues  # reused: only its ImportIssues leave this loop
        if issues:
            issues.clear()

        # --- identity and type
        rid = get("record_id")
        if rid is None:
            issues.append(ImportIssue(row_no, "record_id", "required", "record_id is empty"))
        rt_text = get("record_type")
        rt: RecordType | None = None
        if rt_text is None:
            issues.append(ImportIssue(row_no, "record_type", "required", "record_type is empty"))
        else:
            rt = _RECORD_TYPES.get(rt_text)
            if rt is None:
                try:
                    rt = parse_record_type(rt_text)
                except ValueError as e:
                    issues.append(ImportIssue(row_no, "record_type", "bad_record_type", str(e)))

        # --- names
        surname = get("surname")
        if surname is None:
            issues.append(ImportIssue(row_no, "surname", "required", "surname is empty"))
        given_name = get("given_name")
        patronymic = get("patronymic")
        text = get("birth_date")
        birth_date = None
        if text is not None:
            birth_date = date_cache.get(text)
            if birth_date is None:
                try:
                    birth_date = get_date(text)
                except ValueError as e:
                    issues.append(ImportIssue(row_no, "birth_date", "bad_date", str(e)))

        # --- archival reference
        archive = get("archive") or default_arch
        if archive is None:
            issues.append(
                ImportIssue(row_no, "archive", "required", "archive is empty and no default given")
            )
        fonds = get("fonds")
        if fonds is None:
            issues.append(ImportIssue(row_no, "fonds", "required", "fonds is empty"))
        inventory = get("inventory")
        if inventory is None:
            issues.append(ImportIssue(row_no, "inventory", "required", "inventory is empty"))
        file = get("file")
        if file is None:
            issues.append(ImportIssue(row_no, "file", "required", "file is empty"))
        text = get("sheets")
        sheets = None
        if text is None:
            issues.append(ImportIssue(row_no, "sheets", "required", "sheets is empty"))
        else:
            sheets = sheet_cache.get(text)
            if sheets is None:
                try:
                    sheets = parse_sheets(text)
                    if len(sheet_cache) >= _CACHE_LIMIT:
                        sheet_cache.clear()
                    sheet_cache[text] = sheets
                except ValueError as e:
                    issues.append(ImportIssue(row_no, "sheets", "bad_sheets", str(e)))

        # --- optional columns: only those present in this row are looked at
        opt: dict[str, object] = _NO_OPTIONALS
        script = None
        extra_keys = v.keys() - _CORE
        if extra_keys:
            opt = {}
            for key, text in v.items():
                kind = _OPTIONAL_KIND.get(key)
                if kind is None:  # core, payroll or unknown key
                    continue
                if kind is _TEXT:
                    opt[key] = text
                elif kind is _DATE:
                    try:
                        opt[key] = get_date(text)
                    except ValueError as e:
                        issues.append(ImportIssue(row_no, key, "bad_date", str(e)))
                elif kind is _GENDER:
                    try:
                        opt[key] = parse_gender(text)
                    except ValueError as e:
                        issues.append(ImportIssue(row_no, key, "bad_gender", str(e)))
                elif kind is _SCRIPT:
                    try:
                        script = parse_script(text)
                    except ValueError as e:
                        issues.append(ImportIssue(row_no, key, "bad_script", str(e)))
                else:  # _UNNAMED
                    issues.append(
                        ImportIssue(
                            row_no,
                            None,
                            "extra_cells",
                            f"values outside the named columns: {text!r}",
                        )
                    )

        # --- payroll
        payroll: list[PayrollEntry] = []
        pay_year = pay_month = None
        if rt is _PAYROLL:
            pay_year, pay_month, entry = _payroll_entry(row_no, get, today, issues)
            if entry is not None:
                payroll.append(entry)
        elif rt is not None and extra_keys:
            for col in PAYROLL_COLUMNS:
                if col in extra_keys:
                    issues.append(
                        ImportIssue(
                            row_no,
                            col,
                            "not_payroll",
                            f"{col} {v[col]!r} given on a {rt.value} record"
                            " (payroll columns are for record_type payroll)",
                        )
                    )

        # --- record_id uniqueness / payroll account consistency
        if rid is not None and rt is not None:
            prev = seen.get(rid)
            if rt is not _PAYROLL:
                if prev is None:
                    seen[rid] = row_no
                else:
                    first = prev if type(prev) is int else prev[0]
                    issues.append(_duplicate(row_no, rid, first))
            elif type(prev) is int:
                issues.append(_duplicate(row_no, rid, prev))
            else:
                if prev is None:
                    prev = [row_no, None, 0, rid]
                    seen[rid] = prev
                if not issues:
                    h = (
                        (hash((surname, given_name, patronymic)) & _MASK21) << 42
                        | (hash(birth_date) & _MASK21) << 21
                        | hash((archive, fonds, inventory, file, sheets.text)) & _MASK21  # type: ignore[union-attr]
                    )
                    if prev[1] is None:
                        prev[1] = h
                        prev[2] = row_no
                    elif prev[1] != h:
                        issues.append(_conflict(row_no, rid, prev[2], prev[1], h))
                if pay_year is not None and pay_month is not None:
                    key = (prev[3], pay_year * 16 + pay_month)
                    first = pay_months.get(key)
                    if first is None:
                        pay_months[key] = row_no
                    else:
                        issues.append(
                            ImportIssue(
                                row_no,
                                "pay_month",
                                "duplicate_pay_month",
                                f"record_id {rid!r} already has {pay_year}-{pay_month:02d}"
                                f" in row {first}",
                            )
                        )

        if issues:
            yield from issues
            continue

        # consecutive rows often cite the same file and sheets (a payroll account, a page of
        # a register): reuse the previous reference then
        if (
            last_ref is not None
            and last_ref.sheets is sheets
            and last_ref.file == file
            and last_ref.inventory == inventory
            and last_ref.fonds == fonds
            and last_ref.archive == archive
        ):
            reference = last_ref
        else:
            reference = last_ref = ArchivalReference(archive, fonds, inventory, file, sheets)  # type: ignore[arg-type]

        if script is None:
            # same rule as records.detect_script, without its cost for the common cases
            maiden = opt.get("maiden_name")
            if (
                surname.isascii()  # type: ignore[union-attr]
                and (given_name is None or given_name.isascii())
                and (patronymic is None or patronymic.isascii())
                and (maiden is None or maiden.isascii())  # type: ignore[attr-defined]
            ):
                script = _LATIN
            elif (
                _has_cyrillic(surname)  # type: ignore[arg-type]
                or (given_name is not None and _has_cyrillic(given_name))
                or (patronymic is not None and _has_cyrillic(patronymic))
                or (maiden is not None and _has_cyrillic(maiden))  # type: ignore[arg-type]
            ):
                script = _CYRILLIC
            else:
                script = _LATIN
        yield PersonRow(
            record_id=rid,  # type: ignore[arg-type]
            record_type=rt,  # type: ignore[arg-type]
            surname=surname,  # type: ignore[arg-type]
            given_name=given_name,
            patronymic=patronymic,
            birth_date=birth_date,
            reference=reference,
            script=script,
            payroll=payroll,
            **opt,  # type: ignore[arg-type]
        )


def _payroll_entry(
    row_no: int, get: Callable[[str], str | None], today: date, issues: list[ImportIssue]
) -> tuple[int | None, int | None, PayrollEntry | None]:
    """Parse the payroll columns of a payroll row; problems go to `issues`."""
    n_before = len(issues)
    year = month = amount = currency = None
    text = get("pay_year")
    if text is None:
        issues.append(_missing_pay(row_no, "pay_year"))
    else:
        try:
            year = parse_year(text, today)
        except ValueError as e:
            issues.append(ImportIssue(row_no, "pay_year", "bad_year", str(e)))
    text = get("pay_month")
    if text is None:
        issues.append(_missing_pay(row_no, "pay_month"))
    else:
        try:
            month = parse_month(text)
        except ValueError as e:
            issues.append(ImportIssue(row_no, "pay_month", "bad_month", str(e)))
    text = get("amount")
    if text is None:
        issues.append(_missing_pay(row_no, "amount"))
    else:
        try:
            amount = parse_amount(text)
        except ValueError as e:
            issues.append(ImportIssue(row_no, "amount", "bad_amount", str(e)))
    text = get("currency")
    if text is None:
        issues.append(_missing_pay(row_no, "currency"))
    else:
        try:
            currency = parse_currency(text)
        except ValueError as e:
            issues.append(ImportIssue(row_no, "currency", "bad_currency", str(e)))
    if year == today.year and month is not None and month > today.month:
        issues.append(
            ImportIssue(row_no, "pay_month", "bad_month", f"{year}-{month:02d} is in the future")
        )
        month = None
    if len(issues) > n_before:
        return year, month, None
    return year, month, PayrollEntry(year, month, amount, currency, get("pay_sheet"))  # type: ignore[arg-type]


def _missing_pay(row_no: int, col: str) -> ImportIssue:
    return ImportIssue(row_no, col, "required", f"{col} is empty (required for payroll)")


def _duplicate(row_no: int, rid: str, first: int) -> ImportIssue:
    return ImportIssue(
        row_no,
        "record_id",
        "duplicate_record_id",
        f"record_id {rid!r} is already used in row {first}",
    )


def _conflict(row_no: int, rid: str, first: int, h_first: int, h_now: int) -> ImportIssue:
    differing = [
        name
        for shift, name in _HASH_GROUPS
        if (h_first >> shift) & _MASK21 != (h_now >> shift) & _MASK21
    ]
    return ImportIssue(
        row_no,
        None,
        "conflicting_person",
        f"payroll record_id {rid!r} has a different {' and '.join(differing)} than in row {first}",
    )
