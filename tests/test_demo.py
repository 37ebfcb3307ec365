"""Demo-archive generator: deterministic, complete references, scripts and currencies by date."""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal

import pytest

from clerk_app.core.records import (
    CIVIL_STATUS_TYPES,
    Currency,
    PersonRow,
    RecordType,
    Script,
)
from clerk_app.demo import DemoIdentity, generate_archive
from clerk_app.demo.names import name_pools
from clerk_app.search.translit import latin_to_cyrillic, ru_to_et, ru_to_lv

TOWNS = {"NRV": "EE", "SLM": "EE", "KJV": "EE", "IVG": "RU", "DGP": "LV"}
RECORD_ID = re.compile(r"^(NRV|SLM|KJV|IVG|DGP)-[PLCR]-\d{6}$")
LETTER = {
    RecordType.PERSONNEL: "P",
    RecordType.PAYROLL: "L",
    RecordType.BIRTH: "C",
    RecordType.MARRIAGE: "C",
    RecordType.DEATH: "C",
    RecordType.RESIDENCE: "R",
}

Archive = list[tuple[DemoIdentity, list[PersonRow]]]


@pytest.fixture(scope="module")
def archive() -> Archive:
    return list(generate_archive(2000, seed=11))


def _rows(archive: Archive):
    for ident, rows in archive:
        for row in rows:
            yield ident, row


def _doc_year(row: PersonRow) -> int:
    """The year the record was written in: it decides the record's language."""
    if row.record_type is RecordType.PERSONNEL:
        return row.hired_date.year
    if row.record_type is RecordType.PAYROLL:
        return row.payroll[0].year
    if row.record_type is RecordType.RESIDENCE:
        return row.resided_from.year
    return row.event_date.year


# -- determinism -------------------------------------------------------------------------------


def test_same_seed_gives_identical_archive():
    first = list(generate_archive(300, seed=5))
    name_pools.cache_clear()  # rebuild the Faker pools too
    random.seed(1)  # the global random state must not matter
    second = list(generate_archive(300, seed=5))
    random.seed(2)
    third = list(generate_archive(300, seed=5))
    assert first == second == third


def test_other_seed_gives_other_archive():
    a = list(generate_archive(200, seed=5))
    b = list(generate_archive(200, seed=6))
    assert [i for i, _ in a] != [i for i, _ in b]
    assert {r.surname for _, rows in a for r in rows} != {r.surname for _, rows in b for r in rows}


def test_prefix_is_stable():
    """Asking for more persons extends the archive; the first persons stay the same."""
    short = list(generate_archive(50, seed=3))
    long = list(generate_archive(120, seed=3))
    assert long[:50] == short


def test_payroll_false_has_no_payroll_records():
    rows = [r for _, rs in generate_archive(500, seed=4, payroll=False) for r in rs]
    assert rows
    assert all(r.record_type is not RecordType.PAYROLL and not r.payroll for r in rows)


def test_negative_count_rejected():
    with pytest.raises(ValueError):
        list(generate_archive(-1))


# -- persons -------------------------------------------------------------------------------------


def test_identities(archive: Archive):
    origins = Counter(ident.origin for ident, _ in archive)
    n = len(archive)
    assert [ident.person_no for ident, _ in archive] == list(range(1, n + 1))
    assert 0.42 < origins["ru"] / n < 0.58
    assert 0.18 < origins["et"] / n < 0.32
    assert 0.18 < origins["lv"] / n < 0.32
    for ident, _ in archive:
        assert ident.gender in ("m", "f")
        assert 1900 <= ident.birth.year <= 1975
        assert ident.birth.day is not None
        if ident.origin == "ru":
            assert re.search(r"[а-яё]", ident.surname)
            assert ident.patronymic and ident.patronymic.endswith(("ич", "на"))
        else:
            assert re.fullmatch(r"[A-Za-zÀ-žÕõ' -]+", ident.surname), ident.surname
            assert ident.patronymic is None
        if ident.origin == "lv":
            feminine = ident.surname.endswith(("a", "e"))
            assert feminine == (ident.gender == "f") or ident.surname in ("Pūce", "Cauņa")
        if ident.origin == "ru" and ident.gender == "f":
            assert ident.surname.endswith(("а", "я")) or not ident.surname.endswith(
                ("ов", "ев", "ин")
            )


