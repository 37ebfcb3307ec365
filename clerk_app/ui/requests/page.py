"""The request register: list with overdue and due-soon highlighted, search and filters, the
selected request's details, records and history, and every change through a dialog.

Every read and write runs on a worker through the task runner with the core's RequestService;
the page only words the results. A refused change comes back as the core's error code and is
shown next to the field it concerns.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from clerk_app.core.ports import ConcurrentEdit
from clerk_app.core.requests import (
    ExtensionError,
    LegalRegime,
    NewRequest,
    Request,
    RequestFilter,
    RequestStatus,
    RequestValidationError,
    TransitionError,
)
from clerk_app.ui.context import AppContext, Services
from clerk_app.ui.page import FeaturePage
from clerk_app.ui.requests.detail_pane import LoadedRequest, RequestDetailPane
from clerk_app.ui.requests.dialogs import (
    AssignDialog,
    ExtendDialog,
    RequestPickerDialog,
    StatusDialog,
)
from clerk_app.ui.requests.labels import extension_error_text, status_name, transition_error_text
from clerk_app.ui.requests.model import (
    DEADLINE,
    PERSON,
    REQUEST_ROLE,
    RequestRow,
    RequestsModel,
    request_row,
)
from clerk_app.ui.requests.register_dialog import RegisterDialog

DEBOUNCE_MS = 250

# status filter choices: key -> RequestFilter fields
STATUS_CHOICES = ["open", "overdue", "all", *[s.value for s in RequestStatus]]


def _listing(services: Services, flt: RequestFilter) -> tuple[date, list[RequestRow]]:
    today = services.requests.today()
    return today, [request_row(r, today) for r in services.requests.list(flt)]


def _load(services: Services, uid: str) -> LoadedRequest:
    detail = services.requests.get(uid)
    today = services.requests.today()
    with services.uow_factory() as uow:
        records = [(rid, uow.records.detail(rid)) for rid in detail.request.record_ids]
    return LoadedRequest(request_row(detail.request, today), detail, records)


class RequestsPage(FeaturePage):
    page_id = "requests"
    # the clerk wants to search the archive for this request: (uid, number, search text)
    search_archive = Signal(str, str, str)
    loaded = Signal()  # the listing was (re)loaded; for tests and the screenshot script
    message = Signal(str)  # a sentence for the status bar

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._selected_uid: str | None = None
        self._known_assignees: list[str] = []
        self.dialog: QWidget | None = None  # the open dialog, if any (tests reach it here)

        self.new_button = QPushButton()
        self.new_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon))
        self.new_button.clicked.connect(self.new_request)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setObjectName("requestSearch")
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search)
        self.status_filter = QComboBox()
        for key in STATUS_CHOICES:
            self.status_filter.addItem("", key)
        self.status_label = QLabel()
        self.status_label.setBuddy(self.status_filter)
        self.mine = QComboBox()
        self.mine.addItem("", False)
        self.mine.addItem("", True)
        self.count = QLabel()
        for combo in (self.status_filter, self.mine):  # room for the longest language
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        top = QHBoxLayout()
        top.addWidget(self.new_button)
        top.addSpacing(12)
        top.addWidget(self.search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.status_label)
        top.addWidget(self.status_filter)
        top.addWidget(self.mine)

        self.model = RequestsModel(app.translations.collator(), self)
        self.table = QTableView()
        self.table.setObjectName("requestTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(DEADLINE, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(PERSON, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.detail = RequestDetailPane()
        self.detail.change_status.connect(self.change_status)
        self.detail.assign.connect(self.assign)
        self.detail.extend.connect(self.extend)
        self.detail.search_archive.connect(self._search_archive)
        self.detail.remove_records.connect(self.remove_records)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.count)
        layout.addWidget(splitter, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.reload)
        self.search.textChanged.connect(self._debounce.start)
        self.status_filter.currentIndexChanged.connect(self.reload)
        self.mine.currentIndexChanged.connect(self.reload)
        app.ready.connect(self.reload)
        app.data_changed.connect(self._data_changed)
        app.translations.language_changed.connect(
            lambda _l: self.model.set_collator(app.translations.collator())
        )
        self._rows_total = 0
        self._init_done()

    # -- page --------------------------------------------------------------------------
    def nav_title(self) -> str:
        return self.tr("Requests")

    def nav_icon(self) -> QIcon:
        return self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView)

    def focus_main_input(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def retranslate(self) -> None:
        self.new_button.setText(self.tr("&New request…"))
        self.new_button.setToolTip(
            self.tr("Register a new request (%1)").replace(
                "%1",
                QKeySequence(QKeySequence.StandardKey.New).toString(
                    QKeySequence.SequenceFormat.NativeText
                ),
            )
        )
        self.search_label.setText(self.tr("Fin&d"))
        self.search.setPlaceholderText(self.tr("Number, applicant, person or partner's case"))
        self.search.setAccessibleName(self.tr("Find requests"))
        self.status_label.setText(self.tr("Sho&w"))
        self.status_filter.setAccessibleName(self.tr("Which requests to show"))
        labels = {
            "open": self.tr("Open requests"),
            "overdue": self.tr("Overdue requests"),
            "all": self.tr("All requests"),
        }
        for i, key in enumerate(STATUS_CHOICES):
            self.status_filter.setItemText(i, labels.get(key) or status_name(RequestStatus(key)))
        self.mine.setItemText(0, self.tr("Anyone's"))
        self.mine.setItemText(1, self.tr("Assigned to me"))
        self.mine.setAccessibleName(self.tr("Whose requests to show"))
        self.table.setAccessibleName(self.tr("Requests"))
        self.model.retranslate()
        self._show_count()

    def _show_count(self) -> None:
        rows = self.model.rows()
        overdue = sum(1 for r in rows if r.state.value == "overdue")
        soon = sum(1 for r in rows if r.state.value == "due_soon")
        text = self.tr("%n request(s)", "", len(rows))
        if overdue:
            text += " · " + self.tr("%n overdue", "", overdue)
        if soon:
            text += " · " + self.tr("%n due soon", "", soon)
        self.count.setText(text)

    # -- listing -----------------------------------------------------------------------
    def current_filter(self) -> RequestFilter:
        key = self.status_filter.currentData() or "open"
        statuses: frozenset[RequestStatus] = frozenset()
        if key not in ("open", "overdue", "all"):
            statuses = frozenset({RequestStatus(key)})
        return RequestFilter(
            text=self.search.text().strip() or None,
            statuses=statuses,
            assignee=self._app.workstation.actor if self.mine.currentData() else None,
            open_only=key == "open",
            overdue_only=key == "overdue",
        )

    def reload(self) -> None:
        self._debounce.stop()
        flt = self.current_filter()
        self._app.run(
            lambda services, _ctx: _listing(services, flt),
            on_result=self._listed,
            on_error=self._failed,
            key="requests.list",
            coalesce=True,
        )

    def _listed(self, result: tuple[date, list[RequestRow]]) -> None:
        _today, rows = result
        self.model.set_rows(rows)
        names = {r.request.assignee for r in rows if r.request.assignee}
        self._known_assignees = sorted(set(self._known_assignees) | names)
        self._show_count()
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(PERSON, QHeaderView.ResizeMode.Stretch)
        uid = self._selected_uid
        if uid and not self.select(uid):
            # filtered out of the list (e.g. refused while showing open ones): keep showing it
            self._load_detail(uid)
        elif not uid:
            self.detail.show_request(None)
        self.loaded.emit()

    def select(self, uid: str) -> bool:
        row = self.model.row_of(uid)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        self._load_detail(uid)
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        request: Request | None = current.data(REQUEST_ROLE) if current.isValid() else None
        if request is None:
            return
        if request.uid != self._selected_uid or self.detail.request() is None:
            self._load_detail(request.uid)

    def _load_detail(self, uid: str) -> None:
        self._selected_uid = uid
        self._app.run(
            lambda services, _ctx: _load(services, uid),
            on_result=self.detail.show_request,
            on_error=self._failed,
            key="requests.detail",
            coalesce=True,
        )

    def _data_changed(self, topic: str) -> None:
        if topic == "requests":
            self.reload()

    def _failed(self, exc: BaseException) -> None:
        from clerk_app.core.services.requests import RequestNotFound

        if isinstance(exc, RequestNotFound):
            self.message.emit(self.tr("The request no longer exists."))
        elif isinstance(exc, ConcurrentEdit):
            self.message.emit(
                self.tr("Someone else changed the request meanwhile; it was reloaded.")
            )
            self._app.data_changed.emit("requests")
        else:
            self.message.emit(self.tr("The register could not be read or written. Try again."))

    # -- register ----------------------------------------------------------------------
    def new_request(self) -> None:
        ws = self._app.workstation
        dialog = RegisterDialog(
            date.today(),
            LegalRegime(ws.settings.legal_regime),
            self._known_assignees,
            ws.actor,
            self,
        )
        dialog.submitted.connect(lambda new: self._register(dialog, new))
        self._open(dialog)

    def _register(self, dialog: RegisterDialog, new: NewRequest) -> None:
        def done(request: Request) -> None:
            if isValid(dialog):  # the clerk may have closed it meanwhile
                dialog.accept()
            self._selected_uid = request.uid
            self.status_filter.setCurrentIndex(STATUS_CHOICES.index("open"))
            self.search.clear()
            self.message.emit(self.tr("Request %1 registered.").replace("%1", request.reg_number))
            self._app.data_changed.emit("requests")

        def failed(exc: BaseException) -> None:
            if not isValid(dialog):
                self._failed(exc)
            elif isinstance(exc, RequestValidationError):
                dialog.show_errors(exc.errors)
            else:
                dialog.show_failure(self.tr("The request could not be registered. Try again."))

        self._app.run(
            lambda services, _ctx: services.requests.register(new),
            on_result=done,
            on_error=failed,
        )

    # -- changes -----------------------------------------------------------------------
    def change_status(self) -> None:
        request = self.detail.request()
        if request is None:
            return
        dialog = StatusDialog(request, self)
        dialog.submitted.connect(
            lambda wanted, reason, target: self._write(
                dialog,
                lambda s: s.requests.change_status(request.uid, wanted, reason, target),
                self.tr("Status of %1: %2.")
                .replace("%1", request.reg_number)
                .replace("%2", status_name(wanted)),
            )
        )
        self._open(dialog)

    def assign(self) -> None:
        request = self.detail.request()
        if request is None:
            return
        candidates = [self._app.workstation.actor, *self._known_assignees]
        dialog = AssignDialog(request, candidates, self)
        dialog.submitted.connect(
            lambda who: self._write(
                dialog,
                lambda s: s.requests.assign(request.uid, who),
                self.tr("Request %1 assigned.").replace("%1", request.reg_number),
            )
        )
        self._open(dialog)

    def extend(self) -> None:
        request = self.detail.request()
        if request is None:
            return
        dialog = ExtendDialog(request, self)
        dialog.submitted.connect(
            lambda days, notice: self._write(
                dialog,
                lambda s: s.requests.extend_deadline(request.uid, days, notice),
                self.tr("Deadline of %1 extended.").replace("%1", request.reg_number),
            )
        )
        self._open(dialog)

    def _write(self, dialog, fn, done_text: str) -> None:  # type: ignore[no-untyped-def]
        def done(_result: object) -> None:
            if isValid(dialog):
                dialog.accept()
            self.message.emit(done_text)
            self._app.data_changed.emit("requests")

        def failed(exc: BaseException) -> None:
            if not isValid(dialog):
                self._failed(exc)
            elif isinstance(exc, TransitionError):
                key = {"target_required": "forwarded_to", "not_allowed": "status"}.get(
                    exc.code, "reason"
                )
                dialog.show_error(key, transition_error_text(exc.code))
            elif isinstance(exc, ExtensionError):
                key = "notice" if exc.code == "notice_required" else "days"
                dialog.show_error(key, extension_error_text(exc.code))
            else:
                dialog.set_busy(False)
                self._failed(exc)

        self._app.run(lambda services, _ctx: fn(services), on_result=done, on_error=failed)

    def _open(self, dialog: QWidget) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))  # type: ignore[attr-defined]
        dialog.open()  # type: ignore[attr-defined]

    # -- records -----------------------------------------------------------------------
    def attach_records(self, record_ids: list[str], target_uid: str | None = None) -> None:
        """Add archive records to a request: the given one, or one the clerk picks."""
        if target_uid:
            self._add_records(target_uid, record_ids)
            return
        flt = RequestFilter(open_only=True)

        def pick(result: tuple[date, list[RequestRow]]) -> None:
            requests = [r.request for r in result[1]]
            dialog = RequestPickerDialog(requests, len(record_ids), self.window())
            dialog.chosen.connect(lambda request: self._add_records(request.uid, record_ids))
            self._open(dialog)

        self._app.run(lambda services, _ctx: _listing(services, flt), on_result=pick)

    def _add_records(self, uid: str, record_ids: list[str]) -> None:
        def done(added: list[str]) -> None:
            self.message.emit(self.tr("%n record(s) added to the request.", "", len(added)))
            self._app.data_changed.emit("requests")

        def failed(exc: BaseException) -> None:
            from clerk_app.core.services.requests import UnknownRecords

            if isinstance(exc, UnknownRecords):
                self.message.emit(self.tr("Some records are no longer in the archive."))
            else:
                self._failed(exc)

        self._selected_uid = uid
        self._app.run(
            lambda services, _ctx: services.requests.add_records(uid, record_ids),
            on_result=done,
            on_error=failed,
        )

    def remove_records(self, record_ids: list[str]) -> None:
        request = self.detail.request()
        if request is None:
            return
        uid = request.uid

        def done(removed: list[str]) -> None:
            self.message.emit(self.tr("%n record(s) removed from the request.", "", len(removed)))
            self._app.data_changed.emit("requests")

        self._app.run(
            lambda services, _ctx: services.requests.remove_records(uid, record_ids),
            on_result=done,
            on_error=self._failed,
        )

    def _search_archive(self) -> None:
        request = self.detail.request()
        if request is None:
            return
        text = request.person_name
        if request.person_birth_date:
            text += f" {request.person_birth_date.year}"
        self.search_archive.emit(request.uid, request.reg_number, text)
