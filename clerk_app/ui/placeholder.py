"""An honest "not yet available" panel for features whose core is still being built."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget


class NotYetAvailable(QWidget):
    """A heading and an explanation; the owning page sets both texts (translated there)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.heading.setWordWrap(True)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(self.heading)
        column.addSpacing(self.fontMetrics().height())
        column.addWidget(self.body)
        column.addStretch(2)
        row = QHBoxLayout(self)
        row.addStretch(1)
        row.addLayout(column, 3)  # a readable line length, centred
        row.addStretch(1)

    def set_texts(self, heading: str, body: str) -> None:
        self.heading.setText(heading)
        self.body.setText(body)
