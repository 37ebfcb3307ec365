"""A thin model over a record's payroll months: month, amount, currency, sheet.

A model rather than a QTableWidget: a payroll account holds up to ~500 months, and creating an
item per cell on the GUI thread cost ~100 ms (measured in bench/gui_lag_bench.py).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from clerk_app.core.record_detail import PayrollLine
from clerk_app.ui.i18n import format_partial

_ROOT = QModelIndex()
MONTH, AMOUNT, CURRENCY, SHEET = range(4)


class PayrollModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._lines: tuple[PayrollLine, ...] = ()
        self._locale = QLocale()

    def set_lines(self, lines: tuple[PayrollLine, ...]) -> None:
        self.beginResetModel()
        self._lines = lines
        self._locale = QLocale()
        self.endResetModel()

    def retranslate(self) -> None:
        self._locale = QLocale()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, SHEET)
        if self._lines:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._lines) - 1, SHEET))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else SHEET + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                QCoreApplication.translate("PayrollModel", "Month"),
                QCoreApplication.translate("PayrollModel", "Amount"),
                QCoreApplication.translate("PayrollModel", "Currency"),
                QCoreApplication.translate("PayrollModel", "Sheet"),
            )[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid():
            return None
        line = self._lines[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == MONTH:
                return format_partial(f"{line.year:04d}-{line.month:02d}", self._locale)
            if col == AMOUNT:
                return self._locale.toString(float(line.amount), "f", 2)
            if col == CURRENCY:
                return line.currency
            return line.sheet or ""
        if role == Qt.ItemDataRole.TextAlignmentRole and col == AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
