"""The fold key: the spelling tables of docs name-matching §3 and cross-system agreement."""

from __future__ import annotations

import iuliia
import pytest

from clerk_app.search.fold import (
    FOLD_VERSION,
    fold_token,
    name_key,
    query_keys,
    search_tokens,
    split_words,
)


def _names(text: str) -> list[str]:
    """Whitespace-separated name list (readable blocks of names in the source)."""
    return text.split()


# Spellings of one name that must fold to the same key.
SAME_KEY = [
    ("serbakov", ["Щербаков", "Štšerbakov", "Ščerbakovs", "Shcherbakov", "Shherbakov", "Ŝerbakov"]),
    ("petr", ["Пётр", "Петр", "Pjotr", "Pjotrs", "Pyotr", "Petr", "Piotr", "Pëtr"]),
    ("pildma", ["Põldmaa", "Пыльдмаа", "Пылдмаа"]),
    ("kalnin", ["Kalniņš", "Калныньш", "Калниньш", "Kalnins"]),
    ("iani", ["Jānis", "Янис", "Janis"]),
    ("natala", ["Natalja", "Natalia", "Nataļja", "Наталья", "Nataļa", "Natal'ya", "Natal’ya"]),
    ("vasili", ["Vassili", "Василий", "Vasilijs", "Vasilii", "Vasiliy"]),
    ("parn", ["Pärn", "Пярн", "Parn"]),
    ("deni", ["Deniss", "Денис", "Denis"]),
    # ё after a hushing sibilant: o in Estonian/Latvian, e in ICAO and in Cyrillic without ё.
    ("hrusev", ["Hruštšov", "Хрущёв", "Хрущев", "Hruščovs", "Khrushchev", "Khrushchëv"]),
    ("gorbacev", ["Gorbatšov", "Горбачёв", "Gorbachev", "Gorbačovs"]),
    ("lubov", ["Ljubov", "Любовь", "Liubov", "Lyubov'"]),
    ("alena", ["Алёна", "Aljona", "Aļona", "Alyona", "Alena"]),
    ("lev", ["Лев", "Ļevs", "Lev"]),
    ("lenin", ["Ленин", "Ļeņins", "Lenin"]),
    ("nikita", ["Никита", "Ņikita", "Nikita"]),
    ("dostoevski", ["Достоевский", "Dostojevski", "Dostojevskis", "Dostoevskii", "Dostoyevskiy"]),
    ("sergevic", ["Сергеевич", "Sergejevitš", "Sergejevičs", "Sergeevich", "Sergeyevich"]),
    ("iurevna", ["Юрьевна", "Jurjevna", "Iurevna", "Yur’yevna"]),
    ("ivanova", ["Иванова", "Ivanova"]),
    ("ivanov", ["Иванов", "Ivanovs", "Ivanov"]),
    ("krilov", ["Крылов", "Krõlov", "Krilovs", "Krylov"]),
    ("mihail", ["Михаил", "Mihhail", "Mihails", "Mikhail"]),
    ("lomonosov", ["Ломоносов", "Lomonossov", "Lomonosovs"]),
    ("ilin", ["Ильин", "Iljin", "Iļjins", "Ilyin", "Il'in"]),
    ("berzina", ["Bērziņa", "Берзиня", "Berzina"]),
    ("klavin", ["Kļaviņš", "Клявиньш", "Klavins"]),
    ("lepin", ["Liepiņš", "Лиепиньш"]),
    ("tam", ["Tamm", "Тамм"]),
    ("sar", ["Saar", "Саар"]),
    ("iuri", ["Jüri", "Юри", "Juri", "Юрий", "Jurijs", "Yuriy", "Iurii"]),
    ("magi", ["Mägi", "Мяги"]),
    ("igi", ["Jõgi", "Йыги"]),
    ("cvetkov", ["Цветков", "Tsvetkov", "Cvetkovs", "Tcvetkov", "Czvetkov"]),
]


