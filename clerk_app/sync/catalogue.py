"""Catalogue records on the wire: a person record with its archival reference and payroll,
flattened to JSON values, and back to the PersonRow the import path upserts."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from clerk_app.core.records import (
    ArchivalReference,
    Currency,
    PartialDate,
    PayrollEntry,
    PersonRow,
    RecordType,
    Script,
    SheetRange,
)

PERSON_FIELDS = (
    "record_id", "record_type", "surname", "given_name", "patronymic", "maiden_name", "gender",
    "script", "translit_system", "enterprise", "position", "hired_order", "dismissed_order",
    "event_place", "spouse_name", "address", "note",
)  # fmt: skip
DATE_FIELDS = (
    "birth_date", "hired_date", "dismissed_date", "event_date", "resided_from", "resided_to",
)  # fmt: skip
REFERENCE_FIELDS = ("archive", "archive_name", "fonds", "fonds_title", "inventory", "file")
REFERENCE_FIELDS += ("file_title", "sheets", "sheet_first", "sheet_last")


def _date(text: str | None) -> PartialDate | None:
    return PartialDate.parse_iso(text) if text else None


def person_from_wire(d: dict[str, Any]) -> PersonRow:
    return PersonRow(
        record_id=d["record_id"],
        record_type=RecordType(d["record_type"]),
        surname=d["surname"],
        given_name=d.get("given_name"),
        patronymic=d.get("patronymic"),
        birth_date=_date(d.get("birth_date")),
        reference=ArchivalReference(
            d["archive"],
            d["fonds"],
            d["inventory"],
            d["file"],
            SheetRange(d["sheets"], int(d["sheet_first"]), int(d["sheet_last"])),
        ),
        maiden_name=d.get("maiden_name"),
        gender=d.get("gender"),
        script=Script(d["script"]) if d.get("script") else None,
        translit_system=d.get("translit_system"),
        archive_name=d.get("archive_name"),
        fonds_title=d.get("fonds_title"),
        file_title=d.get("file_title"),
        enterprise=d.get("enterprise"),
        position=d.get("position"),
        hired_date=_date(d.get("hired_date")),
        hired_order=d.get("hired_order"),
        dismissed_date=_date(d.get("dismissed_date")),
        dismissed_order=d.get("dismissed_order"),
        event_date=_date(d.get("event_date")),
        event_place=d.get("event_place"),
        spouse_name=d.get("spouse_name"),
        address=d.get("address"),
        resided_from=_date(d.get("resided_from")),
        resided_to=_date(d.get("resided_to")),
        note=d.get("note"),
        payroll=[
            PayrollEntry(int(y), int(m), Decimal(str(a)), Currency(c), s)
            for y, m, a, c, s in d.get("payroll") or ()
        ],
    )


def person_to_wire(
    row: dict[str, Any], payroll: list[tuple[int, int, object, str, str | None]]
) -> dict[str, Any]:
    """A joined database row (person_record columns + the REFERENCE_FIELDS) → wire dict."""
    out = {f: row.get(f) for f in (*PERSON_FIELDS, *DATE_FIELDS, *REFERENCE_FIELDS)}
    out["payroll"] = [[y, m, str(a), c, s] for y, m, a, c, s in payroll]
    return out
