"""Name pools for the demo archive: loaded from Faker once per seed, drawn with Zipf-like weights.

Faker is called only while the pools are built (a few thousand calls); persons then draw from
plain lists, so common surnames repeat as they do in real ledgers.
"""

from __future__ import annotations

import random
import re
from bisect import bisect
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from faker import Faker

_DRAWS = 1500  # Faker calls per list; enough to see nearly every name of its provider

# Names that were common among people born 1900-1975; they head the ranking so that they are
# drawn most often. Faker's lists follow, in the (seeded) order in which Faker produced them.
_HEADS: dict[tuple[str, str], tuple[str, ...]] = {
    ("ru", "surname"): (
        "Иванов",
        "Смирнов",
        "Кузнецов",
        "Попов",
        "Васильев",
        "Петров",
        "Соколов",
        "Михайлов",
        "Новиков",
        "Фёдоров",
        "Морозов",
        "Волков",
        "Алексеев",
        "Лебедев",
        "Семёнов",
        "Егоров",
        "Павлов",
        "Козлов",
        "Степанов",
        "Николаев",
        "Орлов",
        "Андреев",
        "Макаров",
        "Никитин",
        "Захаров",
        "Зайцев",
        "Соловьёв",
        "Борисов",
        "Яковлев",
        "Григорьев",
    ),
    ("ru", "m"): (
        "Александр",
        "Сергей",
        "Владимир",
        "Николай",
        "Иван",
        "Алексей",
        "Виктор",
        "Юрий",
        "Михаил",
        "Анатолий",
        "Василий",
        "Валерий",
        "Геннадий",
        "Евгений",
        "Пётр",
        "Борис",
        "Дмитрий",
        "Андрей",
        "Григорий",
        "Фёдор",
        "Павел",
        "Леонид",
        "Валентин",
        "Константин",
    ),
    ("ru", "f"): (
        "Татьяна",
        "Наталья",
        "Ольга",
        "Галина",
        "Валентина",
        "Людмила",
        "Нина",
        "Елена",
        "Анна",
        "Мария",
        "Любовь",
        "Светлана",
        "Тамара",
        "Зинаида",
        "Вера",
        "Надежда",
        "Антонина",
        "Екатерина",
        "Клавдия",
        "Раиса",
        "Лидия",
        "Ирина",
        "Евдокия",
        "Александра",
    ),
    ("ru", "pm"): (
        "Иванович",
        "Александрович",
        "Николаевич",
        "Васильевич",
        "Петрович",
        "Сергеевич",
        "Михайлович",
        "Владимирович",
        "Алексеевич",
        "Фёдорович",
        "Григорьевич",
        "Павлович",
        "Андреевич",
        "Дмитриевич",
        "Степанович",
        "Яковлевич",
    ),
    ("ru", "pf"): (
        "Ивановна",
        "Александровна",
        "Николаевна",
        "Васильевна",
        "Петровна",
        "Сергеевна",
        "Михайловна",
        "Владимировна",
        "Алексеевна",
        "Фёдоровна",
        "Григорьевна",
        "Павловна",
        "Андреевна",
        "Дмитриевна",
        "Степановна",
        "Яковлевна",
    ),
    ("et", "surname"): (
        "Tamm",
        "Saar",
        "Sepp",
        "Mägi",
        "Kask",
        "Kukk",
        "Rebane",
        "Ilves",
        "Pärn",
        "Koppel",
        "Lepik",
        "Kallas",
        "Oja",
        "Kuusk",
        "Lill",
        "Karu",
        "Põder",
        "Raud",
        "Vaher",
        "Mets",
        "Kõiv",
        "Jõgi",
        "Põldmaa",
        "Luik",
        "Kaasik",
    ),
    ("et", "m"): (
        "Jaan",
        "Toomas",
        "Peeter",
        "Andres",
        "Jüri",
        "Ants",
        "Tõnu",
        "Mati",
        "Rein",
        "Heino",
        "Enn",
        "Arvo",
        "Aado",
        "Valdo",
        "Elmar",
        "Harri",
        "Kalju",
        "Lembit",
        "Uno",
        "Voldemar",
        "Juhan",
        "Madis",
        "August",
        "Eduard",
        "Endel",
        "Hillar",
        "Kalev",
        "Olev",
        "Raivo",
        "Tiit",
        "Urmas",
        "Vello",
        "Jaak",
        "Priit",
        "Aleksander",
        "Karl",
        "Johannes",
        "Heiki",
    ),
    ("et", "f"): (
        "Malle",
        "Tiiu",
        "Aino",
        "Helgi",
        "Maie",
        "Sirje",
        "Ene",
        "Eha",
        "Linda",
        "Maret",
        "Hilja",
        "Salme",
        "Helju",
        "Leida",
        "Meeta",
        "Elfriede",
        "Vaike",
        "Anne",
        "Ülle",
        "Mare",
        "Reet",
        "Tiina",
        "Kersti",
        "Marju",
        "Evi",
        "Aili",
        "Leili",
        "Aime",
        "Milvi",
        "Lehte",
        "Helmi",
        "Asta",
        "Virve",
        "Anu",
    ),
    ("lv", "surname"): (
        "Bērziņš",
        "Kalniņš",
        "Ozoliņš",
        "Jansons",
        "Ozols",
        "Liepiņš",
        "Krūmiņš",
        "Balodis",
        "Eglītis",
        "Zariņš",
        "Pētersons",
        "Vītols",
        "Kļaviņš",
        "Kārkliņš",
        "Vanags",
        "Lācis",
        "Siliņš",
        "Zvirbulis",
        "Šmits",
        "Laizāns",
        "Pudāns",
        "Kokins",
        "Zeps",
        "Grišāns",
    ),
    ("lv", "m"): (
        "Jānis",
        "Andris",
        "Juris",
        "Pēteris",
        "Aivars",
        "Valdis",
        "Kārlis",
        "Edgars",
        "Guntis",
        "Imants",
        "Ivars",
        "Aleksandrs",
        "Uldis",
        "Māris",
        "Vilis",
        "Arvīds",
        "Voldemārs",
        "Antons",
        "Jāzeps",
        "Staņislavs",
        "Gunārs",
        "Ojārs",
        "Viktors",
        "Alberts",
    ),
    ("lv", "f"): (
        "Anna",
        "Inese",
        "Ilze",
        "Biruta",
        "Dzintra",
        "Valentīna",
        "Skaidrīte",
        "Rasma",
        "Līga",
        "Aina",
        "Vija",
        "Ausma",
        "Velta",
        "Zenta",
        "Mirdza",
        "Austra",
        "Marija",
        "Silvija",
        "Genovefa",
        "Regīna",
        "Lidija",
        "Ruta",
        "Daina",
        "Maija",
    ),
}