def test_common_surnames_repeat(archive: Archive):
    counts = Counter((ident.origin, ident.surname) for ident, _ in archive)
    assert len(counts) < len(archive) / 2
    assert counts.most_common(1)[0][1] >= 10


def test_employment_dates(archive: Archive):
    for ident, rows in archive:
        card = rows[0]
        assert card.record_type is RecordType.PERSONNEL
        hired, out = card.hired_date, card.dismissed_date
        assert date(1950, 1, 1) <= date(hired.year, hired.month, hired.day)
        assert hired < out
        assert out.year <= 1995
        assert hired.year - ident.birth.year >= 16
        assert card.hired_order and card.dismissed_order
        assert card.enterprise and card.position


# -- references ------------------------------------------------------------------------------


def test_every_record_has_a_complete_reference(archive: Archive):
    ids = set()
    for _, row in _rows(archive):
        ref = row.reference
        assert ref.archive in TOWNS
        prefix = "Р-" if ref.archive == "IVG" else "R-"  # Cyrillic Р in the Russian archive
        assert re.fullmatch(re.escape(prefix) + r"\d+", ref.fonds), ref.fonds
        assert ref.inventory in ("1", "2", "3", "2л", "3л")
        assert ref.file.isdigit() and int(ref.file) > 0
        assert 1 <= ref.sheets.first <= ref.sheets.last
        assert re.fullmatch(r"\d+(-\d+)?(об\.)?", ref.sheets.text), ref.sheets.text
        assert ref.sheets.text.startswith(str(ref.sheets.first))
        assert row.archive_name and row.fonds_title and row.file_title
        assert RECORD_ID.match(row.record_id)
        assert row.record_id.startswith(ref.archive + "-" + LETTER[row.record_type])
        assert row.record_id not in ids
        ids.add(row.record_id)


def test_a_file_has_one_title(archive: Archive):
    titles = defaultdict(set)
    for _, row in _rows(archive):
        ref = row.reference
        titles[ref.archive, ref.fonds, ref.inventory, ref.file].add(row.file_title)
    assert all(len(t) == 1 for t in titles.values())


def test_thousand_persons_cover_all_towns_and_record_types():
    rows = [r for _, rs in generate_archive(1000, seed=42) for r in rs]
    assert {r.reference.archive for r in rows} == set(TOWNS)
    assert {r.record_type for r in rows} == set(RecordType)
    mix = Counter(r.record_type for r in rows)
    assert mix[RecordType.PERSONNEL] == 1000
    civil = sum(mix[t] for t in CIVIL_STATUS_TYPES)
    assert 200 < civil < 400
    assert 80 < mix[RecordType.RESIDENCE] < 230


# -- scripts ---------------------------------------------------------------------------------


def test_soviet_records_are_cyrillic(archive: Archive):
    checked = Counter()
    for ident, row in _rows(archive):
        if _doc_year(row) > 1991:
            continue
        assert row.script is Script.CYRILLIC, row
        if ident.origin == "ru":
            assert row.translit_system is None
            assert (row.surname, row.given_name, row.patronymic) == (
                ident.surname,
                ident.given_name,
                ident.patronymic,
            )
        else:
            assert row.translit_system == "ru_soviet_ledger"
            assert row.surname == latin_to_cyrillic(ident.surname, ident.origin)
            assert row.given_name == latin_to_cyrillic(ident.given_name, ident.origin)
        if row.record_type is RecordType.PERSONNEL:
            assert re.match(r"Приказ № \d+-к$", row.hired_order)
        checked[ident.origin] += 1
    assert checked["et"] > 100 and checked["lv"] > 100


