"""Cell parsers: one text cell (already trimmed, NFC, non-empty) → a typed value.

Each parser returns the value or raises ValueError whose message is the English issue detail
naming the offending value. The happy paths are regex-free or use one precompiled regex and
raise nothing.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from clerk_app.core.records import Currency, PartialDate, RecordType, Script, SheetRange

MIN_YEAR = 1800

# --- dates -----------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?")
_DOTTED_DATE = re.compile(r"(?:([0-9]{1,2})\.)?([0-9]{1,2})\.([0-9]{4})")
# "1978-02-15 00:00:00" / "1978-02-15T00:00" as database and Excel CSV exports write dates.
_ISO_DATETIME = re.compile(
    r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?"
)
_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_DATE_FORMATS = "YYYY, YYYY-MM, YYYY-MM-DD, DD.MM.YYYY or MM.YYYY"


def _days_in_month(year: int, month: int) -> int:
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS_IN_MONTH[month]


def parse_date(text: str, today: date | None = None) -> PartialDate:
    """'1978' / '1978-02' / '1978-02-15' / '15.02.1978' / '02.1978' → PartialDate.

    Rejects impossible dates, years before 1800 and dates after `today`.
    """
    if len(text) == 10 and text[4] == "-" and text[7] == "-" and text.isascii():
        y, mo, d = text[:4], text[5:7], text[8:]  # YYYY-MM-DD, the common case
        if not (y.isdigit() and mo.isdigit() and d.isdigit()):
            raise ValueError(f"{text!r} is not a date (expected {_DATE_FORMATS})")
    elif (m := _ISO_DATE.fullmatch(text)) is not None:
        y, mo, d = m.groups()
    else:
        m = _DOTTED_DATE.fullmatch(text)
        if m is not None:
            d, mo, y = m.groups()
        else:
            m = _ISO_DATETIME.fullmatch(text)
            if m is None:
                raise ValueError(f"{text!r} is not a date (expected {_DATE_FORMATS})")
            y, mo, d = m.groups()
    year = int(y)
    month = int(mo) if mo is not None else None
    day = int(d) if d is not None else None
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"{text!r} is not a date (there is no month {month})")
    if day is not None and not 1 <= day <= _days_in_month(year, month):  # type: ignore[arg-type]
        raise ValueError(f"{text!r} is not a date")
    if year < MIN_YEAR:
        raise ValueError(f"{text!r} is before {MIN_YEAR}")
    if today is None:
        today = date.today()
    if year >= today.year and (year, month or 0, day or 0) > (
        today.year,
        today.month,
        today.day,
    ):
        raise ValueError(f"{text!r} is in the future")
    return PartialDate(year, month, day)


# --- sheets ----------------------------------------------------------------------------------

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_SHEET_PREFIX = re.compile(r"(?:лл|л|lpp|lp|lk|ll|l)\.?\s*(?=[0-9])", re.IGNORECASE)
_SHEET_SPLIT = re.compile(r"\s*[,;]\s*")
_VERSO = r"(?:(об|v)\.?)?"  # the verso (оборот) mark, captured without its dot
_SHEET_ITEM = re.compile(
    rf"([0-9]+)\s*{_VERSO}(?:\s*[{_DASHES}]\s*([0-9]+)\s*{_VERSO})?", re.IGNORECASE
)
_LOOKS_LIKE_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}.*")
_SHEET_FORMATS = "e.g. 12, 12-14, 12об., 12v, 3, 5-7, л. 12"


def _verso(mark: str | None) -> str:
    if mark is None:
        return ""
    return "об." if mark.lower() == "об" else "v"


def parse_sheets(text: str) -> SheetRange:
    """'12' / '12-14' / '12–14' / '12об.' / '12 об.' / '12v' / '3, 5-7' / 'л. 12' → SheetRange.

    The normalised text drops the 'л.' / 'lk' / 'l.' prefix, separates items by ', ', writes
    ranges with an en dash and verso as 'об.' or 'v' right after the number ('12об.–14').
    """
    if text.isdigit() and text.isascii():
        n = int(text)
        if n == 0:
            raise ValueError(f"{text!r}: there is no sheet 0")
        return SheetRange(text if text[0] != "0" else str(n), n, n)
    prefix = _SHEET_PREFIX.match(text)
    body = text[prefix.end() :] if prefix is not None else text
    parts: list[str] = []
    first = last = 0
    for item in _SHEET_SPLIT.split(body):
        m = _SHEET_ITEM.fullmatch(item)
        if m is None:
            hint = ""
            if _LOOKS_LIKE_DATE.fullmatch(text):
                hint = "; Excel may have turned it into a date: format the column as text"
            raise ValueError(f"{text!r} is not a sheet number or range ({_SHEET_FORMATS}){hint}")
        a_text, a_verso, b_text, b_verso = m.groups()
        a = int(a_text)
        if a == 0:
            raise ValueError(f"{text!r}: there is no sheet 0")
        lo = hi = a
        norm = f"{a}{_verso(a_verso)}"
        if b_text is not None:
            b = int(b_text)
            if (b, b_verso is not None) < (a, a_verso is not None):
                where = f"{text!r}" if item == text else f"{text!r}: {item!r}"
                raise ValueError(f"{where} runs backwards (first sheet after the last)")
            hi = b
            norm += f"\u2013{b}{_verso(b_verso)}"
        parts.append(norm)
        if first == 0 or lo < first:
            first = lo
        if hi > last:
            last = hi
    return SheetRange(", ".join(parts), first, last)


# --- payroll ---------------------------------------------------------------------------------

_PLAIN_AMOUNT = re.compile(r"[0-9]+(?:\.[0-9]{1,2})?")
_LONG_AMOUNT = re.compile(r"[0-9]+\.[0-9]{3,}")
_AMOUNT_SPACES = re.compile(r"[\s\u00a0\u202f\u2009'’]+")
_THOUSANDS_GROUPS = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})*|[0-9]{1,3}(?:\.[0-9]{3})*")


def parse_amount(text: str) -> Decimal:
    """'1234.56' / '1 234,56' / '1234' / '1.234,56' / '1,234.56' → Decimal (at most 2 decimals)."""
    if _PLAIN_AMOUNT.fullmatch(text):
        return Decimal(text)
    t = _AMOUNT_SPACES.sub("", text)
    if t[:1] in ("-", "\u2212") and _PLAIN_AMOUNT.fullmatch(t[1:].replace(",", ".")):
        raise ValueError(f"{text!r} is negative")
    if "," in t and "." in t:
        decimal_mark = "," if t.rfind(",") > t.rfind(".") else "."
        whole, _, frac = t.rpartition(decimal_mark)
        if not _THOUSANDS_GROUPS.fullmatch(whole):
            raise ValueError(f"{text!r} is not an amount")
        t = whole.replace(",", "").replace(".", "") + "." + frac
    elif "," in t:
        if t.count(",") > 1:
            raise ValueError(f"{text!r} is not an amount (several decimal commas)")
        t = t.replace(",", ".")
    if _PLAIN_AMOUNT.fullmatch(t):
        return Decimal(t)
    if _LONG_AMOUNT.fullmatch(t):
        raise ValueError(
            f"{text!r} has more than 2 decimals (a thousands separator? write 1234 or 1 234)"
        )
    raise ValueError(f"{text!r} is not an amount (write e.g. 1234.56 or 1 234,56)")


def parse_year(text: str, today: date | None = None) -> int:
    if not (len(text) == 4 and text.isdigit() and text.isascii()):
        raise ValueError(f"{text!r} is not a year")
    year = int(text)
    if year < MIN_YEAR:
        raise ValueError(f"{text!r} is before {MIN_YEAR}")
    if year > (today or date.today()).year:
        raise ValueError(f"{text!r} is in the future")
    return year


def parse_month(text: str) -> int:
    if len(text) <= 2 and text.isdigit() and text.isascii() and 1 <= int(text) <= 12:
        return int(text)
    raise ValueError(f"{text!r} is not a month (1-12)")


_CURRENCIES = {c.value: c for c in Currency}


def parse_currency(text: str) -> Currency:
    cur = _CURRENCIES.get(text) or _CURRENCIES.get(text.upper())
    if cur is None:
        raise ValueError(f"{text!r} is not a currency ({', '.join(_CURRENCIES)})")
    return cur


# --- enumerations ----------------------------------------------------------------------------

_RECORD_TYPES = {t.value: t for t in RecordType}


def parse_record_type(text: str) -> RecordType:
    rt = _RECORD_TYPES.get(text) or _RECORD_TYPES.get(text.lower())
    if rt is None:
        raise ValueError(f"{text!r} is not a record type ({', '.join(_RECORD_TYPES)})")
    return rt


_GENDERS = {
    "m": "m",
    "male": "m",
    "м": "m",
    "mees": "m",
    "vīrietis": "m",
    "virietis": "m",
    "f": "f",
    "female": "f",
    "ж": "f",
    "naine": "f",
    "sieviete": "f",
}


def parse_gender(text: str) -> str:
    """m / male / м / mees / vīrietis → 'm'; f / female / ж / naine / sieviete → 'f'."""
    g = _GENDERS.get(text) or _GENDERS.get(text.lower())
    if g is None:
        raise ValueError(f"{text!r} is not a gender (m, f, male, female, м, ж, mees, naine, ...)")
    return g


_SCRIPTS = {s.value: s for s in Script}


def parse_script(text: str) -> Script:
    s = _SCRIPTS.get(text) or _SCRIPTS.get(text.lower())
    if s is None:
        raise ValueError(f"{text!r} is not a script (cyrl or latn)")
    return s
