"""Archive search: search-as-you-type, filters, a results table and the record's detail.

Typing restarts a 250 ms debounce; then one search runs on a worker through the task runner
(key "archive.search", coalesced: a newer query replaces a queued one and makes the running
one stale, so a stale result is never shown). A generation counter guards the same rule here.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
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

from clerk_app.core.record_detail import RecordDetail
from clerk_app.core.records import RecordType
from clerk_app.core.search_types import SearchFilters, SearchHit, SearchResult
from clerk_app.ui.archive.detail_pane import DetailPane
from clerk_app.ui.archive.filter_bar import FilterBar
from clerk_app.ui.archive.hits_model import (
    BORN,
    ENTERPRISE,
    HIT_ROLE,
    NAME,
    REFERENCE,
    SCORE,
    TYPE,
    HitsModel,
)
from clerk_app.ui.archive.labels import record_type_name
from clerk_app.ui.context import AppContext, Services
from clerk_app.ui.page import FeaturePage, data_label
from clerk_app.ui.tasks import TaskContext

DEBOUNCE_MS = 250
RESULT_LIMIT = 100


class ArchivePage(FeaturePage):
    page_id = "archive"
    # the clerk wants these records (archive record ids) in a request
    add_to_request = Signal(list)
    search_finished = Signal(object)  # SearchResult, for tests and the status line
    detail_shown = Signal(object)  # RecordDetail or None

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._generation = 0
        self._shown_generation = 0
        self._target: tuple[str, str] | None = None  # (request key, registration number)

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setObjectName("archiveSearch")
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search)
        self.status = QLabel()
        self.status.setObjectName("searchStatus")
        self.filters = FilterBar()

        self.target_label = data_label()
        self.target_done = QPushButton()
        self.target_done.clicked.connect(lambda: self.set_target(None))
        self.target_bar = QWidget()
        bar = QHBoxLayout(self.target_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        self.target_caption = QLabel()
        bar.addWidget(self.target_caption)
        bar.addWidget(self.target_label, 1)
        bar.addWidget(self.target_done)
        self.target_bar.hide()

        self.model = HitsModel(app.translations.collator(), self)
        self.table = QTableView()
        self.table.setObjectName("archiveResults")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(SCORE, Qt.SortOrder.DescendingOrder)  # pitfall 3: set it
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ENTERPRISE, QHeaderView.ResizeMode.Stretch)  # elided, tip
        header.setStretchLastSection(False)
        # rows are sized from the font, not measured: ResizeToContents asked every cell of
        # every row on each result and cost ~100 ms on the GUI thread (gui_lag_bench)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setAlternatingRowColors(True)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(lambda _i: self._add_selected())

        self.detail = DetailPane()
        self.detail.add_requested.connect(self._add_selected)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([700, 300])  # proportions: the table gets the larger part
        self.splitter = splitter

        top = QHBoxLayout()
        top.addWidget(self.search_label)
        top.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addWidget(self.target_bar)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.run_search)
        self.search.textChanged.connect(self._schedule)
        self.search.returnPressed.connect(self.run_search)
        self.filters.changed.connect(self._schedule)
        app.translations.language_changed.connect(self._language_changed)
        app.ready.connect(self._ready)
        self.setEnabled(app.services is not None)
        self._state = "idle"
        self._count = 0
        self._init_done()

    # -- page -------------------------------------------------------------------------
    def nav_title(self) -> str:
        return self.tr("Archive")

    def nav_icon(self) -> QIcon:
        return self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogContentsView)

    def focus_main_input(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def retranslate(self) -> None:
        self.search_label.setText(self.tr("&Search"))
        self.search.setPlaceholderText(
            self.tr("Name in any script or spelling, e.g. Ivanov Pjotr 1931")
        )
        self.search.setAccessibleName(self.tr("Search the archive by name"))
        self.table.setAccessibleName(self.tr("Records found"))
        self.target_caption.setText(self.tr("Collecting records for request"))
        self.target_done.setText(self.tr("&Done"))
        self.model.retranslate()
        self._size_columns()
        self._show_status()

    def _size_columns(self) -> None:
        """Column widths from the font and the longest translated word, once per language."""
        fm = self.fontMetrics()
        pad = 24

        def w(*samples: str) -> int:
            return max(fm.horizontalAdvance(s) for s in samples) + pad

        header = self.table.horizontalHeader()
        titles = [str(self.model.headerData(c, Qt.Orientation.Horizontal)) for c in range(6)]
        types = [record_type_name(t) for t in RecordType]
        header.resizeSection(BORN, w("00.00.0000", titles[BORN]))
        header.resizeSection(NAME, w("Иванов Михаил Александрович", titles[NAME]))
        header.resizeSection(TYPE, w(*types, titles[TYPE]))
        header.resizeSection(REFERENCE, w("NRV R-415/2л/152, 284об.", titles[REFERENCE]))
        header.resizeSection(SCORE, w("100 %", titles[SCORE]))

    def _language_changed(self, _lang: str) -> None:
        self.model.set_collator(self._app.translations.collator())

    def _ready(self) -> None:
        self.setEnabled(True)
        if self.search.text().strip():
            self._schedule()

    # -- collecting for a request ------------------------------------------------------
    def set_target(self, target: tuple[str, str] | None) -> None:
        """Collect records straight into this request (key, registration number), or stop."""
        self._target = target
        self.target_bar.setVisible(target is not None)
        self.target_label.setText(target[1] if target else "")

    def target(self) -> tuple[str, str] | None:
        return self._target

    def selected_record_ids(self) -> list[str]:
        rows = self.table.selectionModel().selectedRows()
        hits: list[SearchHit] = [r.data(HIT_ROLE) for r in rows]
        return [h.record_id for h in hits]

    def _add_selected(self) -> None:
        ids = self.selected_record_ids()
        if not ids and self.detail.detail() is not None:
            ids = [self.detail.detail().record_id]  # type: ignore[union-attr]
        if ids:
            self.add_to_request.emit(ids)

    # -- search ------------------------------------------------------------------------
    def _schedule(self) -> None:
        self._debounce.start()

    def run_search(self) -> None:
        self._debounce.stop()
        text = self.search.text().strip()
        filters = self.filters.filters()
        self._generation += 1
        generation = self._generation
        if not text or filters is None:
            self.model.set_hits([])
            self.detail.show_detail(None)
            self._state = "idle" if filters is not None else "filters"
            self._show_status()
            return
        self._state = "searching"
        self._show_status()
        self._app.run(
            lambda services, ctx: _search(services, ctx, text, filters),
            on_result=lambda result: self._show_result(generation, result),
            on_error=lambda exc: self._search_failed(generation, exc),
            key="archive.search",
            coalesce=True,
        )

    def _show_result(self, generation: int, result: SearchResult) -> None:
        if generation != self._generation:
            return  # a newer query is under way: this answer is stale
        self._shown_generation = generation
        self.model.set_hits(result.hits)
        self._state = "relaxed" if result.relaxed and result.hits else "done"
        self._count = len(result.hits)
        self._show_status()
        if result.hits:
            first = self.model.index(0, 0)
            self.table.selectionModel().setCurrentIndex(
                first,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        else:
            self.detail.show_detail(None)
        self.search_finished.emit(result)

    def _search_failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._state = "failed"
            self._show_status()

    def _show_status(self) -> None:
        state = self._state
        if state == "searching":
            text = self.tr("Searching…")
        elif state == "filters":
            text = self.tr("Correct the filters to search.")
        elif state == "failed":
            text = self.tr("The search failed. Try again; if it fails again, tell IT support.")
        elif state in ("done", "relaxed"):
            if self._count == 0:
                text = self.tr("No records found. Try fewer words or other filters.")
            else:
                text = self.tr("%n record(s) found.", "", self._count)
                if state == "relaxed":
                    text += " " + self.tr("Looser spelling match used: check the names.")
        else:
            text = self.tr("Type a name to search the archive.")
        self.status.setText(text)

    # -- detail ------------------------------------------------------------------------
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        hit: SearchHit | None = current.data(HIT_ROLE) if current.isValid() else None
        if hit is None:
            self.detail.show_detail(None)
            return
        record_id = hit.record_id
        ws = self._app.workstation
        self._app.run(
            lambda services, _ctx: _open(services, record_id, ws.actor, ws.workstation),
            on_result=self._show_detail,
            key="archive.detail",
            coalesce=True,
        )

    def _show_detail(self, detail: RecordDetail | None) -> None:
        self.detail.show_detail(detail)
        self.detail_shown.emit(detail)


def _search(
    services: Services, ctx: TaskContext, text: str, filters: SearchFilters
) -> SearchResult:
    ctx.check()
    return services.person_search.search(text, filters, RESULT_LIMIT)


def _open(services: Services, record_id: str, actor: str, workstation: str) -> RecordDetail | None:
    from clerk_app.core.services.open_record import open_record

    return open_record(services.uow_factory, record_id, actor, workstation)
