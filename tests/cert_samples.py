"""Source records for certificate tests: names and places in all four scripts and alphabets.

The names carry the letters the tests look for in the PDFs (õ ä ö ü š ž, ā ē ī ū ķ ļ ņ ģ,
Cyrillic); the payroll runs through the 1992 rouble → kroon change.
"""

from __future__ import annotations

from decimal import Decimal

from clerk_app.core.certificates.sources import Citation, PayMonth, SourceRecord
from clerk_app.core.records import PartialDate as P

KREENHOLM = Citation(
    "NRV", "Narva Linnaarhiiv", "Р-45", "Кренгольмская мануфактура", "1", "12", None, "3-4об."
)
POWER = Citation("NRV", "Narva Linnaarhiiv", "R-210", "Narva Elektrijaam", "2", "7", None, "15")
DAUGAVPILS = Citation(
    "DGP", "Daugavpils arhīvs", "L-3", "Dzimtsarakstu nodaļa", "1", "9", None, "41"
)

PERSONNEL = [
    SourceRecord(
        "P2", "personnel", POWER, "Štšerbakov", "Pjotr", None, birth_date=P(1948),
        enterprise="Narva Elektrijaam", position="elektrik", hired_date=P(1975, 9, 15),
        hired_order="käskkiri nr 88-k",
    ),
    SourceRecord(
        "P1", "personnel", KREENHOLM, "Щербаков", "Пётр", "Сергеевич", birth_date=P(1948, 3, 2),
        enterprise="Кренгольмская мануфактура", position="ткач", hired_date=P(1966, 5, 1),
        hired_order="Приказ № 12-к", dismissed_date=P(1975, 8, 31),
        dismissed_order="Приказ № 210-к", note="по собственному желанию",
    ),
]  # fmt: skip


def payroll(
    record_id: str = "L1",
    months: list[tuple[int, int, str, str]] | None = None,
    citation: Citation = KREENHOLM,
    enterprise: str = "Кренгольмская мануфактура",
) -> SourceRecord:
    months = months or [(1978, m, "120.50", "SUR") for m in range(3, 13)]
    return SourceRecord(
        record_id, "payroll", citation, "Тамм", "Мари", birth_date=P(1955),
        enterprise=enterprise, position="прядильщица",
        payroll=tuple(PayMonth(y, m, Decimal(a), c, str(y - 1970)) for y, m, a, c in months),
    )  # fmt: skip


# 1991-11 … 1992-12: roubles until June 1992, kroons from July; 1992-03 missing
KROON_CHANGE = [(1991, m, "250.00", "SUR") for m in (11, 12)] + [
    (1992, m, "300.00" if m < 7 else "1250.50", "SUR" if m < 7 else "EEK")
    for m in range(1, 13)
    if m != 3
]

CIVIL = [
    SourceRecord(
        "C2", "birth", DAUGAVPILS, "Kalniņš", "Ķirills", event_date=P(1972, 1, 5),
        event_place="Daugavpils", birth_date=P(1972, 1, 5),
    ),
    SourceRecord(
        "C1", "marriage", DAUGAVPILS, "Kalniņa", "Ļubova", maiden_name="Ģirta-Mežule",
        spouse_name="Kalniņš Jūlijs", event_date=P(1970, 6, 20), event_place="Daugavpils",
        birth_date=P(1950, 1, 2),
    ),
]  # fmt: skip

RESIDENCE = [
    SourceRecord(
        "R2", "residence", POWER, "Žukova", "Anna", address="Narva, Kreenholmi 11-3",
        resided_from=P(1971, 2, 2),
    ),
    SourceRecord(
        "R1", "residence", POWER, "Žukova", "Anna", address="Narva, Vestervalli 5-12",
        resided_from=P(1960, 3, 1), resided_to=P(1971, 2, 1),
    ),
]  # fmt: skip
