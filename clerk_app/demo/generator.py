"""Generate a deterministic demo archive of Soviet-era and 1990s employment records.

Every person works at one enterprise of one town and gets a personnel card, usually a payroll
account and sometimes a civil-status or a residence record. Each record is written the way the
original would be: Russian-language (Cyrillic names) up to 1991 and always in Ivangorod,
Estonian or Latvian from 1992 on in Estonia and Latvia.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from itertools import accumulate

from clerk_app.core.records import (
    ArchivalReference,
    Currency,
    PartialDate,
    PayrollEntry,
    PersonRow,
    RecordType,
    SheetRange,
)
from clerk_app.demo import catalog
from clerk_app.demo.catalog import (
    INV_CIVIL,
    INV_PAYROLL,
    INV_PERSONNEL,
    INV_RESIDENCE_LATER,
    INV_RESIDENCE_SOVIET,
    ORIGIN_WEIGHTS,
    PAYROLL_PERIODS,
    POSITIONS,
    TOWN_BY_ORIGIN,
    TOWNS,
    Enterprise,
    Position,
    Town,
    group_label,
    letter_group,
)
from clerk_app.demo.names import OriginNames, name_pools
from clerk_app.search import translit

CIVIL_SHARE = 0.30
RESIDENCE_SHARE = 0.15
FIRST_YEAR, LAST_YEAR = 1950, 1995  # employment
BIRTH_FIRST, BIRTH_LAST = 1900, 1975
EEK_FROM = (1992, 6)  # the kroon replaced the rouble on 20 June 1992; June was paid in kroons

_LAST_DAY = date(LAST_YEAR, 12, 31).toordinal()
_LAST_HIRE = date(LAST_YEAR, 6, 30).toordinal()
_YEAR_START = {y: date(y, 1, 1).toordinal() for y in range(1890, 2002)}

# Share of women by an enterprise's main trade.
_FEMALE_SHARE = {
    "textile": 0.75,
    "trade": 0.75,
    "chemical": 0.45,
    "furniture": 0.35,
    "machine": 0.3,
    "power": 0.3,
    "rail": 0.25,
    "mining": 0.2,
    "forestry": 0.15,
}

_DISMISSAL = {
    # (lang, reason): (male text, female text)
    "cyr": (
        ("Уволен по собственному желанию", "Уволена по собственному желанию"),
        (
            "Уволен в связи с переводом на другое предприятие",
            "Уволена в связи с переводом на другое предприятие",
        ),
        ("Уволен по сокращению штатов", "Уволена по сокращению штатов"),
        ("Уволен в связи с уходом на пенсию", "Уволена в связи с уходом на пенсию"),
    ),
    "et": (
        ("Vabastatud omal soovil",) * 2,
        ("Vabastatud seoses üleviimisega teise ettevõttesse",) * 2,
        ("Vabastatud koondamise tõttu",) * 2,
        ("Vabastatud seoses pensionile jäämisega",) * 2,
    ),
    "lv": (
        ("Atbrīvots pēc paša vēlēšanās", "Atbrīvota pēc paša vēlēšanās"),
        (
            "Atbrīvots sakarā ar pāreju uz citu uzņēmumu",
            "Atbrīvota sakarā ar pāreju uz citu uzņēmumu",
        ),
        (
            "Atbrīvots darbinieku skaita samazināšanas dēļ",
            "Atbrīvota darbinieku skaita samazināšanas dēļ",
        ),
        ("Atbrīvots sakarā ar aiziešanu pensijā", "Atbrīvota sakarā ar aiziešanu pensijā"),
    ),
}

_ORDER = {"cyr": "Приказ № {}-к", "et": "Käskkiri nr {}-k", "lv": "Rīkojums Nr. {}-k"}

_CIVIL_TITLE = {
    ("cyr", "birth"): "Актовые записи о рождении за {} год",
    ("cyr", "marriage"): "Актовые записи о заключении брака за {} год",
    ("cyr", "death"): "Актовые записи о смерти за {} год",
    ("et", "birth"): "Sünni registreerimise aktid, {}",
    ("et", "marriage"): "Abielu registreerimise aktid, {}",
    ("et", "death"): "Surma registreerimise aktid, {}",
    ("lv", "birth"): "Dzimšanas reģistra ieraksti, {}. gads",
    ("lv", "marriage"): "Laulību reģistra ieraksti, {}. gads",
    ("lv", "death"): "Miršanas reģistra ieraksti, {}. gads",
}
_CIVIL_TYPE = {
    "birth": RecordType.BIRTH,
    "marriage": RecordType.MARRIAGE,
    "death": RecordType.DEATH,
}


@dataclass(frozen=True)
class DemoIdentity:
    """Who a demo person really is, for benchmarks and tests."""

    person_no: int
    origin: str  # "ru", "et", "lv"
    gender: str  # "m" / "f"
    surname: str  # in the person's own script
    given_name: str
    patronymic: str | None  # Russians only
    birth: PartialDate  # full date


def generate_archive(
    persons: int, seed: int = 42, *, payroll: bool = True
) -> Iterator[tuple[DemoIdentity, list[PersonRow]]]:
    """Yield `persons` demo persons with their records; the same seed gives the same archive."""
    if persons < 0:
        raise ValueError("persons must not be negative")
    gen = _Generator(seed, payroll)
    for person_no in range(1, persons + 1):
        yield gen.person(person_no)


def demo_rows(persons: int, seed: int = 42, payroll: bool = True) -> Iterator[PersonRow]:
    """The records of generate_archive, flat (what `clerk demo` imports)."""
    for _identity, records in generate_archive(persons, seed, payroll=payroll):
        yield from records


def _cum(weights: dict[str, float]) -> tuple[tuple[str, ...], tuple[float, ...]]:
    return tuple(weights), tuple(accumulate(weights.values()))


def _pick(rng: random.Random, table: tuple[tuple, tuple[float, ...]]):
    keys, cum = table
    return keys[bisect(cum, rng.random() * cum[-1])]


def _ri(rng: random.Random, a: int, b: int) -> int:
    """Like rng.randint, a few times faster (one random() call)."""
    return a + int(rng.random() * (b - a + 1))


def _rr(rng: random.Random, n: int) -> int:
    return int(rng.random() * n)


_DATES: dict[int, PartialDate] = {}  # ordinal -> PartialDate (values are immutable)


def _pdate(ordinal: int) -> PartialDate:
    pd = _DATES.get(ordinal)
    if pd is None:
        d = date.fromordinal(ordinal)
        pd = _DATES[ordinal] = PartialDate(d.year, d.month, d.day)
    return pd


def _currency(country: str, year: int, month: int) -> Currency:
    if year < 1961:
        return Currency.RUB
    if year <= 1991:
        return Currency.SUR
    if country == "EE":
        return Currency.SUR if (year, month) < EEK_FROM else Currency.EEK
    if country == "RU":
        return Currency.RUB
    raise ValueError(f"no payroll currency for {country} in {year}")  # Latvia ends in 1991


# Typical monthly pay of the base level by currency and year.
_RUB_1992 = {1992: 5000.0, 1993: 55000.0, 1994: 200000.0, 1995: 450000.0}
_EEK = {1992: 550.0, 1993: 1000.0, 1994: 1550.0, 1995: 2100.0}


def _base_pay(currency: Currency, year: int) -> float:
    if currency is Currency.RUB:
        return 720.0 + 15.0 * (year - 1950) if year < 1961 else _RUB_1992[year]
    if currency is Currency.SUR:
        return 95.0 + 5.0 * (year - 1961) + (35.0 if year >= 1991 else 0.0)
    return _EEK[year]


@cache
def _personnel_title(lang: str, year: int, group: int | None) -> str:
    letters = group_label(group, lang) if group is not None else None
    if lang == "cyr":
        title = f"Личные карточки уволенных (ф. Т-2) за {year} год"
        return title + (f", буквы {letters}" if letters else "")
    if lang == "et":
        title = f"Vallandatud töötajate isikukaardid (vorm T-2), {year}"
        return title + (f", tähed {letters}" if letters else "")
    title = f"Atlaisto darbinieku personāla kartītes (T-2), {year}. gads"
    return title + (f", burti {letters}" if letters else "")


@cache
def _payroll_title(lang: str, first_year: int, last_year: int, group: int) -> str:
    letters = group_label(group, lang)
    if lang == "cyr":
        return f"Лицевые счета рабочих и служащих за {first_year}–{last_year} гг., буквы {letters}"
    if lang == "et":
        return f"Töötajate isikuarved {first_year}–{last_year}, tähed {letters}"
    return f"Darbinieku personīgie konti {first_year}.–{last_year}. g., burti {letters}"


@dataclass(slots=True)
class _Person:
    identity: DemoIdentity
    surname_base: str  # masculine/base form
    town: Town
    enterprise: Enterprise
    position: Position
    titles: dict[str, str]  # lang -> position title for this person's gender
    hired: int  # ordinal
    dismissed: int  # ordinal
    written: dict[str, tuple[str, str, str | None]] = field(default_factory=dict)


class _Names:
    """Names as a record of a given language writes them, cached (names repeat a lot)."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str, str, str, str], str] = {}

    def form(self, name: str, lang: str, origin: str, gender: str, kind: str) -> str:
        key = (name, lang, origin, gender, kind)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = self._convert(name, lang, origin, gender, kind)
        return cached

    @staticmethod
    def _convert(name: str, lang: str, origin: str, gender: str, kind: str) -> str:
        if lang == "cyr":
            return name if origin == "ru" else translit.latin_to_cyrillic(name, origin)
        if origin != "ru":
            return name  # Estonian and Latvian records keep Latin-script native names
        if lang == "et":
            return translit.ru_to_et(name)
        return translit.ru_to_lv(name, gender, is_surname=kind == "surname")