# Latvian (and Latgalian, common around Daugavpils) surnames Faker's short list lacks; they
# follow Faker's names in the ranking.
_LV_EXTRA = (
    "Vaivods",
    "Stikuts",
    "Rancāns",
    "Andžāns",
    "Ločmelis",
    "Upenieks",
    "Kaupužs",
    "Ruskulis",
    "Jurkāns",
    "Grīnbergs",
    "Freimanis",
    "Upītis",
    "Dreimanis",
    "Strods",
    "Ziediņš",
    "Pūce",
    "Melnis",
    "Kivkucāns",
    "Leitāns",
    "Cauņa",
    "Brūveris",
    "Sprūdžs",
    "Keišs",
    "Vucāns",
)
# Female forms of Latvian surnames that the ending rules below get wrong or cannot check.
_LV_FEMALE = {
    "Jansons": "Jansone",
    "Pētersons": "Pētersone",
    "Purmals": "Purmale",
    "Vaivods": "Vaivode",
    "Stikuts": "Stikute",
    "Strods": "Strode",
    "Kaupužs": "Kaupuža",
}
# Russian-looking names in Faker's Estonian surname list: those people are "ru" in the demo.
_NOT_ESTONIAN = re.compile(r"(ov|ev|kin|nik|tsev)$|^(Koval|Korol)$")


@dataclass(frozen=True)
class ZipfPool:
    """Names ranked by frequency; rank r is drawn with weight 1 / (r + offset) ** exponent."""

    names: tuple[str, ...]
    cum: tuple[float, ...]

    @classmethod
    def build(cls, names: list[str], offset: float, exponent: float) -> ZipfPool:
        weights = [1.0 / (r + offset) ** exponent for r in range(len(names))]
        return cls(tuple(names), tuple(accumulate(weights)))

    def draw(self, rng: random.Random) -> str:
        return self.names[bisect(self.cum, rng.random() * self.cum[-1])]

    def __len__(self) -> int:
        return len(self.names)


