"""The columns an import spreadsheet may have, and the header check."""

from __future__ import annotations

import unicodedata

from clerk_app.imports.errors import ImportFileError

REQUIRED_COLUMNS: tuple[str, ...] = (
    "record_id",
    "record_type",
    "surname",
    "given_name",
    "patronymic",
    "birth_date",
    "fonds",
    "inventory",
    "file",
    "sheets",
)
"""Columns the header must have (in any order)."""

REQUIRED_VALUES: tuple[str, ...] = (
    "record_id",
    "record_type",
    "surname",
    "fonds",
    "inventory",
    "file",
    "sheets",
)
"""Columns whose cells must not be empty."""

PAYROLL_COLUMNS: tuple[str, ...] = ("pay_year", "pay_month", "amount", "currency", "pay_sheet")

DATE_COLUMNS: tuple[str, ...] = (
    "hired_date",
    "dismissed_date",
    "event_date",
    "resided_from",
    "resided_to",
)
"""Optional date columns (birth_date is a required column)."""

TEXT_COLUMNS: tuple[str, ...] = (
    "archive_name",
    "fonds_title",
    "file_title",
    "maiden_name",
    "translit_system",
    "enterprise",
    "position",
    "hired_order",
    "dismissed_order",
    "event_place",
    "spouse_name",
    "address",
    "note",
)
"""Optional free-text columns, copied as written (trimmed, NFC)."""

OPTIONAL_COLUMNS: tuple[str, ...] = (
    "archive",
    *TEXT_COLUMNS,
    "gender",
    "script",
    *DATE_COLUMNS,
    *PAYROLL_COLUMNS,
)

KNOWN_COLUMNS: frozenset[str] = frozenset(REQUIRED_COLUMNS) | frozenset(OPTIONAL_COLUMNS)


def normalize_header(name: object) -> str:
    """Header cell → canonical column name: trimmed, NFC, lower case ('' for an empty cell)."""
    if name is None:
        return ""
    text = str(name).strip().lstrip("\ufeff").strip()
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return text.lower()


def check_columns(columns: list[str]) -> None:
    """Raise ImportFileError unless `columns` (normalised header names) are usable.

    Empty names (unnamed columns) are allowed here; the reader reports values under them.
    """
    named = [c for c in columns if c]
    missing = [c for c in REQUIRED_COLUMNS if c not in named]
    unknown = [c for c in named if c not in KNOWN_COLUMNS]
    if missing:
        detail = "missing required columns: " + ", ".join(missing)
        if unknown:
            detail += "; unknown columns present: " + ", ".join(unknown)
        raise ImportFileError("missing_columns", detail)
    if unknown:
        raise ImportFileError(
            "unknown_columns",
            "unknown columns: "
            + ", ".join(unknown)
            + " (allowed optional columns: "
            + ", ".join(OPTIONAL_COLUMNS)
            + ")",
        )
    seen: set[str] = set()
    duplicated = []
    for c in named:
        if c in seen and c not in duplicated:
            duplicated.append(c)
        seen.add(c)
    if duplicated:
        raise ImportFileError(
            "duplicate_columns", "columns appearing more than once: " + ", ".join(duplicated)
        )
