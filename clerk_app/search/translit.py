"""Write names across scripts the way the region's registers did.

The demo-archive generator uses these to store one person the way each register would have
written them (Estonian transcription, Latvian form with gender endings, Soviet Cyrillic of a
native name), and the benchmark uses them to make cross-script queries. The rules follow docs
"name-matching" section 2. These are generators, not the matcher: `fold` is what makes the forms
comparable, and it deliberately tolerates the differences these functions produce.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_RU_VOWELS = frozenset("аеёиоуыэюя")
_RU_HUSHING = frozenset("жчшщ")
_WORD = re.compile(r"[^\W\d_]+")

# Letters that every system writes the same way; the context-dependent ones are handled in
# the per-language functions below.
_RU_COMMON = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "з": "z", "и": "i", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "h", "ъ": "", "э": "e",
}  # fmt: skip

_RU_ET = {**_RU_COMMON, "ж": "ž", "ц": "ts", "ч": "tš", "ш": "š", "щ": "štš", "ы": "õ",
          "ю": "ju", "я": "ja"}  # fmt: skip
_RU_LV = {**_RU_COMMON, "ж": "ž", "ц": "c", "ч": "č", "ш": "š", "щ": "šč", "ы": "i",
          "й": "j", "ю": "ju", "я": "ja"}  # fmt: skip

# Vowels before which ь is written j in both target languages (е ё ю я carry their own j).
_PLAIN_VOWELS = frozenset("аиоуыэ")


def _match_case(src: str, out: str) -> str:
    """Give `out` the capitalisation pattern of `src` (Title, UPPER or lower)."""
    if not out:
        return out
    if len(src) > 1 and src.isupper():
        return out.upper()
    if src[:1].isupper():
        return out[:1].upper() + out[1:]
    return out


def _map_words(text: str, convert: Callable[[str], str]) -> str:
    """Apply `convert` to each lower-cased letter run, keeping separators and capitalisation."""
    return _WORD.sub(lambda m: _match_case(m.group(), convert(m.group().lower())), text)


# --- Russian -> Estonian ------------------------------------------------------------------


def _ru_et_word(w: str) -> str:
    out: list[str] = []
    n = len(w)
    for i, ch in enumerate(w):
        prev = w[i - 1] if i else ""
        nxt = w[i + 1] if i + 1 < n else ""
        at_end = i + 1 == n
        if ch == "е":
            out.append("je" if not prev or prev in _RU_VOWELS or prev in "ъь" else "e")
        elif ch == "ё":
            out.append("o" if prev in _RU_HUSHING else "jo")
        elif ch == "й":
            if not prev and nxt in _RU_VOWELS:
                out.append("j")
            elif at_end and prev == "и":
                out.append("")  # -ий -> -i: Juri, Dmitri, Gorki
            else:
                out.append("i")
        elif ch == "ь":
            out.append("j" if nxt in _PLAIN_VOWELS else "")  # Iljin
        elif ch in "сх":
            # s and h double between vowels and word-finally after a vowel (Vassili, Mihhail).
            double = prev in _RU_VOWELS and (at_end or nxt in _RU_VOWELS)
            base = "s" if ch == "с" else "h"
            out.append(base * 2 if double else base)
        else:
            out.append(_RU_ET.get(ch, ch))
    return "".join(out)


def ru_to_et(text: str) -> str:
    """Russian Cyrillic → Estonian transcription (Štšerbakov Pjotr Sergejevitš).

    Word by word; separators and each word's capitalisation are kept.
    """
    return _map_words(text, _ru_et_word)


# --- Russian -> Latvian -------------------------------------------------------------------

_LV_VOWELS = frozenset("aeiouāēīōū")
_LV_SOFTENED = {"л": "ļ", "н": "ņ"}
# л and н soften before these (Ļevs, Aļona, Nataļja). Before и Latvian usage is inconsistent
# (Ņikita and Nikita, Ļeņins but Deniss): н softens only word-initially and in a final -ин.
_LV_SOFTENING = {"л": frozenset("еёюяь"), "н": frozenset("еёюяь")}
_LV_AFTER_SOFT = {"е": "e", "ё": "o", "ю": "u", "я": "a"}
# Russian surnames that do not change for gender or case (Черных, Долгих).
_RU_INDECLINABLE_SURNAME = re.compile("(ых|их)$")


def _ru_lv_letters(w: str) -> str:
    out: list[str] = []
    n = len(w)
    for i, ch in enumerate(w):
        prev = w[i - 1] if i else ""
        nxt = w[i + 1] if i + 1 < n else ""
        if ch in _LV_SOFTENED:
            soft = nxt in _LV_SOFTENING[ch] or (
                ch == "н" and nxt == "и" and (i == 0 or (i + 3 == n and w.endswith("ин")))
            )
            out.append(_LV_SOFTENED[ch] if soft else _RU_LV[ch])
        elif ch in _LV_AFTER_SOFT and prev in _LV_SOFTENED:
            out.append(_LV_AFTER_SOFT[ch])  # Ļevs, Aļona, Ļubova, Ņaņa
        elif ch == "е":
            out.append("je" if not prev or prev in _RU_VOWELS or prev in "ъь" else "e")
        elif ch == "ё":
            out.append("o" if prev in _RU_HUSHING else "jo")
        elif ch == "ь":
            out.append("j" if nxt in _PLAIN_VOWELS else "")  # Iļjins
        else:
            out.append(_RU_LV.get(ch, ch))
    return "".join(out)


def _lv_ending(ru: str, lv: str, gender: str | None, is_surname: bool) -> str:
    """Add the Latvian gender ending to one transliterated word."""
    if not lv or (is_surname and _RU_INDECLINABLE_SURNAME.search(ru)):
        return lv
    if gender == "f":
        # Feminine forms end in a vowel: Ivanova, Tolstaja; -ь and consonant-final get -a (Ļubova).
        return lv if lv[-1] in _LV_VOWELS else lv + "a"
    if ru.endswith(("ский", "цкий")):
        return lv[:-1] + "s"  # Dostojevskij -> Dostojevskis
    if lv[-1] in _LV_VOWELS:
        return lv  # Ņikita, Iļja, Bondarenko
    return lv + "s"  # Ivanovs, Sergejs, Jurijs, Tolstojs; Denis -> Deniss


def ru_to_lv(text: str, gender: str | None = None, *, is_surname: bool = False) -> str:
    """Russian Cyrillic → Latvian form with gender endings (Ščerbakovs Pjotrs).

    gender "m" or "f"; None applies the masculine rules, which leave -а/-я words as they are.
    With is_surname the text is one surname, and the indeclinable Russian types -ых/-их
    (Черных) get no ending.
    """
    if gender not in (None, "m", "f"):
        raise ValueError(f"gender must be 'm', 'f' or None, not {gender!r}")
    return _map_words(text, lambda w: _lv_ending(w, _ru_lv_letters(w), gender, is_surname))


# --- Estonian / Latvian -> Soviet Cyrillic ------------------------------------------------

_LAT_VOWELS = frozenset("aeiouõäöüyāēīōū")
_LAT_BASE = {
    "a": "а", "b": "б", "c": "ц", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х", "i": "и",
    "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "к", "r": "р", "s": "с",
    "t": "т", "u": "у", "v": "в", "w": "в", "x": "кс", "y": "и", "z": "з", "š": "ш",
    "ž": "ж", "č": "ч", "õ": "ы", "ü": "ю", "ā": "а", "ē": "е", "ī": "и", "ō": "о", "ū": "у",
    "ģ": "г", "ķ": "к", "ŗ": "р", "ļ": "ль", "ņ": "нь",
}  # fmt: skip
# j + vowel as one iotated Cyrillic letter (Jaan -> Яан, Jüri -> Юри, Jēkabs -> Екабс).
_J_VOWEL = {"a": "я", "ā": "я", "ä": "я", "u": "ю", "ū": "ю", "ü": "ю", "e": "е", "ē": "е",
            "o": "ё", "ö": "ё"}  # fmt: skip
# Latvian ļ ņ before a vowel: soft consonant + iotated vowel (Kļaviņš -> Клявиньш, Bērziņa ->
# Берзиня); before i the plain letter is already soft.
_SOFT_VOWEL = {"a": "я", "ā": "я", "u": "ю", "ū": "ю", "e": "е", "ē": "е", "o": "ё", "i": "и",
               "ī": "и"}  # fmt: skip


def _latin_cyr_word(w: str) -> str:
    out: list[str] = []
    n = len(w)
    i = 0
    while i < n:
        ch = w[i]
        prev = w[i - 1] if i else ""
        nxt = w[i + 1] if i + 1 < n else ""
        if ch == "j" and nxt in _J_VOWEL:
            if prev and prev not in _LAT_VOWELS:
                # consonant + j + vowel: soft sign + iotated vowel (Kaljo -> Кальё)
                out.append("ь" + _J_VOWEL[nxt])
            elif nxt in "oō":
                out.append("йо")  # Joosep -> Йоосеп: Russian writes foreign Jo- as Йо-
            else:
                out.append(_J_VOWEL[nxt])
            i += 2
            continue
        if w.startswith("štš", i):
            out.append("щ")  # Estonian štš is щ
            i += 3
            continue
        if ch == "t" and nxt == "š":
            out.append("ч")  # Estonian tš is ч (Tšernõi -> Черный)
            i += 2
            continue
        if ch in "ļņ" and nxt in _SOFT_VOWEL:
            out.append(("л" if ch == "ļ" else "н") + _SOFT_VOWEL[nxt])
            i += 2
            continue
        if ch == "j":
            out.append("й")
        elif ch in "eē":
            # э at word start and after a vowel other than i (Eglītis -> Эглитис, Reet -> Реэт,
            # but Liepa -> Лиепа).
            out.append("э" if not prev or (prev in _LAT_VOWELS and prev not in "iī") else "е")
        elif ch == "ä":
            out.append("я" if prev and prev not in _LAT_VOWELS else "э")  # Pärn, Ärm, Pääsküla
        elif ch == "ö":
            out.append("ё" if prev and prev not in _LAT_VOWELS else "э")  # Köler, Öpik
        elif ch == "i" and prev in _LAT_VOWELS and nxt not in _LAT_VOWELS:
            out.append("й")  # Kõiv -> Кыйв, Reinis -> Рейнис, and long ii: Tiit -> Тийт
        else:
            out.append(_LAT_BASE.get(ch, ch))
        i += 1
    return "".join(out)


def latin_to_cyrillic(text: str, lang: str) -> str:
    """An Estonian ('et') or Latvian ('lv') name as a Soviet Russian-language ledger wrote it.

    Põldmaa -> Пылдмаа, Pärn -> Пярн, Jüri -> Юри, Kalniņš -> Калниньш, Jānis -> Янис. Long
    vowels become short, doubled letters stay doubled (Saar -> Саар), capitalisation is kept.
    The two alphabets share no special letters, so one letter table serves both; `lang` is
    validated so that callers state which register they imitate.
    """
    if lang not in ("et", "lv"):
        raise ValueError(f"lang must be 'et' or 'lv', not {lang!r}")
    return _map_words(text, _latin_cyr_word)
