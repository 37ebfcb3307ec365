"""Static facts the demo archive is built from: towns, their archives, enterprises and positions.

Fonds numbers and some post-1991 enterprise names are invented but shaped like the real ones;
the enterprises themselves existed in these towns.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

# Record language (the "lang" of a record): "cyr" = Russian-language Soviet ledger or Russian
# archive, "et" = Estonian-language record, "lv" = Latvian-language record.
SOVIET_LAST_YEAR = 1991  # records dated 1991 and earlier are Russian-language everywhere


@dataclass(frozen=True)
class Position:
    ru: str  # "кладовщик|кладовщица" when the title is gendered (male|female)
    et: str
    lv: str  # "grāmatvedis|grāmatvede" likewise
    gender: str | None = None  # only this gender holds it
    level: float = 1.0  # salary factor

    def title(self, lang: str, gender: str) -> str:
        text = self.ru if lang == "cyr" else self.et if lang == "et" else self.lv
        if "|" in text:
            male, female = text.split("|")
            return female if gender == "f" else male
        return text


@dataclass(frozen=True)
class Enterprise:
    key: str
    fonds: str  # number without prefix; the town's archive adds "R-" / "Р-"
    name_ru: str  # as written in Soviet records and in the fonds title
    name_local: str  # as written in post-1991 records of the town's country
    founded: int  # first year of personnel records in the fonds (>= 1950)
    weight: float  # share of the town's workers
    trades: tuple[str, ...]  # position groups, see POSITIONS
    big: bool = False  # personnel files split by surname letters


@dataclass(frozen=True)
class Town:
    code: str
    country: str  # "EE", "RU", "LV"
    name_ru: str
    name_local: str
    archive_name: str
    fonds_prefix: str  # "R-" (Latin) in Estonia and Latvia, "Р-" (Cyrillic) in Russia
    enterprises: tuple[Enterprise, ...]
    civil_fonds: str
    civil_title: str
    residence_fonds: str
    residence_title: str
    streets: tuple[tuple[str, str], ...]  # (Russian form, local form)

    def place(self, lang: str) -> str:
        return self.name_ru if lang == "cyr" else self.name_local

    def record_lang(self, year: int) -> str:
        if self.country == "RU" or year <= SOVIET_LAST_YEAR:
            return "cyr"
        return "et" if self.country == "EE" else "lv"


def _p(ru: str, et: str, lv: str, gender: str | None = None, level: float = 1.0) -> Position:
    return Position(ru, et, lv, gender, level)


POSITIONS: dict[str, tuple[Position, ...]] = {
    "textile": (
        _p("ткачиха", "kuduja", "audēja", "f", 0.95),
        _p("прядильщица", "ketraja", "vērpēja", "f", 0.9),
        _p("мотальщица", "poolija", "tinēja", "f", 0.85),
        _p("помощник мастера", "meistri abi", "meistara palīgs", "m", 1.1),
        _p("красильщик", "värvija", "krāsotājs", "m", 1.0),
        _p("ровничница", "eelketraja", "pusvērpēja", "f", 0.85),
    ),
    "power": (
        _p("машинист котлов", "katlamasinist", "katlu mašīnists", "m", 1.2),
        _p("машинист турбин", "turbiinimasinist", "turbīnu mašīnists", "m", 1.25),
        _p("электромонтёр", "elektrimontöör", "elektromontieris", "m", 1.1),
        _p("дежурный инженер станции", "jaama valveinsener", "stacijas dežurinženieris", "m", 1.4),
        _p("лаборант химического анализа", "keemialaborant", "ķīmiskās analīzes laborante", "f"),
    ),
    "chemical": (
        _p("аппаратчик|аппаратчица", "aparaadijuht", "aparatūras operators|operatore", None, 1.15),
        _p("лаборант|лаборантка", "laborant", "laborants|laborante", None, 0.9),
        _p("инженер-химик", "keemiainsener", "inženieris ķīmiķis|inženiere ķīmiķe", None, 1.35),
        _p("слесарь КИПиА", "mõõteriistade lukksepp", "KIP atslēdznieks", "m", 1.1),
    ),
    "mining": (
        _p("горнорабочий очистного забоя", "kaevur", "kalnracis", "m", 1.4),
        _p(
            "машинист горных выемочных машин",
            "kombainijuht",
            "raktuves kombaina mašīnists",
            "m",
            1.5,
        ),
        _p("взрывник", "lõhkaja", "spridzinātājs", "m", 1.4),
        _p("горный мастер", "mäemeister", "kalnu meistars", "m", 1.5),
    ),
    "furniture": (
        _p("столяр", "tisler", "galdnieks", "m", 1.0),
        _p(
            "станочник деревообрабатывающих станков",
            "puidupingi operaator",
            "kokapstrādes darbgaldu operators",
            "m",
        ),
        _p("лакировщица", "lakkija", "lakotāja", "f", 0.9),
        _p("сборщик мебели", "mööblikoostaja", "mēbeļu montētājs", "m"),
    ),
    "machine": (
        _p("токарь", "treial", "virpotājs", "m", 1.1),
        _p("фрезеровщик", "freesija", "frēzētājs", "m", 1.1),
        _p("слесарь-ремонтник", "remondilukksepp", "atslēdznieks-remontētājs", "m", 1.05),
        _p("электросварщик", "elektrikeevitaja", "elektrometinātājs", "m", 1.15),
        _p("кузнец", "sepp", "kalējs", "m", 1.1),
        _p(
            "контролёр ОТК",
            "tehnilise kontrolli kontrolör",
            "TKN kontrolieris|kontroliere",
            None,
            0.9,
        ),
    ),
    "rail": (
        _p(
            "слесарь по ремонту подвижного состава",
            "veeremi remondilukksepp",
            "ritošā sastāva remonta atslēdznieks",
            "m",
            1.1,
        ),
        _p("мастер цеха", "tsehhimeister", "ceha meistars", "m", 1.3),
        _p("маляр", "maaler", "krāsotājs|krāsotāja", None, 0.95),
    ),
    "forestry": (
        _p("вальщик леса", "metsalangetaja", "kokcirtējs", "m", 1.2),
        _p("тракторист", "traktorist", "traktorists", "m", 1.1),
        _p("сучкоруб", "laasija", "zaru cirtējs", "m", 0.95),
        _p("мастер леса", "metsameister", "meža meistars", "m", 1.2),
    ),
    "trade": (
        _p("продавец", "müüja", "pārdevējs|pārdevēja", None, 0.8),
        _p("заведующая магазином", "kaupluse juhataja", "veikala vadītāja", "f", 1.1),
        _p("повар", "kokk", "pavārs|pavāre", None, 0.85),
    ),
    "office": (
        _p("бухгалтер", "raamatupidaja", "grāmatvedis|grāmatvede", None, 1.0),
        _p(
            "инженер-технолог",
            "insener-tehnoloog",
            "inženieris-tehnologs|inženiere-tehnoloģe",
            None,
            1.25,
        ),
        _p("экономист", "majandusteadlane", "ekonomists|ekonomiste", None, 1.1),
        _p("кладовщик|кладовщица", "laohoidja", "noliktavas pārzinis|pārzine", None, 0.85),
        _p("нормировщик|нормировщица", "normeerija", "normētājs|normētāja", None, 0.95),
        _p("табельщица", "tabelipidaja", "tabeļu uzskaitītāja", "f", 0.8),
        _p(
            "инспектор отдела кадров", "personaliinspektor", "personāla daļas inspektore", "f", 0.95
        ),
        _p("уборщица", "koristaja", "apkopēja", "f", 0.7),
        _p("сторож", "valvur", "sargs", "m", 0.7),
        _p("шофёр", "autojuht", "autovadītājs", "m", 1.0),
        _p("электрик", "elektrik", "elektriķis", "m", 1.0),
    ),
}

TOWNS: dict[str, Town] = {
    "NRV": Town(
        code="NRV",
        country="EE",
        name_ru="Нарва",
        name_local="Narva",
        archive_name="Narva linnaarhiiv",
        fonds_prefix="R-",
        enterprises=(
            Enterprise(
                "krenholm",
                "45",
                "Кренгольмская мануфактура",
                "Kreenholmi Manufaktuur",
                1950,
                0.4,
                ("textile", "machine", "office"),
                big=True,
            ),
            Enterprise(
                "baltic_gres",
                "112",
                "Прибалтийская ГРЭС им. В. И. Ленина (Балтийская ГРЭС)",
                "Balti Elektrijaam",
                1959,
                0.2,
                ("power", "machine", "office"),
                big=True,
            ),
            Enterprise(
                "eesti_gres",
                "113",
                "Эстонская ГРЭС им. 50-летия СССР",
                "Eesti Elektrijaam",
                1969,
                0.15,
                ("power", "machine", "office"),
                big=True,
            ),
            Enterprise(
                "mebel",
                "78",
                "Нарвский мебельный комбинат",
                "Narva Mööblikombinaat",
                1950,
                0.12,
                ("furniture", "office"),
            ),
            Enterprise(
                "baltiets",
                "31",
                "Нарвский завод «Балтиец»",
                "AS Baltiets",
                1950,
                0.13,
                ("machine", "office"),
            ),
        ),
        civil_fonds="2",
        civil_title="Бюро ЗАГС Нарвского горисполкома",
        residence_fonds="17",
        residence_title="Паспортный стол Нарвского ГОВД (домовые книги)",
        streets=(
            ("ул. Кренгольмская", "Kreenholmi tn"),
            ("пр. Кангеласте", "Kangelaste prospekt"),
            ("ул. Вестервалли", "Vestervalli tn"),
            ("Таллиннское шоссе", "Tallinna mnt"),
            ("ул. Партизани", "Partisani tn"),
            ("ул. Пушкина", "Puškini tn"),
            ("ул. Юхкентали", "Juhkentali tn"),
        ),
    ),
    "SLM": Town(
        code="SLM",
        country="EE",
        name_ru="Силламяэ",
        name_local="Sillamäe",
        archive_name="Sillamäe linnaarhiiv",
        fonds_prefix="R-",
        enterprises=(
            Enterprise(
                "phz",
                "1",
                "Прибалтийский химический завод (Комбинат № 7)",
                "Sillamäe Metallurgiatehas Silmet",
                1950,
                0.8,
                ("chemical", "machine", "office"),
                big=True,
            ),
            Enterprise(
                "ors",
                "9",
                "Отдел рабочего снабжения Прибалтийского химического завода",
                "Sillamäe Kaubandus",
                1950,
                0.2,
                ("trade", "office"),
            ),
        ),
        civil_fonds="3",
        civil_title="Бюро ЗАГС Силламяэского горисполкома",
        residence_fonds="11",
        residence_title="Жилищно-коммунальная контора ПХЗ (домовые книги)",
        streets=(
            ("ул. Кесквяльяк", "Keskväljak"),
            ("ул. Мере", "Mere pst"),
            ("ул. Калда", "Kalda tn"),
            ("ул. Виру", "Viru pst"),
            ("ул. Ленина", "Kesk tn"),
        ),
    ),
    "KJV": Town(
        code="KJV",
        country="EE",
        name_ru="Кохтла-Ярве",
        name_local="Kohtla-Järve",
        archive_name="Kohtla-Järve linnaarhiiv",
        fonds_prefix="R-",
        enterprises=(
            Enterprise(
                "slantsehim",
                "14",
                "Сланцехимический комбинат «Сланцехим» им. В. И. Ленина",
                "RAS Kiviter",
                1950,
                0.45,
                ("chemical", "machine", "office"),
                big=True,
            ),
            Enterprise(
                "tets",
                "22",
                "Кохтла-Ярвеская ТЭЦ",
                "Kohtla-Järve Soojuselektrijaam",
                1950,
                0.15,
                ("power", "office"),
            ),
            Enterprise(
                "estonslanets",
                "9",
                "Производственное объединение «Эстонсланец»",
                "AS Eesti Põlevkivi",
                1950,
                0.4,
                ("mining", "machine", "office"),
                big=True,
            ),
        ),
        civil_fonds="5",
        civil_title="Бюро ЗАГС Кохтла-Ярвеского горисполкома",
        residence_fonds="27",
        residence_title="Кохтла-Ярвеское домоуправление (домовые книги)",
        streets=(
            ("ул. Пярну", "Pärnu tn"),
            ("ул. Ахтмеская", "Ahtme mnt"),
            ("ул. Ярвекюла", "Järveküla tee"),
            ("ул. Кеск", "Keskallee"),
            ("ул. Таллинна", "Tallinna pst"),
        ),
    ),
    "IVG": Town(
        code="IVG",
        country="RU",
        name_ru="Ивангород",
        name_local="Ивангород",
        archive_name="Архивный сектор администрации МО «Ивангородское городское поселение»",
        fonds_prefix="Р-",
        enterprises=(
            Enterprise(
                "ivg_weaving",
                "12",
                "Ивангородская ткацкая фабрика",
                "Ивангородская ткацкая фабрика",
                1950,
                0.65,
                ("textile", "office"),
                big=True,
            ),
            Enterprise(
                "ivg_forest",
                "7",
                "Ивангородский леспромхоз",
                "Ивангородский леспромхоз",
                1950,
                0.35,
                ("forestry", "office"),
            ),
        ),
        civil_fonds="3",
        civil_title="Отдел ЗАГС Ивангородского горисполкома",
        residence_fonds="15",
        residence_title="Паспортный стол Ивангородского отделения милиции (домовые книги)",
        streets=(
            ("ул. Гагарина", "ул. Гагарина"),
            ("Кингисеппское шоссе", "Кингисеппское шоссе"),
            ("ул. Пасторова", "ул. Пасторова"),
            ("ул. Котовского", "ул. Котовского"),
            ("ул. Восточная", "ул. Восточная"),
        ),
    ),
    "DGP": Town(
        code="DGP",
        country="LV",
        name_ru="Даугавпилс",
        name_local="Daugavpils",
        archive_name="Latvijas Nacionālā arhīva Daugavpils zonālais valsts arhīvs",
        fonds_prefix="R-",
        enterprises=(
            Enterprise(
                "dlrz",
                "301",
                "Даугавпилсский локомотиворемонтный завод",
                "Daugavpils Lokomotīvju remonta rūpnīca",
                1950,
                0.4,
                ("rail", "machine", "office"),
                big=True,
            ),
            Enterprise(
                "dzhv",
                "415",
                "Даугавпилсский завод химического волокна",
                "Daugavpils Ķīmiskās šķiedras rūpnīca",
                1962,
                0.35,
                ("chemical", "textile", "office"),
                big=True,
            ),
            Enterprise(
                "dzpc",
                "422",
                "Даугавпилсский завод приводных цепей",
                "Daugavpils Piedziņas ķēžu rūpnīca",
                1960,
                0.25,
                ("machine", "office"),
            ),
        ),
        civil_fonds="118",
        civil_title="Бюро ЗАГС Даугавпилсского горисполкома",
        residence_fonds="260",
        residence_title="Даугавпилсское городское жилищное управление (домовые книги)",
        streets=(
            ("ул. Ригас", "Rīgas iela"),
            ("ул. Саулес", "Saules iela"),
            ("ул. 18 Новембра", "18. novembra iela"),
            ("ул. Виенибас", "Vienības iela"),
            ("ул. Циетокшня", "Cietokšņa iela"),
            ("ул. Варшавас", "Varšavas iela"),
        ),
    ),
}

# P(town | origin): origin shares are 50 % Russian, 25 % Estonian, 25 % Latvian overall, which
# makes Narva, Sillamäe and Ivangorod mostly Russian, Kohtla-Järve mixed and Daugavpils mostly
# Latvian and Russian.
ORIGIN_WEIGHTS = {"ru": 0.5, "et": 0.25, "lv": 0.25}
TOWN_BY_ORIGIN: dict[str, dict[str, float]] = {
    "ru": {"NRV": 0.36, "SLM": 0.12, "KJV": 0.2, "IVG": 0.1, "DGP": 0.22},
    "et": {"NRV": 0.18, "SLM": 0.07, "KJV": 0.7, "IVG": 0.05},
    "lv": {"NRV": 0.04, "SLM": 0.01, "KJV": 0.03, "IVG": 0.02, "DGP": 0.9},
}

# Payroll ledgers are bound in files by five-year-plan periods (the first and the Soviet last
# one a year longer); the post-Soviet period has its own ledgers.
PAYROLL_PERIODS: tuple[tuple[int, int], ...] = (
    (1950, 1955),
    (1956, 1960),
    (1961, 1965),
    (1966, 1970),
    (1971, 1975),
    (1976, 1980),
    (1981, 1985),
    (1986, 1991),
    (1992, 1995),
)

# Inventories of an enterprise fonds.
INV_PERSONNEL = "2л"
INV_PAYROLL = "3л"
# Inventories of a civil-status fonds and of a residence fonds.
INV_CIVIL = {"birth": "1", "marriage": "2", "death": "3"}
INV_RESIDENCE_SOVIET = "1"
INV_RESIDENCE_LATER = "2"

CYR_GROUPS = ("А–Г", "Д–И", "К–М", "Н–Р", "С–Ф", "Х–Я")
_CYR_ALPHABET = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
_CYR_CUTS = "ДКНСХ"  # first letter of groups 2..6
LAT_GROUPS = ("A–H", "I–L", "M–R", "S–Ž")
_LAT_FOLD = str.maketrans("ŠŽÕÄÖÜĀČĒĢĪĶĻŅŪ", "SZOAOUACEGIKLNU")


@lru_cache(maxsize=4096)
def letter_group(surname: str, lang: str) -> int:
    """Index of the surname-letter group a ledger of this language files the surname under."""
    first = surname[:1].upper()
    if lang == "cyr":
        pos = _CYR_ALPHABET.find(first)
        return sum(1 for c in _CYR_CUTS if pos >= _CYR_ALPHABET.index(c))
    code = ord(first.translate(_LAT_FOLD)) - ord("A")
    return 0 if code < 8 else 1 if code < 12 else 2 if code < 18 else 3


def group_label(group: int, lang: str) -> str:
    return CYR_GROUPS[group] if lang == "cyr" else LAT_GROUPS[group]
