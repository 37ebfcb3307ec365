"""The base of every feature page: a title for the navigation, an icon and live retranslation."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QLabel, QWidget


class FeaturePage(QWidget):
    """One feature of the app (Requests, Archive, …) shown in the main window's stack.

    Subclasses build their widgets in `__init__` and set every visible text in `retranslate()`,
    which runs once at the end of construction (call `self._init_done()`) and again on every
    `LanguageChange`.
    """

    page_id = ""

    def nav_title(self) -> str:
        raise NotImplementedError

    def nav_icon(self) -> QIcon:
        return QIcon()

    def retranslate(self) -> None:
        """Set every visible text; runs again whenever the language changes."""

    def focus_main_input(self) -> None:
        """Put the keyboard focus where work starts on this page."""
        self.setFocus()

    def _init_done(self) -> None:
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def data_label(text: str = "") -> QLabel:
    """A label showing data (a name, a number), not UI text: the pseudo-locale test skips it."""
    label = QLabel(text)
    label.setProperty("clerk_data", True)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    return label
