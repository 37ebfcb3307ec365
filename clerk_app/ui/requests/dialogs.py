"""Small dialogs of the register: change status, assign, extend the deadline, pick a request.

Like the registration dialog they touch no database: they emit what the clerk chose, the page
runs the service on a worker and hands a refusal back with `show_error(field, text)`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clerk_app.core.requests import (
    MAX_EXTENSION_DAYS,
    NEEDS_REASON,
    TRANSITIONS,
    Request,
    RequestStatus,
)
from clerk_app.ui.forms import FieldErrors
from clerk_app.ui.i18n import format_date
from clerk_app.ui.requests.labels import status_name


class _FormDialog(QDialog):
    """A form with error lines and OK/Cancel; subclasses fill the form and word it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.form = QFormLayout()
        self.f = FieldErrors(self.form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None: ...

    def submit(self) -> None: ...

    def set_busy(self, busy: bool) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not busy)

    def show_error(self, key: str, text: str) -> None:
        self.set_busy(False)
        first = self.f.show({key: text})
        if first is not None:
            first.setFocus()

    def error_for(self, key: str) -> str:
        return self.f.message(key)


class StatusDialog(_FormDialog):
    """Choose the next status (only the allowed ones) with a reason where the law wants one."""

    submitted = Signal(object, object, object)  # RequestStatus, reason, forwarded_to

    def __init__(self, request: Request, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusDialog")
        self._request = request
        self.status = QComboBox()
        for status in RequestStatus:
            if status in TRANSITIONS[request.status]:
                self.status.addItem("", status.value)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.forwarded_to = QLineEdit()
        self.f.add("status", self.status)
        self.f.add("reason", self.reason)
        self.f.add("forwarded_to", self.forwarded_to)
        self.status.currentIndexChanged.connect(self._status_changed)
        self.retranslate()
        self._status_changed()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Change the status"))
        self.intro.setText(
            self.tr("Request %1 is now: %2.")
            .replace("%1", self._request.reg_number)
            .replace("%2", status_name(self._request.status))
        )
        for i in range(self.status.count()):
            self.status.setItemText(i, status_name(RequestStatus(self.status.itemData(i))))
        self.f.labels["status"].setText(self.tr("&New status"))
        self.f.labels["reason"].setText(self.tr("&Reason"))
        self.f.labels["forwarded_to"].setText(self.tr("&Forwarded to"))
        self.status.setAccessibleName(self.tr("New status"))
        self.reason.setAccessibleName(self.tr("Reason for the change"))
        self.forwarded_to.setAccessibleName(self.tr("Archive or office the request goes to"))
        if not self.status.count():
            self.intro.setText(self.intro.text() + " " + self.tr("The request is closed."))

    def wanted(self) -> RequestStatus | None:
        data = self.status.currentData()
        return RequestStatus(data) if data else None  # Qt hands StrEnums back as str

    def _status_changed(self) -> None:
        wanted = self.wanted()
        self.f.set_row_visible("forwarded_to", wanted is RequestStatus.FORWARDED)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(wanted is not None)
        self.reason.setPlaceholderText(
            self.tr("required") if wanted in NEEDS_REASON else self.tr("optional")
        )

    def submit(self) -> None:
        wanted = self.wanted()
        if wanted is None:
            return
        reason = self.reason.toPlainText().strip() or None
        target = self.forwarded_to.text().strip() or None
        try:
            self._request.check_transition(wanted, reason, target)
        except ValueError as exc:
            from clerk_app.ui.requests.labels import transition_error_text

            code = getattr(exc, "code", "")
            key = "forwarded_to" if code == "target_required" else "reason"
            self.show_error(key if code != "not_allowed" else "status", transition_error_text(code))
            return
        self.f.clear()
        self.set_busy(True)
        self.submitted.emit(wanted, reason, target)


class AssignDialog(_FormDialog):
    submitted = Signal(object)  # assignee or None

    def __init__(
        self, request: Request, candidates: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("assignDialog")
        self._request = request
        self.assignee = QComboBox()
        self.assignee.setEditable(True)
        self.assignee.addItem("")
        for name in dict.fromkeys(candidates):
            self.assignee.addItem(name)
        self.assignee.setCurrentText(request.assignee or "")
        self.f.add("assignee", self.assignee)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Assign the request"))
        self.intro.setText(
            self.tr("Who handles request %1? Leave empty for nobody.").replace(
                "%1", self._request.reg_number
            )
        )
        self.f.labels["assignee"].setText(self.tr("&Assignee"))
        self.assignee.setAccessibleName(self.tr("Assignee"))

    def submit(self) -> None:
        self.set_busy(True)
        self.submitted.emit(self.assignee.currentText().strip() or None)


class ExtendDialog(_FormDialog):
    submitted = Signal(int, str)  # days, notice to the applicant

    def __init__(self, request: Request, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("extendDialog")
        self._request = request
        self.days = QSpinBox()
        self.days.setRange(1, MAX_EXTENSION_DAYS[request.regime])
        self.days.setValue(min(30, MAX_EXTENSION_DAYS[request.regime]))
        self.notice = QPlainTextEdit()
        self.notice.setTabChangesFocus(True)
        self.notice.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.f.add("days", self.days)
        self.f.add("notice", self.notice)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Extend the deadline"))
        self.intro.setText(
            self.tr(
                "The deadline of request %1 is %2. It can be extended once, by up to %n "
                "day(s), and the applicant must be told.",
                "",
                MAX_EXTENSION_DAYS[self._request.regime],
            )
            .replace("%1", self._request.reg_number)
            .replace("%2", format_date(self._request.deadline))
        )
        self.f.labels["days"].setText(self.tr("&Days"))
        self.f.labels["notice"].setText(self.tr("&Notice to the applicant"))
        self.days.setAccessibleName(self.tr("Days of extension"))
        self.notice.setAccessibleName(self.tr("Notice to the applicant"))

    def submit(self) -> None:
        notice = self.notice.toPlainText().strip()
        if not notice:
            from clerk_app.ui.requests.labels import extension_error_text

            self.show_error("notice", extension_error_text("notice_required"))
            return
        self.f.clear()
        self.set_busy(True)
        self.submitted.emit(self.days.value(), notice)


class RequestPickerDialog(QDialog):
    """Pick the open request that the chosen archive records belong to."""

    chosen = Signal(object)  # Request

    def __init__(self, requests: list[Request], count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("requestPicker")
        self._count = count
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for request in requests:
            text = f"{request.reg_number} — {request.person_name} ({request.applicant.name})"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, request)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.empty = QLabel()
        self.empty.setVisible(not requests)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._choose)
        self.buttons.rejected.connect(self.reject)
        self.list.itemActivated.connect(lambda _item: self._choose())
        self.filter.textChanged.connect(self._filter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.resize(560, 420)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Add to request"))
        self.intro.setText(self.tr("Add %n record(s) to which request?", "", self._count))
        self.filter.setPlaceholderText(self.tr("Filter by number, applicant or person"))
        self.filter.setAccessibleName(self.tr("Filter requests"))
        self.list.setAccessibleName(self.tr("Open requests"))
        self.empty.setText(self.tr("There is no open request. Register one first (Ctrl+N)."))

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def _choose(self) -> None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return
        self.chosen.emit(item.data(Qt.ItemDataRole.UserRole))
        self.accept()