@pytest.mark.parametrize(("key", "spellings"), SAME_KEY, ids=[k for k, _ in SAME_KEY])
def test_spellings_fold_to_one_key(key: str, spellings: list[str]) -> None:
    assert {s: fold_token(s) for s in spellings} == dict.fromkeys(spellings, key)


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        (("Щербаков", "Пётр"), "serbakov petr"),
        (("Štšerbakov", "Pjotr"), "serbakov petr"),
        (("Ščerbakovs", "Pjotrs"), "serbakov petr"),
        (("Shcherbakov", "Pyotr"), "serbakov petr"),
        (("Chtcherbakov", "Piotr"), "cerbakov petr"),
        (("Põldmaa",), "pildma"),
        (("Пыльдмаа",), "pildma"),
        (("Kalniņš", "Jānis"), "kalnin iani"),
        (("Калныньш", "Янис"), "kalnin iani"),
        (("Иванов", None, "Сергеевич"), "ivanov sergevic"),
        (("Петров-Водкин", "Кузьма"), "petrov vodkin kuzma"),
        ((None, None), ""),
    ],
)
def test_name_key(fields: tuple[str | None, ...], key: str) -> None:
    assert name_key(*fields) == key


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Петров-Водкин Кузьма", ["Петров", "Водкин", "Кузьма"]),
        ("Ivanov, P. S.", ["Ivanov", "P", "S"]),
        ("  Natal’ya / Nataļja ", ["Natal’ya", "Nataļja"]),
        ("", []),
        (None, []),
    ],
)
def test_split_words(text: str | None, words: list[str]) -> None:
    assert split_words(text) == words


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ivanov", "Petrov"),
        ("Ivanov", "Ivanova"),  # Latvian/Russian feminine -a is not stripped, only a final -s
        ("Ozols", "Ozola"),
        ("Tamm", "Saar"),
        ("Pärn", "Põld"),
        ("Sergei", "Semjon"),
        ("Natalja", "Nadežda"),
        ("Nõmmik", "Nõmme"),
        ("Mets", "Metsa"),
    ],
)
def test_different_names_fold_apart(a: str, b: str) -> None:
    assert fold_token(a) != fold_token(b)


def test_search_tokens_add_ascii_and_french_readings() -> None:
    # ASCII-typed "Nommik" must find Nõmmik: õ folds to i, the stripped spelling to o.
    assert search_tokens("Nõmmik", "Mare") == "nimik nomik mare"
    # A stored French-based spelling also carries its French reading.
    tokens = search_tokens("Khrouchtchev", "Nikita", "Sergueevitch").split()
    assert fold_token("Хрущёв") in tokens
    assert fold_token("Сергеевич") in tokens
    assert search_tokens("Iline").split() == ["iline", "ilin"]
    # Cyrillic words and plain Latin words add nothing extra; duplicates are dropped.
    assert search_tokens("Щербаков", "Пётр", "Пётр") == "serbakov petr"
    assert search_tokens("Ivanov", None, "") == "ivanov"


def test_query_keys_french_reading() -> None:
    assert fold_token("Щербаков") in query_keys("Chtcherbakov")
    assert query_keys("Chtcherbakov")[0] == fold_token("Chtcherbakov")
    assert fold_token("Жуков") in query_keys("Joukov")
    assert fold_token("Евгений") in query_keys("Evguenii")
    assert fold_token("Джугашвили") in query_keys("Djougachvili")
    assert query_keys("Nõmmik") == ["nimik", "nomik"]
    assert query_keys("Щербаков") == ["serbakov"]  # Cyrillic: no Latin readings
    keys = query_keys("Pjotr")
    assert keys[0] == "petr" and len(keys) == len(set(keys))


def test_fold_version_is_an_int() -> None:
    assert isinstance(FOLD_VERSION, int) and FOLD_VERSION >= 1


