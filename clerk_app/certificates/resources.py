"""Paths of the data files that ship inside the package (fonts, ICC profile, templates)."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
FONTS = RESOURCES / "fonts"
FONT_REGULAR = FONTS / "NotoSans-Regular.ttf"
FONT_BOLD = FONTS / "NotoSans-Bold.ttf"
ICC_SRGB = RESOURCES / "icc" / "sRGB-v2.icc"
TEMPLATES = RESOURCES / "templates"
