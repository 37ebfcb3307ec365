"""Noto Sans, embedded: the only fonts a certificate may use (PDF/A forbids the standard 14).

Registered once per process (parsing the TTF is the costliest step of a first render) as
the default of both the canvas and the graphics layer, so Helvetica never leaks in.
"""

from __future__ import annotations

from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from clerk_app.certificates.resources import FONT_BOLD, FONT_REGULAR

REGULAR = "NotoSans"
BOLD = "NotoSans-Bold"


@cache
def register_fonts() -> None:
    pdfmetrics.registerFont(TTFont(REGULAR, str(FONT_REGULAR)))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONT_BOLD)))
    pdfmetrics.registerFontFamily(
        REGULAR,
        normal=REGULAR,
        bold=BOLD,
        italic=REGULAR,
        boldItalic=BOLD,
        baseFontFor="canvas graphics",
    )