def translit_system(lang: str, origin: str) -> str | None:
    """How a record of language `lang` came to write the name of a person of `origin`."""
    if lang == "cyr":
        return None if origin == "ru" else "ru_soviet_ledger"
    return lang if origin == "ru" else None


_CENT = Decimal("0.01")
_TRANSLIT = {
    (lang, o): translit_system(lang, o) for lang in ("cyr", "et", "lv") for o in ORIGIN_WEIGHTS
}


class _Generator:
    def __init__(self, seed: int, payroll: bool) -> None:
        self.rng = random.Random(seed)
        self.pools: dict[str, OriginNames] = name_pools(seed)
        self.payroll = payroll
        self.names = _Names()
        self.counters: dict[tuple[str, str], int] = {}
        self.sheet_ranges: dict[tuple[int, int], SheetRange] = {}
        # One draw picks origin, town and enterprise: P(origin) * P(town | origin) * P(ent | town)
        workplaces: dict[tuple[str, Town, Enterprise], float] = {}
        for origin, share in ORIGIN_WEIGHTS.items():
            for code, town_share in TOWN_BY_ORIGIN[origin].items():
                town = TOWNS[code]
                total = sum(e.weight for e in town.enterprises)
                for ent in town.enterprises:
                    workplaces[origin, town, ent] = share * town_share * ent.weight / total
        self.workplaces = _cum(workplaces)
        self.position_tables: dict[tuple[str, str], tuple[tuple, tuple[float, ...]]] = {}
        for town in TOWNS.values():
            for ent in town.enterprises:
                for gender in ("m", "f"):
                    self.position_tables[ent.key, gender] = self._positions(ent, gender)

    @staticmethod
    def _positions(ent: Enterprise, gender: str) -> tuple[tuple, tuple[float, ...]]:
        options: list[tuple[Position, dict[str, str]]] = []
        weights: list[float] = []
        n_other = len(ent.trades) - 1
        for i, trade in enumerate(ent.trades):
            share = 0.65 if i == 0 else 0.35 / n_other
            fitting = [p for p in POSITIONS[trade] if p.gender in (None, gender)]
            for p in fitting:
                titles = {lang: p.title(lang, gender) for lang in ("cyr", "et", "lv")}
                options.append((p, titles))
                weights.append(share / len(fitting))
        return tuple(options), tuple(accumulate(weights))

    # -- persons -------------------------------------------------------------------------------

    def _record_id(self, town: Town, letter: str) -> str:
        key = (town.code, letter)
        n = self.counters[key] = self.counters.get(key, 0) + 1
        return f"{town.code}-{letter}-{n:06d}"

    def person(self, person_no: int) -> tuple[DemoIdentity, list[PersonRow]]:
        rng = self.rng
        origin, town, ent = _pick(rng, self.workplaces)
        gender = "f" if rng.random() < _FEMALE_SHARE[ent.trades[0]] else "m"
        position, titles = _pick(rng, self.position_tables[ent.key, gender])

        first_birth = max(BIRTH_FIRST, ent.founded - 50)
        birth_year = min(BIRTH_LAST, int(rng.triangular(first_birth, BIRTH_LAST + 1, 1938)))
        rand = rng.random  # inlined randint below: this is the hot path
        year_start = _YEAR_START[birth_year]
        birth_ord = year_start + int(rand() * (_YEAR_START[birth_year + 1] - year_start))
        earliest = max(_YEAR_START[FIRST_YEAR], _YEAR_START[ent.founded], birth_ord + 16 * 365 + 4)
        latest = max(earliest, min(_LAST_HIRE, birth_ord + 50 * 365))
        hired = earliest + int(rand() * (latest - earliest + 1))
        tenure = int(rng.expovariate(1 / 2600.0)) + 14 + int(rand() * 227)
        dismissed = min(hired + tenure, birth_ord + 62 * 365)
        if dismissed > _LAST_DAY:  # still employed: laid off in the closures of the 1990s
            dismissed = _ri(rng, max(hired + 14, _YEAR_START[1992]), _LAST_DAY)
        dismissed = max(dismissed, hired + 14)

        pool = self.pools[origin]
        surname_base = pool.surnames.draw(rng)
        surname = pool.female_surname(surname_base) if gender == "f" else surname_base
        given = pool.given[gender].draw(rng)
        patronymic = pool.patronymics[gender].draw(rng) if pool.patronymics else None
        identity = DemoIdentity(
            person_no, origin, gender, surname, given, patronymic, _pdate(birth_ord)
        )
        p = _Person(identity, surname_base, town, ent, position, titles, hired, dismissed)

        rows = [self._personnel(p)]
        if self.payroll:
            account = self._payroll(p)
            if account is not None:
                rows.append(account)
        if rng.random() < CIVIL_SHARE:
            civil = self._civil(p)
            if civil is not None:
                rows.append(civil)
        if rng.random() < RESIDENCE_SHARE:
            rows.append(self._residence(p))
        return identity, rows

    def _written(self, p: _Person, lang: str) -> tuple[str, str, str | None]:
        """Surname, given name and patronymic as a record of `lang` writes them."""
        written = p.written.get(lang)
        if written is None:
            ident = p.identity
            form = self.names.form
            o, g = ident.origin, ident.gender
            written = p.written[lang] = (
                form(ident.surname, lang, o, g, "surname"),
                form(ident.given_name, lang, o, g, "given"),
                form(ident.patronymic, lang, o, g, "patronymic") if ident.patronymic else None,
            )
        return written

    def _row(
        self,
        p: _Person,
        letter: str,
        rtype: RecordType,
        lang: str,
        fonds: str,
        inventory: str,
        file_no: int,
        sheets: SheetRange,
        **fields,
    ) -> PersonRow:
        town = p.town
        surname, given, patronymic = self._written(p, lang)
        return PersonRow(
            record_id=self._record_id(town, letter),
            record_type=rtype,
            surname=surname,
            given_name=given,
            patronymic=patronymic,
            reference=ArchivalReference(
                town.code, town.fonds_prefix + fonds, inventory, str(file_no), sheets
            ),
            gender=p.identity.gender,
            translit_system=_TRANSLIT[lang, p.identity.origin],
            archive_name=town.archive_name,
            **fields,
        )

    # -- sheets ------------------------------------------------------------------------------

    def _sheets(self, lang: str, max_first: int) -> SheetRange:
        """A record's sheets: one sheet, its verso (Russian files), or two or three sheets."""
        rng = self.rng
        first = _ri(rng, 1, max_first)
        r = rng.random()
        kind = 0 if r < 0.45 else 1 if r < 0.65 and lang == "cyr" else 2 if r < 0.75 else 3
        key = (kind, first)
        sheets = self.sheet_ranges.get(key)
        if sheets is None:
            if kind == 0:
                sheets = SheetRange(f"{first}-{first + 1}", first, first + 1)
            elif kind == 1:
                sheets = SheetRange(f"{first}об.", first, first)
            elif kind == 2:
                sheets = SheetRange(f"{first}-{first + 2}", first, first + 2)
            else:
                sheets = SheetRange(str(first), first, first)
            self.sheet_ranges[key] = sheets
        return sheets

    # -- record kinds ------------------------------------------------------------------------

    def _personnel(self, p: _Person) -> PersonRow:
        rng = self.rng
        town, ent, ident = p.town, p.enterprise, p.identity
        hired, dismissed = _pdate(p.hired), _pdate(p.dismissed)
        lang = town.record_lang(hired.year)
        out_lang = town.record_lang(dismissed.year)

        # Cards of the dismissed are filed by year of dismissal (and surname letters in big
        # fonds), under the file's language.
        year = dismissed.year
        if ent.big:
            group: int | None = letter_group(self._written(p, out_lang)[0], out_lang)
            file_no = (year - FIRST_YEAR) * 6 + group + 1
        else:
            group, file_no = None, year - FIRST_YEAR + 1
        title = _personnel_title(out_lang, year, group)

        age_out = year - ident.birth.year
        if age_out >= (55 if ident.gender == "f" else 60):
            reason = 3
        elif year >= 1990 and rng.random() < 0.4:
            reason = 2
        else:
            reason = 0 if rng.random() < 0.75 else 1
        note = _DISMISSAL[out_lang][reason][ident.gender == "f"]

        return self._row(
            p,
            "P",
            RecordType.PERSONNEL,
            lang,
            ent.fonds,
            INV_PERSONNEL,
            file_no,
            self._sheets(out_lang, 290),
            birth_date=ident.birth,
            fonds_title=ent.name_ru,
            file_title=title,
            enterprise=ent.name_ru if lang == "cyr" else ent.name_local,
            position=p.titles[lang],
            hired_date=hired,
            hired_order=_ORDER[lang].format(_ri(rng, 1, 480)),
            dismissed_date=dismissed,
            dismissed_order=_ORDER[out_lang].format(_ri(rng, 1, 480)),
            note=note,
        )

    def _payroll(self, p: _Person) -> PersonRow | None:
        rng = self.rng
        town, ent, ident = p.town, p.enterprise, p.identity
        start, end = date.fromordinal(p.hired), date.fromordinal(p.dismissed)
        last_year = 1991 if town.country == "LV" else LAST_YEAR
        periods = [
            (i, a, b)
            for i, (a, b) in enumerate(PAYROLL_PERIODS)
            if a <= end.year and b >= start.year and a <= last_year
        ]
        if not periods:
            return None
        index, first_year, last_year_p = periods[_rr(rng, len(periods))]
        lang = town.record_lang(first_year)
        from_ym = max((first_year, 1), (start.year, start.month))
        to_ym = min((last_year_p, 12), (end.year, end.month), (last_year, 12))

        group = letter_group(self._written(p, lang)[0], lang)
        title = _payroll_title(lang, first_year, last_year_p, group)

        factor = (0.6 + 0.4 * p.position.level) * rng.uniform(0.85, 1.15)
        first_sheet = _ri(rng, 1, 260)
        verso = lang == "cyr" and rng.random() < 0.5
        country = town.country
        entries: list[PayrollEntry] = []
        append, rand, cent = entries.append, rng.random, _CENT
        for year in range(from_ym[0], to_ym[0] + 1):
            sheet_no = first_sheet + year - from_ym[0]
            front = str(sheet_no)
            back = f"{sheet_no}об." if verso else front  # second half-year on the verso
            m0 = from_ym[1] if year == from_ym[0] else 1
            m1 = to_ym[1] if year == to_ym[0] else 12
            mixed = country == "EE" and year == EEK_FROM[0]  # roubles, then kroons
            currency = _currency(country, year, m0)
            base = _base_pay(currency, year) * factor * 100  # in kopecks / cents
            for month in range(m0, m1 + 1):
                if mixed and month == EEK_FROM[1]:
                    currency = Currency.EEK
                    base = _base_pay(currency, year) * factor * 100
                amount = Decimal(round(base * (0.93 + 0.16 * rand()))) * cent
                append(PayrollEntry(year, month, amount, currency, back if month > 6 else front))
        last_sheet = first_sheet + (to_ym[0] - from_ym[0])
        text = str(first_sheet) if last_sheet == first_sheet else f"{first_sheet}-{last_sheet}"
        if verso and to_ym[1] > 6:
            text += "об."
        return self._row(
            p,
            "L",
            RecordType.PAYROLL,
            lang,
            ent.fonds,
            INV_PAYROLL,
            index * 6 + group + 1,
            SheetRange(text, first_sheet, last_sheet),
            birth_date=PartialDate(ident.birth.year),  # ledgers give the year of birth
            fonds_title=ent.name_ru,
            file_title=title,
            enterprise=ent.name_ru if lang == "cyr" else ent.name_local,
            position=p.titles[lang],
            payroll=entries,
        )

    def _civil(self, p: _Person) -> PersonRow | None:
        rng = self.rng
        town, ident = p.town, p.identity
        birth = ident.birth
        options: list[tuple[str, float]] = []
        if birth.year >= 1944:
            options.append(("birth", 0.3))
        marriage_year = birth.year + _ri(rng, 19, 32)
        if 1945 <= marriage_year <= 1999:
            options.append(("marriage", 0.45))
        death_from = max(date.fromordinal(p.dismissed).year, birth.year + 45)
        if death_from <= 1999:
            options.append(("death", 0.25))
        if not options:
            return None
        r = rng.random() * sum(w for _, w in options)
        kind = options[-1][0]
        for option, w in options:
            r -= w
            if r < 0:
                kind = option
                break

        if kind == "birth":
            event = birth
        elif kind == "marriage":
            start = _YEAR_START[marriage_year]
            event = _pdate(start + _rr(rng, _YEAR_START[marriage_year + 1] - start))
        else:
            first = max(p.dismissed + 1, _YEAR_START[death_from])
            event = _pdate(_ri(rng, first, _YEAR_START[2000] - 1))
        lang = town.record_lang(event.year)

        fields: dict = {}
        if kind == "marriage":
            fields.update(self._marriage(p, lang))
        return self._row(
            p,
            "C",
            _CIVIL_TYPE[kind],
            lang,
            town.civil_fonds,
            INV_CIVIL[kind],
            event.year - 1943,
            self._sheets(lang, 380),
            birth_date=birth,
            fonds_title=town.civil_title,
            file_title=_CIVIL_TITLE[lang, kind].format(event.year),
            event_date=event,
            event_place=town.place(lang),
            **fields,
        )

    def _marriage(self, p: _Person, lang: str) -> dict[str, str | None]:
        rng = self.rng
        ident = p.identity
        origin = ident.origin
        pool = self.pools[origin]
        form = self.names.form
        if ident.gender == "f":
            # She took her husband's surname; the act gives her maiden name.
            maiden_base = pool.surnames.draw(rng)
            while maiden_base == p.surname_base and len(pool.surnames) > 1:
                maiden_base = pool.surnames.draw(rng)
            maiden = form(pool.female_surname(maiden_base), lang, origin, "f", "surname")
            sg, s_surname = "m", p.surname_base
        else:
            maiden = None
            sg, s_surname = "f", pool.female_surname(p.surname_base)
        parts = [
            form(s_surname, lang, origin, sg, "surname"),
            form(pool.given[sg].draw(rng), lang, origin, sg, "given"),
        ]
        if pool.patronymics:
            parts.append(form(pool.patronymics[sg].draw(rng), lang, origin, sg, "patronymic"))
        return {"maiden_name": maiden, "spouse_name": " ".join(parts)}

    def _residence(self, p: _Person) -> PersonRow:
        rng = self.rng
        town, ident = p.town, p.identity
        earliest = max(_YEAR_START[1946], _YEAR_START[ident.birth.year] + 16 * 365)
        moved_in = max(earliest, p.hired - _ri(rng, 0, 3 * 365))
        moved_in = min(moved_in, p.hired + 365)
        moved_out: int | None = p.dismissed + _ri(rng, 0, 4 * 365)
        if rng.random() < 0.2 or moved_out > _YEAR_START[2000] - 1:
            moved_out = None
        resided_from = _pdate(moved_in)
        lang = town.record_lang(resided_from.year)

        street_no = _rr(rng, len(town.streets))
        street_ru, street_local = town.streets[street_no]
        house, flat = _ri(rng, 1, 60), _ri(rng, 1, 120)
        soviet = resided_from.year <= catalog.SOVIET_LAST_YEAR
        if lang == "cyr":
            address = f"г. {town.name_ru}, {street_ru}, д. {house}, кв. {flat}"
            book = "Домовая книга" if soviet else "Поквартирные карточки"
            title = f"{book}: {street_ru}, д. {house}"
        else:
            address = f"{town.name_local}, {street_local} {house}-{flat}"
            if lang == "et":
                title = f"Elanike registreerimise kaardid: {street_local} {house}"
            else:
                title = f"Mājas grāmata: {street_local} {house}"
        return self._row(
            p,
            "R",
            RecordType.RESIDENCE,
            lang,
            town.residence_fonds,
            INV_RESIDENCE_SOVIET if soviet else INV_RESIDENCE_LATER,
            (street_no + 1) * 100 + house,
            self._sheets(lang, 96),
            birth_date=ident.birth,
            fonds_title=town.residence_title,
            file_title=title,
            address=address,
            resided_from=resided_from,
            resided_to=_pdate(moved_out) if moved_out is not None else None,
        )
