"""Register the bundled Noto Sans so Estonian, Latvian and Cyrillic render on any machine.

With no fonts visible to fontconfig every glyph renders as a box (qt-practice §3); the bundled
font makes the app independent of what the workstation has installed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

FONTS_DIR = Path(__file__).resolve().parents[1] / "resources" / "fonts"
FONT_FILES = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf")


def register_fonts(app: QGuiApplication, point_size: float | None = None) -> str | None:
    """Add the bundled fonts and make Noto Sans the application font; its family or None."""
    family: str | None = None
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(FONTS_DIR / name))
        if font_id >= 0 and family is None:
            families = QFontDatabase.applicationFontFamilies(font_id)
            family = families[0] if families else None
    if family is not None:
        font = QFont(family)
        size = point_size or app.font().pointSizeF()
        if size > 0:
            font.setPointSizeF(size)
        app.setFont(font)
    return family
