"""Domain rules of certificates that do not depend on wording: which record types each kind
of certificate accepts, the currencies a payroll grid knows, which denomination notes apply,
and the chronological order of partial dates."""

from __future__ import annotations

from collections.abc import Iterable

from clerk_app.core.certificates.sources import PayMonth
from clerk_app.core.certificates.types import CertificateType
from clerk_app.core.records import PartialDate

ACCEPTED_RECORD_TYPES: dict[CertificateType, frozenset[str]] = {
    CertificateType.EMPLOYMENT: frozenset({"personnel", "payroll"}),
    CertificateType.SALARY: frozenset({"payroll"}),
    CertificateType.CIVIL_STATUS: frozenset({"birth", "marriage", "death"}),
    CertificateType.RESIDENCE: frozenset({"residence"}),
    CertificateType.NEGATIVE: frozenset(),
}

# Currencies a payroll ledger of the region can hold and the certificate can explain.
# RUB: the rouble before 1961 and the Russian rouble from 1992; SUR: the Soviet rouble
# 1961-1991; EEK: the Estonian kroon 20.06.1992-2010; EUR: from 2011 (EE) / 2014 (LV).
KNOWN_CURRENCIES = frozenset({"RUB", "SUR", "EEK", "EUR"})


def date_key(d: PartialDate | None) -> tuple[int, int, int, int]:
    """Sort key: unknown dates last, a year before its months, a month before its days."""
    if d is None:
        return (1, 9999, 99, 99)
    return (0, d.year, d.month or 0, d.day or 0)


def consistent(a: PartialDate, b: PartialDate) -> bool:
    """Two partial dates can be the same day (the coarser one is a prefix of the finer)."""
    if a.year != b.year:
        return False
    if a.month is None or b.month is None:
        return True
    if a.month != b.month:
        return False
    return a.day is None or b.day is None or a.day == b.day


def denomination_notes(months: Iterable[PayMonth]) -> tuple[str, ...]:
    """Keys of the currency notes a salary grid needs, in a fixed order (template keys)."""
    seen: set[str] = set()
    by_year: dict[int, set[str]] = {}
    for m in months:
        by_year.setdefault(m.year, set()).add(m.currency)
        if m.currency == "RUB" and m.year < 1961:
            seen.add("rub_1947")  # old roubles, 10:1 on 01.01.1961
        elif m.currency == "SUR" or (m.currency == "RUB" and m.year <= 1991):
            seen.add("sur")
        elif m.currency == "RUB" and m.year <= 1997:
            seen.add("rub_1992")  # Russian rouble before the 1000:1 redenomination of 1998
        elif m.currency == "RUB":
            seen.add("rub_1998")
        elif m.currency == "EEK":
            seen.add("eek")
        elif m.currency == "EUR":
            seen.add("eur")
    if any(len(c) > 1 for c in by_year.values()):
        seen.add("mixed_year")
    order = ("rub_1947", "sur", "rub_1992", "rub_1998", "eek", "eur", "mixed_year")
    return tuple(k for k in order if k in seen)
