"""Forms whose bad input is named next to the field (never in a traceback or a later popup)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

ERROR_STYLE = "color: #b00020;"


class FieldErrors:
    """Adds rows `label: field` to a QFormLayout, each with an error line under the field."""

    def __init__(self, form: QFormLayout) -> None:
        self.form = form
        self.labels: dict[str, QLabel] = {}
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.rows: dict[str, QWidget] = {}

    def add(self, key: str, field: QWidget | None = None, holder: QWidget | None = None) -> QLabel:
        """Add a row; `holder` is what is shown (a layout around `field`), `field` gets focus."""
        label = QLabel()
        shown = holder or field
        assert shown is not None and field is not None
        label.setBuddy(field)
        error = QLabel()
        error.setObjectName(f"error_{key}")
        error.setStyleSheet(ERROR_STYLE)
        error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        error.hide()
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(shown)
        column.addWidget(error)
        self.form.addRow(label, box)
        self.labels[key] = label
        self.fields[key] = field
        self.errors[key] = error
        self.rows[key] = box
        return label

    def set_row_visible(self, key: str, visible: bool) -> None:
        self.form.setRowVisible(self.rows[key], visible)

    def clear(self) -> None:
        for key, error in self.errors.items():
            error.clear()
            error.hide()
            self.fields[key].setAccessibleDescription("")

    def show(self, messages: dict[str, str]) -> QWidget | None:
        """Show each message under its field; returns the first field with a problem."""
        self.clear()
        first: QWidget | None = None
        for key in self.errors:
            text = messages.get(key)
            if not text:
                continue
            self.errors[key].setText(text)
            self.errors[key].show()
            self.fields[key].setAccessibleDescription(text)
            if first is None:
                first = self.fields[key]
        return first

    def message(self, key: str) -> str:
        return "" if self.errors[key].isHidden() else self.errors[key].text()
