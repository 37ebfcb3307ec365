"""Paragraph styles of a certificate: one family (Noto Sans), a secondary-language variant
of each text style in a smaller, grey face so the issuer's language leads."""

from __future__ import annotations

from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from clerk_app.certificates.fonts import BOLD, REGULAR, register_fonts

GREY = colors.HexColor("#4d4d4d")
LIGHT = colors.HexColor("#9a9a9a")
RULE = colors.HexColor("#b0b0b0")
HEAD_BG = colors.HexColor("#eeeeee")
DRAFT_RED = colors.HexColor("#b00020")


@cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()

    def ps(name: str, **kw: object) -> ParagraphStyle:
        base = {
            "fontName": REGULAR,
            "bulletFontName": REGULAR,  # the default bullet font is Helvetica
            "fontSize": 9.5,
            "leading": 13,
            "alignment": TA_LEFT,
        }
        return ParagraphStyle(name, **(base | kw))  # type: ignore[arg-type]

    s = {
        "body": ps("body", spaceAfter=2),
        "body_alt": ps("body_alt", fontSize=8.5, leading=11, textColor=GREY, spaceAfter=4),
        "office": ps("office", fontName=BOLD, fontSize=11, leading=14),
        "office_alt": ps("office_alt", fontName=BOLD, fontSize=9, leading=12, textColor=GREY),
        "office_line": ps("office_line", fontSize=8, leading=10.5, textColor=GREY),
        "meta": ps("meta", fontSize=8.5, leading=11.5),
        "qr_caption": ps("qr_caption", fontSize=6.5, leading=8, alignment=TA_CENTER),
        "title": ps("title", fontName=BOLD, fontSize=14, leading=18, alignment=TA_CENTER),
        "subtitle": ps("subtitle", fontSize=10, leading=13, alignment=TA_CENTER),
        "subtitle_alt": ps(
            "subtitle_alt", fontSize=9, leading=12, alignment=TA_CENTER, textColor=GREY
        ),
        "heading": ps("heading", fontName=BOLD, fontSize=9.5, leading=13, spaceBefore=6),
        "cell": ps("cell", fontSize=8, leading=10),
        "cell_head": ps("cell_head", fontName=BOLD, fontSize=7.5, leading=9.5),
        "cell_num": ps("cell_num", fontSize=8, leading=10, alignment=TA_RIGHT),
        "cell_num_head": ps(
            "cell_num_head", fontName=BOLD, fontSize=7.5, leading=9.5, alignment=TA_RIGHT
        ),
        "note": ps("note", fontSize=7.5, leading=9.8, textColor=GREY),
        "note_alt": ps("note_alt", fontSize=7, leading=9.2, textColor=GREY),
        "sign": ps("sign", fontSize=9.5, leading=12.5),
        "sign_name": ps("sign_name", fontName=BOLD, fontSize=9.5, leading=12.5),
        "draft": ps("draft", fontName=BOLD, fontSize=8, textColor=DRAFT_RED),
    }
    return s