def test_fold_token_is_memoised() -> None:
    assert hasattr(fold_token, "cache_info")
    assert fold_token.cache_info().maxsize >= 1 << 16


def test_fold_drops_everything_but_letters() -> None:
    assert fold_token("«Иванов»") == "ivanov"
    assert fold_token("1984") == ""
    assert fold_token("") == ""


# --- Cross-system agreement with an independent implementation (iuliia) ---------------------

SURNAMES = _names(
    """
Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов Волков
Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Никитин
Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов Воробьёв Сергеев Кузьмин Фролов
Дмитриев Королёв Гусев Киселёв Ильин Поляков Сорокин Медведев Жуков Беляев Чернышёв Быков
Журавлёв Овчинников Щербаков Харитонов Цветков Хохлов Шубин Пугачёв Горбачёв Хрущёв Достоевский
Толстой Чайковский Шевченко Юдин Лукьянов Кондратьев Подъячев Белых Крылов Ерёмин Дьяченко Ткачёв
"""
)

GIVEN_NAMES = _names(
    """
Александр Алексей Андрей Борис Вадим Василий Виктор Владимир Вячеслав Геннадий Георгий Григорий
Денис Дмитрий Евгений Иван Игорь Илья Константин Максим Михаил Никита Николай Олег Павел Пётр
Сергей Фёдор Юрий Яков Анна Алёна Валентина Дарья Екатерина Елена Ирина Ксения Любовь Людмила
Мария Наталья Ольга Светлана Татьяна Юлия
"""
)

SYSTEMS = [
    "icao_doc_9303",
    "mvd_310",
    "gost_52535",
    "bgn_pcgn",
    "gost_779",
    "gost_779_alt",
    "wikipedia",
    "ungegn_1987",
]


def _render(system: str, cyrillic: str) -> str:
    # iuliia writes Cyrillic ё in its BGN/PCGN and GOST 7.79 A output; the systems mean ë.
    return iuliia.schemas.get(system).translate(cyrillic).replace("ё", "ë").replace("Ё", "Ë")


def _agreement(names: list[str], systems: list[str]) -> tuple[float, list[tuple[str, str, str]]]:
    misses = [
        (system, name, _render(system, name))
        for system in systems
        for name in names
        if fold_token(_render(system, name)) != fold_token(name)
    ]
    total = len(names) * len(systems)
    return (total - len(misses)) / total, misses


def test_name_lists_are_distinct_keys() -> None:
    # The negative side of the agreement test: every listed name keeps its own key.
    names = SURNAMES + GIVEN_NAMES
    assert len({fold_token(n) for n in names}) == len(set(names))


def test_surname_cross_system_agreement() -> None:
    rate, misses = _agreement(SURNAMES, SYSTEMS)
    # Measured 98.75% (7 of 560 pairs: GOST 7.79 B "x" for х, ICAO "ie" for ъ). The threshold
    # is just under the measurement so that any regression of a rule fails here.
    assert rate >= 0.98, misses
    # The known, documented gaps are the only misses.
    assert {(s, n) for s, n, _ in misses} <= {
        ("gost_779_alt", n) for n in SURNAMES if "х" in n.lower()
    } | {("icao_doc_9303", "Подъячев")}


def test_given_name_cross_system_agreement() -> None:
    rate, misses = _agreement(GIVEN_NAMES, SYSTEMS)
    assert rate >= 0.99, misses


@pytest.mark.parametrize("system", SYSTEMS)
def test_each_system_agrees_on_surnames(system: str) -> None:
    rate, misses = _agreement(SURNAMES, [system])
    assert rate >= 0.9, misses


def test_french_passport_forms_found_by_query_keys() -> None:
    misses = [
        (name, french)
        for name in SURNAMES + GIVEN_NAMES
        if fold_token(name) not in query_keys(french := _render("mvd_310_fr", name))
    ]
    assert misses == []
