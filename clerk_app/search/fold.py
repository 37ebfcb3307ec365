"""Fold person names from any script or transliteration to one canonical Latin key.

One person is written Щербаков, Štšerbakov, Ščerbakovs, Shcherbakov or Chtcherbakov depending on
the register; the fold maps all of them to ``serbakov`` so an exact index lookup finds them all.
The rules are those of docs "name-matching" section 3 (steps 1-9, tables A and B), with one
addition: a vowel o right after a hushing sibilant (ж ч ш щ and their Latin spellings) folds
to e, because Estonian and Latvian write ё there as o (Hruštšov) while ICAO and Cyrillic
without ё write e (Khrushchev, Хрущев).

Everything here runs once per stored word at import (millions of words that repeat heavily), so
the per-word functions are memoised and the rules are compiled tables and regexes.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

FOLD_VERSION = 1

_CACHE_SIZE = 1 << 18

# Hushing sibilants become these upper-case markers until the o -> e rule has run; the input is
# lower-cased first, so they cannot collide with real letters and table B cannot re-match them.
_HUSH_S, _HUSH_Z, _HUSH_C = "S", "Z", "C"

# Table A: Cyrillic letter -> fold (lower case only; the word is lower-cased first).
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": _HUSH_Z,
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "c",
    "ч": _HUSH_C, "ш": _HUSH_S, "щ": _HUSH_S, "ъ": "", "ы": "i", "ь": "", "э": "e",
    "ю": "iu", "я": "ia",
    # Ukrainian and Belarusian letters seen in Soviet records.
    "і": "i", "ї": "i", "є": "e", "ґ": "g", "ў": "u",
    # Pre-1918 letters (not in the reference table): mapped rather than silently dropped.
    "ѣ": "e", "ѳ": "f", "ѵ": "i",
}  # fmt: skip
_CYRILLIC_TABLE = str.maketrans(_CYRILLIC)
_HAS_CYRILLIC = re.compile("[\u0400-\u04ff]")

# Step 2: apostrophes and quotes stand for ь/ъ in several systems (Natal'ya, Pod"yachev).
_QUOTES_TABLE = str.maketrans(dict.fromkeys("'`’‘ʹʺʼ”“„\"·´′″", None))

# Step 3: Latvian ļ/ņ before a vowel carry the palatal glide (Aļona = Алёна = Aljona).
_LV_PALATAL = re.compile("([ļņ])(?=[aeiouyāēīōūäöüõ])")
_LV_PALATAL_MAP = {"ļ": "li", "ņ": "ni"}

# Step 4, table B: Latin multigraphs and special letters, matched longest first in one pass.
_MULTIGRAPHS = {
    **dict.fromkeys(
        ["shtsch", "shtch", "shtsh", "shch", "štš", "šč", "sch", "shh", "sh", "š", "ŝ"], _HUSH_S
    ),
    **dict.fromkeys(["tsch", "tš", "tch", "ch", "č"], _HUSH_C),
    **dict.fromkeys(["cz", "tc", "ts"], "c"),
    "zh": _HUSH_Z, "ž": _HUSH_Z, "kh": "h", "x": "ks", "w": "v", "q": "k", "ph": "f",
    "ä": "a", "ü": "u", "ö": "o", "õ": "i", "û": "iu", "â": "ia", "ë": "io", "è": "e",
}  # fmt: skip
_MULTIGRAPH_RE = re.compile(
    "|".join(re.escape(k) for k in sorted(_MULTIGRAPHS, key=len, reverse=True))
)
_MULTIGRAPH_FIRST = frozenset(k[0] for k in _MULTIGRAPHS)

# Step 5: combining marks left by NFKD, and letters NFKD does not decompose.
_COMBINING = re.compile("[\u0300-\u036f]")
_UNDECOMPOSABLE_TABLE = str.maketrans(
    {"ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ı": "i", "ħ": "h"}
)

# Hushing sibilant + o -> e (ё after ж ч ш щ: Hruštšov = Khrushchev = Хрущёв = Хрущев).
_HUSH_O = re.compile("([SZC])o")

# Steps 6-8.
_JY_TABLE = str.maketrans({"j": "i", "y": "i"})
_NON_LETTER = re.compile("[^a-z]+")
_DOUBLE = re.compile(r"(.)\1+")
_IO_IE = re.compile("i[oe]")
_GLIDE = re.compile("([bcdfghklmnprstvz])i(?=[aou])")

# Query side and French-looking stored names: Soviet French-based passports (MVD 310 fr).
# French j is ж and ch is ш, so they are rewritten to š/ž/č and then folded as usual.
_FRENCH_RE = re.compile("chtch|tch|gue|gui|ch|ou|kh|ss|dj")
_FRENCH_MAP = {
    "chtch": "š", "tch": "č", "gue": "ge", "gui": "gi", "ch": "š", "ou": "u", "kh": "h",
    "ss": "s", "dj": "dž",
}  # fmt: skip
_FRENCH_J = re.compile("(?<![bcdfghklmnpqrstvwxzšžč])j")
_FRENCH_INE = re.compile("ine$")
_LOOKS_FRENCH = re.compile("ou|tch|gue|gui|ine$")

# Step 1 of split_words: separators between the words of one name field.
_WORD_SEPARATORS = re.compile(r"[\s,./\\\-‐‑‒–—]+")


def split_words(text: str | None) -> list[str]:
    """Split a name field into words (spaces, hyphens, commas, dots, slashes); None -> []."""
    if not text:
        return []
    return [w for w in _WORD_SEPARATORS.split(text) if w]


def _strip_diacritics(text: str) -> str:
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


@lru_cache(maxsize=_CACHE_SIZE)
def fold_token(word: str) -> str:
    """Fold one word to its key ('' if nothing is left).

    Memoised: import folds millions of names drawn from a few thousand distinct words.
    """
    w = word.lower()
    # 1. Cyrillic letters by table A.
    if _HAS_CYRILLIC.search(w):
        w = w.translate(_CYRILLIC_TABLE)
    # 2. Apostrophes and quotes.
    w = w.translate(_QUOTES_TABLE)
    # 3. Latvian ļ ņ before a vowel.
    if not w.isascii() and ("ļ" in w or "ņ" in w):
        w = _LV_PALATAL.sub(lambda m: _LV_PALATAL_MAP[m.group(1)], w)
    # 4. Table B, longest first (the ASCII digraphs need it as well).
    if not _MULTIGRAPH_FIRST.isdisjoint(w):
        w = _MULTIGRAPH_RE.sub(lambda m: _MULTIGRAPHS[m.group()], w)
    # 5. Remaining diacritics.
    if not w.isascii():
        w = _strip_diacritics(w.translate(_UNDECOMPOSABLE_TABLE))
    # Hushing sibilant + o -> e, then drop the markers' case.
    if "o" in w:
        w = _HUSH_O.sub(r"\1e", w)
    w = w.lower()
    # 6. j, y -> i; only a-z survive; doubled letters collapse (Vassili = Vasili).
    w = _DOUBLE.sub(r"\1", _NON_LETTER.sub("", w.translate(_JY_TABLE)))
    # 7. io, ie -> e (ё as jo/io/yo, е as je/ye).
    w = _IO_IE.sub("e", w)
    # 8. The glide i between a consonant and a/o/u (Natalja = Natalia = Nataļa, Пярн = Pärn).
    w = _DOUBLE.sub(r"\1", _GLIDE.sub(r"\1", w))
    # 9. One final -s on longer tokens (Latvian -s/-š, Estonian -ss).
    if len(w) > 3 and w[-1] == "s":
        w = w[:-1]
    return w


def _is_latin(word: str) -> bool:
    return _HAS_CYRILLIC.search(word) is None


def french_reading(word: str) -> str:
    """Re-read a Latin word as French-based Soviet spelling (Chtcherbakov -> Ščerbakov).

    The result is Latin text meant for `fold_token`, not for display.
    """
    w = word.lower()
    w = _FRENCH_RE.sub(lambda m: _FRENCH_MAP[m.group()], w)
    w = _FRENCH_J.sub("ž", w)
    return _FRENCH_INE.sub("in", w)


@lru_cache(maxsize=_CACHE_SIZE)
def _word_search_tokens(word: str) -> tuple[str, ...]:
    """Index tokens of one stored word: fold, ASCII-stripped fold, French reading."""
    keys = [fold_token(word)]
    if _is_latin(word):
        keys.append(fold_token(_strip_diacritics(word)))
        if _LOOKS_FRENCH.search(word.lower()):
            keys.append(fold_token(french_reading(word)))
    return tuple(k for k in dict.fromkeys(keys) if k)


@lru_cache(maxsize=_CACHE_SIZE)
def _field_key(field: str) -> tuple[str, ...]:
    return tuple(k for k in map(fold_token, split_words(field)) if k)


@lru_cache(maxsize=_CACHE_SIZE)
def _field_search_tokens(field: str) -> tuple[str, ...]:
    out: list[str] = []
    for word in split_words(field):
        out.extend(_word_search_tokens(word))
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=_CACHE_SIZE)
def _field_key_text(field: str) -> str:
    return " ".join(_field_key(field))


def record_keys(
    surname: str, given: str | None, patronymic: str | None, maiden: str | None
) -> tuple[str, str]:
    """(name_key of each field joined by '|', search_tokens of all four): what a stored record
    gets, computed from per-field memos because whole names repeat less than their parts."""
    keys = [_field_key_text(surname)]
    tokens = list(_field_search_tokens(surname))
    for f in (given, patronymic, maiden):
        if f:
            keys.append(_field_key_text(f))
            tokens.extend(_field_search_tokens(f))
        else:
            keys.append("")
    return "|".join(keys), " ".join(dict.fromkeys(tokens))


def name_key(*fields: str | None) -> str:
    """Folded tokens of the fields in field order, space-joined (None fields are skipped)."""
    return " ".join(k for f in fields if f for k in _field_key(f))


def search_tokens(*fields: str | None) -> str:
    """Space-joined unique index tokens of a record's name fields, in first-seen order.

    Besides each word's fold, a Latin word also contributes the fold of its ASCII-stripped
    spelling (Nõmmik -> "nimik" and "nomik", so a query typed "Nommik" finds it), and a word that
    looks French-based (ou, tch, gue, gui, -ine) also its French reading (Khrouchtchev).
    """
    out: list[str] = []
    for f in fields:
        if f:
            out.extend(_field_search_tokens(f))
    return " ".join(dict.fromkeys(out))


@lru_cache(maxsize=_CACHE_SIZE)
def _query_keys(word: str) -> tuple[str, ...]:
    keys = [fold_token(word)]
    if _is_latin(word):
        # A typed query may be French-based without looking like it (Petr Sergueevitch), so
        # the French reading is always tried; it costs one more index lookup.
        keys.append(fold_token(french_reading(word)))
        keys.append(fold_token(_strip_diacritics(word)))
    return tuple(k for k in dict.fromkeys(keys) if k)


def query_keys(word: str) -> list[str]:
    """The keys one query word is looked up by: its fold first, then (Latin words only) the fold
    of its French-style reading and of its diacritics-stripped spelling, de-duplicated."""
    return list(_query_keys(word))
