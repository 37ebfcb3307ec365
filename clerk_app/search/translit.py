"""Write names across scripts the way the region's registers did (interface stub)."""

from __future__ import annotations


def ru_to_et(text: str) -> str:
    """Russian Cyrillic → Estonian transcription (Štšerbakov Pjotr Sergejevitš)."""
    raise NotImplementedError


def ru_to_lv(text: str, gender: str | None = None, *, is_surname: bool = False) -> str:
    """Russian Cyrillic → Latvian form with gender endings (Ščerbakovs Pjotrs)."""
    raise NotImplementedError


def latin_to_cyrillic(text: str, lang: str) -> str:
    """An Estonian ('et') or Latvian ('lv') name as a Soviet Russian-language ledger wrote it."""
    raise NotImplementedError
