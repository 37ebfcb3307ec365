"""Search filters: birth years, record type, enterprise, period; bad input is named in place."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from clerk_app.core.records import CIVIL_STATUS_TYPES, RecordType
from clerk_app.core.search_types import SearchFilters
from clerk_app.ui.archive.labels import record_type_name

MIN_YEAR, MAX_YEAR = 1800, 2100

# (key, types) of the record-type choices; the label comes from _type_label()
TYPE_CHOICES: list[tuple[str, frozenset[RecordType]]] = [
    ("any", frozenset()),
    ("civil", frozenset(CIVIL_STATUS_TYPES)),
    *[(t.value, frozenset({t})) for t in RecordType],
]


def _year_field() -> QLineEdit:
    field = QLineEdit()
    field.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,4}")))
    field.setMaxLength(4)
    field.setMaximumWidth(field.fontMetrics().horizontalAdvance("00000") + 24)
    return field


class FilterBar(QWidget):
    """`changed` on every edit; `filters()` gives the valid filters, or None while a field is
    wrong (its message then stands under the row)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.born_from = _year_field()
        self.born_to = _year_field()
        self.period_from = _year_field()
        self.period_to = _year_field()
        self.record_type = QComboBox()
        for key, _types in TYPE_CHOICES:
            self.record_type.addItem("", key)
        self.enterprise = QLineEdit()
        self.enterprise.setClearButtonEnabled(True)
        self.clear_button = QPushButton()
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()

        self.born_label = QLabel()
        self.period_label = QLabel()
        self.type_label = QLabel()
        self.enterprise_label = QLabel()
        self.born_label.setBuddy(self.born_from)
        self.period_label.setBuddy(self.period_from)
        self.type_label.setBuddy(self.record_type)
        self.enterprise_label.setBuddy(self.enterprise)
        self._dashes = [QLabel("–"), QLabel("–")]
        for dash in self._dashes:
            dash.setProperty("clerk_data", True)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        born = QHBoxLayout()
        born.addWidget(self.born_from)
        born.addWidget(self._dashes[0])
        born.addWidget(self.born_to)
        period = QHBoxLayout()
        period.addWidget(self.period_from)
        period.addWidget(self._dashes[1])
        period.addWidget(self.period_to)
        grid.addWidget(self.born_label, 0, 0)
        grid.addLayout(born, 0, 1)
        grid.addWidget(self.type_label, 0, 2)
        grid.addWidget(self.record_type, 0, 3)
        grid.addWidget(self.period_label, 1, 0)
        grid.addLayout(period, 1, 1)
        grid.addWidget(self.enterprise_label, 1, 2)
        grid.addWidget(self.enterprise, 1, 3)
        grid.addWidget(self.clear_button, 1, 4)
        grid.addWidget(self.error, 2, 0, 1, 5)
        grid.setColumnStretch(3, 1)

        for field in (self.born_from, self.born_to, self.period_from, self.period_to):
            field.textChanged.connect(self._edited)
        self.enterprise.textChanged.connect(self._edited)
        self.record_type.currentIndexChanged.connect(self._edited)
        self.clear_button.clicked.connect(self.clear)
        self.retranslate()

    def retranslate(self) -> None:
        self.born_label.setText(self.tr("&Born"))
        self.period_label.setText(self.tr("&Period"))
        self.type_label.setText(self.tr("Record &type"))
        self.enterprise_label.setText(self.tr("&Enterprise"))
        self.clear_button.setText(self.tr("C&lear filters"))
        for field, name in (
            (self.born_from, self.tr("Born from year")),
            (self.born_to, self.tr("Born until year")),
            (self.period_from, self.tr("Period from year")),
            (self.period_to, self.tr("Period until year")),
        ):
            field.setAccessibleName(name)
            field.setToolTip(name)
        self.born_from.setPlaceholderText(self.tr("from"))
        self.born_to.setPlaceholderText(self.tr("until"))
        self.period_from.setPlaceholderText(self.tr("from"))
        self.period_to.setPlaceholderText(self.tr("until"))
        self.record_type.setAccessibleName(self.tr("Record type"))
        self.enterprise.setAccessibleName(self.tr("Enterprise"))
        self.enterprise.setPlaceholderText(self.tr("any enterprise"))
        for i, (key, _types) in enumerate(TYPE_CHOICES):
            self.record_type.setItemText(i, self._type_label(key))
        self.clear_button.setAccessibleName(self.tr("Clear filters"))
        self._validate()

    def _type_label(self, key: str) -> str:
        if key == "any":
            return self.tr("Any record")
        if key == "civil":
            return self.tr("Civil status (birth, marriage, death)")
        return record_type_name(key)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def clear(self) -> None:
        self.blockSignals(True)
        for field in (self.born_from, self.born_to, self.period_from, self.period_to):
            field.clear()
        self.enterprise.clear()
        self.record_type.setCurrentIndex(0)
        self.blockSignals(False)
        self._edited()

    def _edited(self) -> None:
        self._validate()
        self.changed.emit()

    def _year(self, field: QLineEdit) -> tuple[int | None, bool]:
        text = field.text().strip()
        if not text:
            return None, True
        ok = len(text) == 4 and MIN_YEAR <= int(text) <= MAX_YEAR
        return (int(text) if ok else None), ok

    def _validate(self) -> SearchFilters | None:
        values = {}
        problems = []
        for name, field in (
            ("born_from", self.born_from),
            ("born_to", self.born_to),
            ("period_from", self.period_from),
            ("period_to", self.period_to),
        ):
            value, ok = self._year(field)
            field.setProperty("invalid", not ok)
            if not ok:
                problems.append(
                    self.tr("%1: enter a year between %2 and %3.")
                    .replace("%1", field.accessibleName())
                    .replace("%2", str(MIN_YEAR))
                    .replace("%3", str(MAX_YEAR))
                )
            values[name] = value
        for lo, hi, label in (
            ("born_from", "born_to", self.tr("Born")),
            ("period_from", "period_to", self.tr("Period")),
        ):
            if values[lo] is not None and values[hi] is not None and values[lo] > values[hi]:
                problems.append(
                    self.tr("%1: the first year is after the second.").replace("%1", label)
                )
        if problems:
            self.error.setText("\n".join(problems))
            self.error.show()
            return None
        self.error.clear()
        self.error.hide()
        _key, types = TYPE_CHOICES[max(self.record_type.currentIndex(), 0)]
        return SearchFilters(
            born_from=values["born_from"],
            born_to=values["born_to"],
            types=types,
            enterprise=self.enterprise.text().strip() or None,
            period_from=values["period_from"],
            period_to=values["period_to"],
        )

    def filters(self) -> SearchFilters | None:
        return self._validate()