@dataclass(frozen=True)
class OriginNames:
    """One origin's pools. Surnames are the base (masculine) form; `female_surname` gives the
    form a woman bears."""

    origin: str
    surnames: ZipfPool
    given: dict[str, ZipfPool]  # gender -> pool
    patronymics: dict[str, ZipfPool] | None  # Russians only
    female_forms: dict[str, str]

    def female_surname(self, base: str) -> str:
        return self.female_forms.get(base, base)


def _unique(fake_method, draws: int = _DRAWS) -> list[str]:
    return list(dict.fromkeys(fake_method() for _ in range(draws)))


def _ranked(head: tuple[str, ...], faker_names: list[str]) -> list[str]:
    seen = set(head)
    return list(head) + [n for n in faker_names if n not in seen and not seen.add(n)]


def ru_female_surname(base: str) -> str:
    """Иванов → Иванова, Достоевский → Достоевская, Толстой → Толстая; Черных, Шевчук stay."""
    if base.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return base + "а"
    if base.endswith(("ский", "цкий")):
        return base[:-2] + "ая"
    if base.endswith(("ий", "ой", "ый")):
        return base[:-2] + "ая"
    return base


def lv_female_surname(base: str, known: frozenset[str] = frozenset()) -> str:
    """Bērziņš → Bērziņa, Balodis → Balode, Birznieks → Birzniece, Ozols → Ozola."""
    if base in _LV_FEMALE:
        return _LV_FEMALE[base]
    if base.endswith("š"):
        return base[:-1] + "a"
    if base.endswith("is"):
        return base[:-2] + "e"
    if base.endswith("ieks"):
        return base[:-2] + "ce"
    if base.endswith("āns"):
        return base[:-1] + "e"
    if base.endswith("s"):
        stem = base[:-1]
        for candidate in (stem + "a", stem + "e"):
            if candidate in known:
                return candidate
        return stem + "a"
    return base


def _zipf_surnames(names: list[str]) -> ZipfPool:
    return ZipfPool.build(names, offset=12.0, exponent=1.0)


def _zipf_given(names: list[str]) -> ZipfPool:
    return ZipfPool.build(names, offset=2.5, exponent=1.15)


@lru_cache(maxsize=4)
def name_pools(seed: int) -> dict[str, OriginNames]:
    """Build the pools for one seed (cached: building costs ~0.1 s)."""
    ru, et, lv = Faker("ru_RU"), Faker("et_EE"), Faker("lv_LV")
    for i, fake in enumerate((ru, et, lv)):
        fake.seed_instance(seed * 3 + i)

    ru_surnames = _ranked(_HEADS["ru", "surname"], _unique(ru.last_name_male))
    pools = {
        "ru": OriginNames(
            origin="ru",
            surnames=_zipf_surnames(ru_surnames),
            given={
                "m": _zipf_given(_ranked(_HEADS["ru", "m"], _unique(ru.first_name_male))),
                "f": _zipf_given(_ranked(_HEADS["ru", "f"], _unique(ru.first_name_female))),
            },
            patronymics={
                "m": _zipf_given(_ranked(_HEADS["ru", "pm"], _unique(ru.middle_name_male))),
                "f": _zipf_given(_ranked(_HEADS["ru", "pf"], _unique(ru.middle_name_female))),
            },
            female_forms={s: ru_female_surname(s) for s in ru_surnames},
        )
    }

    et_faker = [n for n in _unique(et.last_name_est) if not _NOT_ESTONIAN.search(n)]
    pools["et"] = OriginNames(
        origin="et",
        surnames=_zipf_surnames(_ranked(_HEADS["et", "surname"], et_faker)),
        given={
            "m": _zipf_given(_ranked(_HEADS["et", "m"], _unique(et.first_name_male_est, 300))),
            "f": _zipf_given(_ranked(_HEADS["et", "f"], _unique(et.first_name_female_est, 300))),
        },
        patronymics=None,
        female_forms={},
    )

    lv_female_known = frozenset(_unique(lv.last_name_female, 600))
    lv_surnames = _ranked(
        _HEADS["lv", "surname"], _unique(lv.last_name_male, 600) + list(_LV_EXTRA)
    )
    pools["lv"] = OriginNames(
        origin="lv",
        surnames=_zipf_surnames(lv_surnames),
        given={
            "m": _zipf_given(_ranked(_HEADS["lv", "m"], _unique(lv.first_name_male))),
            "f": _zipf_given(_ranked(_HEADS["lv", "f"], _unique(lv.first_name_female))),
        },
        patronymics=None,
        female_forms={s: lv_female_surname(s, lv_female_known) for s in lv_surnames},
    )
    return pools