def test_post_soviet_estonian_records_are_latin(archive: Archive):
    checked = 0
    for ident, row in _rows(archive):
        if TOWNS[row.reference.archive] != "EE" or _doc_year(row) < 1992:
            continue
        assert row.script is Script.LATIN, row
        if ident.origin == "ru":
            assert row.translit_system == "et"
            assert row.surname == ru_to_et(ident.surname)
            assert row.patronymic == ru_to_et(ident.patronymic)
        else:
            assert row.translit_system is None
            assert row.surname == ident.surname
        assert not re.search(r"[\u0400-\u04ff]", row.file_title)
        checked += 1
    assert checked > 20


def test_post_soviet_latvian_records_are_latvian(archive: Archive):
    checked = 0
    for ident, row in _rows(archive):
        if TOWNS[row.reference.archive] != "LV" or _doc_year(row) < 1992:
            continue
        assert row.script is Script.LATIN, row
        if ident.origin == "ru":
            assert row.translit_system == "lv"
            assert row.surname == ru_to_lv(ident.surname, ident.gender, is_surname=True)
        else:
            assert row.surname == ident.surname
        checked += 1
    assert checked > 5


def test_ivangorod_is_always_cyrillic(archive: Archive):
    rows = [row for _, row in _rows(archive) if row.reference.archive == "IVG"]
    assert any(_doc_year(r) >= 1992 for r in rows)
    assert all(r.script is Script.CYRILLIC for r in rows)


# -- payroll ---------------------------------------------------------------------------------


def _expected_currency(country: str, year: int, month: int) -> Currency:
    if year < 1961:
        return Currency.RUB
    if year <= 1991:
        return Currency.SUR
    if country == "EE":
        return Currency.SUR if (year, month) < (1992, 6) else Currency.EEK
    assert country == "RU", "Latvian payroll ends in 1991"
    return Currency.RUB


def test_payroll_currencies_follow_dates(archive: Archive):
    seen = Counter()
    for ident, rows in archive:
        card = rows[0]
        for row in rows:
            if row.record_type is not RecordType.PAYROLL:
                assert not row.payroll
                continue
            country = TOWNS[row.reference.archive]
            months = [(e.year, e.month) for e in row.payroll]
            assert months == sorted(set(months))
            assert len(months) <= 6 * 12
            assert months[0] >= (card.hired_date.year, card.hired_date.month)
            assert months[-1] <= (card.dismissed_date.year, card.dismissed_date.month)
            assert row.birth_date.year == ident.birth.year
            for e in row.payroll:
                assert e.currency is _expected_currency(country, e.year, e.month), (country, e)
                assert isinstance(e.amount, Decimal) and e.amount > 0
                assert e.amount.as_tuple().exponent == -2
                seen[e.currency] += 1
                if e.currency is Currency.SUR:
                    assert 50 < e.amount < 600
                elif e.currency is Currency.EEK:
                    assert 250 < e.amount < 4000
                elif e.year < 1961:
                    assert 300 < e.amount < 2000
    assert set(seen) == {Currency.RUB, Currency.SUR, Currency.EEK}


def test_payroll_sheets_lie_in_the_cited_range(archive: Archive):
    for _, row in _rows(archive):
        if row.record_type is RecordType.PAYROLL:
            sheets = {int(re.match(r"\d+", e.sheet).group()) for e in row.payroll}
            assert min(sheets) == row.reference.sheets.first
            assert max(sheets) == row.reference.sheets.last


def test_salaries_rise_over_time(archive: Archive):
    by_year = defaultdict(list)
    for _, row in _rows(archive):
        for e in row.payroll:
            if e.currency is Currency.SUR:
                by_year[e.year].append(e.amount)

    def mean(year: int) -> Decimal:
        return sum(by_year[year]) / len(by_year[year])

    assert mean(1962) < mean(1975) < mean(1989)
