"""Drive the UI like a keyboard does: for tests, the GUI-lag bench and the screenshot script.

`QTest.keyClicks` aborts the whole process on non-ASCII text (qt-practice pitfall 1: "Иван",
"õun", "rīga"); `type_text` sends one key press and release per character with the character as
the event text, which line edits accept whatever the keyboard layout.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_char(widget: QWidget, char: str) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
        QApplication.sendEvent(widget, event)


def type_text(widget: QWidget, text: str) -> None:
    for char in text:
        type_char(widget, char)


def press(widget: QWidget, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, modifiers))
