"""A thin table model over the register's listing, with overdue and due-soon highlighted.

The rows are computed on the worker that read them (`RequestRow`: the request, its deadline
state and day counts), so the model only words and colours them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import (
    QCollator,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from clerk_app.core.calendar import working_days_between
from clerk_app.core.requests import DeadlineState, Request
from clerk_app.ui.i18n import format_date
from clerk_app.ui.requests.labels import deadline_state_name, status_name, subject_name
from clerk_app.ui.sorting import CollatedTableModel

REQUEST_ROLE = Qt.ItemDataRole.UserRole + 3
STATE_ROLE = Qt.ItemDataRole.UserRole + 4
_ROOT = QModelIndex()

NUMBER, REGISTERED, APPLICANT, PERSON, SUBJECT, STATUS, DEADLINE, DUE, ASSIGNEE = range(9)
COLUMNS = 9

OVERDUE_BG = QColor("#f8d7da")
OVERDUE_FG = QColor("#842029")
DUE_SOON_BG = QColor("#fff3cd")
DUE_SOON_FG = QColor("#664d03")


@dataclass(frozen=True)
class RequestRow:
    request: Request
    state: DeadlineState
    working_days_left: int  # working days from today to the deadline (negative: past)
    days_overdue: int  # calendar days past the deadline, 0 when not overdue


def request_row(request: Request, today: date) -> RequestRow:
    end = request.effective_deadline
    return RequestRow(
        request,
        request.deadline_state(today),
        working_days_between(today, end, request.regime.country),
        max((today - end).days, 0),
    )


def due_text(row: RequestRow) -> str:
    if row.state is DeadlineState.CLOSED:
        return deadline_state_name(DeadlineState.CLOSED)
    if row.state is DeadlineState.OVERDUE:
        return QCoreApplication.translate(
            "RequestsModel", "overdue by %n day(s)", "", row.days_overdue
        )
    if row.working_days_left <= 0:
        return QCoreApplication.translate("RequestsModel", "due today")
    return QCoreApplication.translate(
        "RequestsModel", "in %n working day(s)", "", row.working_days_left
    )


def _headers() -> list[str]:
    return [
        QCoreApplication.translate("RequestsModel", "Number"),
        QCoreApplication.translate("RequestsModel", "Registered"),
        QCoreApplication.translate("RequestsModel", "Applicant"),
        QCoreApplication.translate("RequestsModel", "Person sought"),
        QCoreApplication.translate("RequestsModel", "Subject"),
        QCoreApplication.translate("RequestsModel", "Status"),
        QCoreApplication.translate("RequestsModel", "Deadline"),
        QCoreApplication.translate("RequestsModel", "Due"),
        QCoreApplication.translate("RequestsModel", "Assignee"),
    ]


class RequestsModel(CollatedTableModel[RequestRow]):
    def __init__(self, collator: QCollator, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(collator, parent)

    def set_rows(self, rows: list[RequestRow]) -> None:
        self.set_items(rows)

    def rows(self) -> list[RequestRow]:
        return self.items()

    def row_of(self, uid: str) -> int:
        return next((i for i, r in enumerate(self._items) if r.request.uid == uid), -1)

    def sort_value(self, row: RequestRow, column: int) -> object:
        r = row.request
        if column == REGISTERED:
            return r.registered_at
        if column in (DEADLINE, DUE):
            return r.effective_deadline
        return self._display(row, column)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMNS - 1)
        if self._items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._items) - 1, COLUMNS - 1))

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _headers()[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid():
            return None
        row = self._items[index.row()]
        r = row.request
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == REQUEST_ROLE:
            return r
        if role == STATE_ROLE:
            return row.state
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.state is DeadlineState.OVERDUE:
                return QBrush(OVERDUE_BG)
            if row.state is DeadlineState.DUE_SOON:
                return QBrush(DUE_SOON_BG)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.state is DeadlineState.OVERDUE:
                return QBrush(OVERDUE_FG)
            if row.state is DeadlineState.DUE_SOON:
                return QBrush(DUE_SOON_FG)
        if (
            role == Qt.ItemDataRole.FontRole
            and col in (DEADLINE, DUE)
            and row.state is DeadlineState.OVERDUE
        ):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and col in (DEADLINE, DUE):
            return deadline_state_name(row.state)
        return None

    def _display(self, row: RequestRow, col: int) -> str:
        r = row.request
        if col == NUMBER:
            return r.reg_number
        if col == REGISTERED:
            return format_date(r.registered_on)
        if col == APPLICANT:
            return r.applicant.name
        if col == PERSON:
            return r.person_name
        if col == SUBJECT:
            return subject_name(r.subject)
        if col == STATUS:
            return status_name(r.status)
        if col == DEADLINE:
            return format_date(r.effective_deadline)
        if col == DUE:
            return due_text(row)
        if col == ASSIGNEE:
            return r.assignee or ""
        return ""
