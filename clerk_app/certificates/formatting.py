"""Dates, amounts and archival references as certificates print them.

Dates are explicit dd.MM.yyyy in every language (MM.yyyy or yyyy when the record is only
that precise); amounts follow the locale of the issuing language through Babel (decimal
comma and grouping spaces for et/ru/lv).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache

from babel.numbers import format_decimal

from clerk_app.certificates.templates import Wording
from clerk_app.core.certificates.sources import Citation
from clerk_app.core.records import PartialDate


def partial_date(value: PartialDate | None, w: Wording) -> str:
    if value is None:
        return w("labels.not_stated")
    if value.month is None:
        return f"{value.year:04d}"
    if value.day is None:
        return f"{value.month:02d}.{value.year:04d}"
    return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"


def full_date(value: date) -> str:
    return value.strftime("%d.%m.%Y")


@cache
def _amount(amount: Decimal, locale: str) -> str:
    return format_decimal(amount, format="#,##0.00", locale=locale, decimal_quantization=True)


def amount(value: Decimal, w: Wording) -> str:
    return _amount(value, w.locale)


def citation(c: Citation, w: Wording) -> str:
    return w(
        "citation.reference", fonds=c.fonds, inventory=c.inventory, file=c.file, sheets=c.sheets
    )


def fonds_list(citations: tuple[Citation, ...], w: Wording) -> str:
    parts = [
        w("citation.fonds", fonds=c.fonds, title=c.fonds_title)
        if c.fonds_title
        else w("citation.fonds_untitled", fonds=c.fonds)
        for c in citations
    ]
    return ", ".join(parts)
