"""A sort proxy that orders text with a QCollator for the UI language (qt-practice pitfall 2).

`setSortLocaleAware(True)` follows the OS locale, not the language chosen in the app; this proxy
compares with a collator built for the UI language and is given a new one on language change.
Columns whose `SORT_ROLE` data is a number or a date compare by value.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QCollator,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # a comparable value (number, date) or None


class CollatorSortProxy(QSortFilterProxyModel):
    def __init__(self, collator: QCollator, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._collator = collator
        self.setSortRole(SORT_ROLE)

    def set_collator(self, collator: QCollator) -> None:
        self._collator = collator
        self.invalidate()  # re-sorts with the new order

    def lessThan(
        self,
        left: QModelIndex | QPersistentModelIndex,
        right: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        a = left.data(SORT_ROLE)
        b = right.data(SORT_ROLE)
        if a is None and b is None:
            a = left.data(Qt.ItemDataRole.DisplayRole)
            b = right.data(Qt.ItemDataRole.DisplayRole)
        if a is None or b is None:
            return a is None and b is not None  # empty cells first
        if isinstance(a, str) and isinstance(b, str):
            return self._collator.compare(a, b) < 0
        try:
            return bool(a < b)
        except TypeError:
            return self._collator.compare(str(a), str(b)) < 0
