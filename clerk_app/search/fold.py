"""Fold person names from any script or transliteration to one canonical Latin key.

(interface stub: implemented by the fold helper)
"""

from __future__ import annotations

FOLD_VERSION = 1


def split_words(text: str | None) -> list[str]:
    """Split a name field into words (spaces, hyphens, commas, dots)."""
    raise NotImplementedError


def fold_token(word: str) -> str:
    """Fold one word to its key ('' if nothing is left)."""
    raise NotImplementedError


def name_key(*fields: str | None) -> str:
    """Folded tokens of the fields in field order, space-joined."""
    raise NotImplementedError


def search_tokens(*fields: str | None) -> str:
    """Space-joined unique index tokens of a record's name fields."""
    raise NotImplementedError


def query_keys(word: str) -> list[str]:
    """The keys one query word is looked up by: its fold, plus a French-style reading."""
    raise NotImplementedError
