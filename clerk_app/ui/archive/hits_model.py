"""A thin table model over the core's search hits: no logic, no database, just columns."""

from __future__ import annotations

from PySide6.QtCore import (
    QCollator,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from clerk_app.core.search_types import SearchHit
from clerk_app.ui.archive.labels import full_name, record_type_name
from clerk_app.ui.i18n import format_partial
from clerk_app.ui.sorting import CollatedTableModel

HIT_ROLE = Qt.ItemDataRole.UserRole + 2
_ROOT = QModelIndex()
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole.value)
_HIT = int(HIT_ROLE.value) if hasattr(HIT_ROLE, "value") else int(HIT_ROLE)
_ROLES = frozenset({_DISPLAY, _TOOLTIP, _ALIGN, _HIT})
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)

NAME, BORN, TYPE, ENTERPRISE, REFERENCE, SCORE = range(6)


def _headers() -> list[str]:
    return [
        QCoreApplication.translate("HitsModel", "Name"),
        QCoreApplication.translate("HitsModel", "Born"),
        QCoreApplication.translate("HitsModel", "Record"),
        QCoreApplication.translate("HitsModel", "Enterprise"),
        QCoreApplication.translate("HitsModel", "Archival reference"),
        QCoreApplication.translate("HitsModel", "Match"),
    ]


class HitsModel(CollatedTableModel[SearchHit]):
    def __init__(self, collator: QCollator, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(collator, parent)

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.set_items(hits)

    def hit(self, row: int) -> SearchHit:
        return self.item(row)

    def sort_value(self, hit: SearchHit, column: int) -> object:
        if column == BORN:
            return hit.birth_date  # ISO text: compare as written, not collated
        if column == SCORE:
            return hit.score
        return self._display(hit, column)

    def retranslate(self) -> None:
        """Headers and record-type names are UI text: repaint them in the new language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, SCORE)
        if self._items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._items) - 1, SCORE))

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else SCORE + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _headers()[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        # called for every role of every visible cell on each paint: plain int comparisons
        # first, and nothing computed for the roles this model does not answer
        if role not in _ROLES or not index.isValid():
            return None
        hit = self._items[index.row()]
        col = index.column()
        if role == _DISPLAY:
            return self._display(hit, col)
        if role == _HIT:
            return hit
        if role == _ALIGN:
            return _RIGHT if col == SCORE else None
        if col in (ENTERPRISE, REFERENCE):  # tooltip: the full text of an elided cell
            return self._display(hit, col) or None
        if col == NAME and hit.maiden_name:
            return QCoreApplication.translate("HitsModel", "née %1").replace("%1", hit.maiden_name)
        return None

    def _display(self, hit: SearchHit, col: int) -> str:
        if col == NAME:
            return full_name(hit.surname, hit.given_name, hit.patronymic)
        if col == BORN:
            return format_partial(hit.birth_date)
        if col == TYPE:
            return record_type_name(hit.record_type)
        if col == ENTERPRISE:
            return hit.enterprise or ""
        if col == REFERENCE:
            return hit.citation()
        if col == SCORE:
            return f"{round(hit.score * 100)} %"
        return ""
