"""One request: its fields, the records collected for it and its history, with the actions."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QDateTime, QEvent, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clerk_app.core.record_detail import RecordDetail
from clerk_app.core.requests import (
    FINAL_STATUSES,
    TRANSITIONS,
    Request,
    RequestDetail,
    RequestEvent,
    RequestStatus,
)
from clerk_app.ui.archive.labels import full_name, record_type_name
from clerk_app.ui.i18n import date_format, format_date, format_partial
from clerk_app.ui.page import data_label
from clerk_app.ui.requests.labels import (
    channel_name,
    event_kind_name,
    language_name,
    status_name,
    subject_name,
)
from clerk_app.ui.requests.model import RequestRow, due_text

FIELDS = (
    "number", "status", "deadline", "assignee", "applicant", "contact", "id_document",
    "subject", "person", "born", "other_names", "period", "languages", "channel", "partner",
    "received", "description", "extension", "reason",
)  # fmt: skip


@dataclass(frozen=True)
class LoadedRequest:
    """What the pane shows, read on a worker: the request, its history and its records."""

    row: RequestRow
    detail: RequestDetail
    records: list[tuple[str, RecordDetail | None]]


class RequestDetailPane(QWidget):
    change_status = Signal()
    assign = Signal()
    extend = Signal()
    search_archive = Signal()
    remove_records = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loaded: LoadedRequest | None = None
        self.heading = data_label()
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.status_button = QPushButton()
        self.assign_button = QPushButton()
        self.extend_button = QPushButton()
        self.search_button = QPushButton()
        self.status_button.clicked.connect(self.change_status)
        self.assign_button.clicked.connect(self.assign)
        self.extend_button.clicked.connect(self.extend)
        self.search_button.clicked.connect(self.search_archive)
        actions = QHBoxLayout()
        actions.addWidget(self.heading, 1)
        for button in (
            self.search_button,
            self.status_button,
            self.assign_button,
            self.extend_button,
        ):
            actions.addWidget(button)

        self.tabs = QTabWidget()
        fields = QWidget()
        self.form = QFormLayout(fields)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._labels: dict[str, QLabel] = {}
        self._values: dict[str, QLabel] = {}
        for key in FIELDS:
            label = QLabel()
            value = data_label()
            value.setWordWrap(True)
            value.setObjectName(f"request_{key}")
            label.setBuddy(value)
            self._labels[key] = label
            self._values[key] = value
            self.form.addRow(label, value)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(fields)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        records = QWidget()
        self.records = QListWidget()
        self.records.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.records_hint = QLabel()
        self.records_hint.setWordWrap(True)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self._remove)
        rl = QVBoxLayout(records)
        rl.addWidget(self.records_hint)
        rl.addWidget(self.records, 1)
        rl.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignRight)

        self.history = QListWidget()
        self.history.setWordWrap(True)

        self.tabs.addTab(scroll, "")
        self.tabs.addTab(records, "")
        self.tabs.addTab(self.history, "")
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(actions)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.placeholder, 1)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        names = {
            "number": self.tr("Number"),
            "status": self.tr("Status"),
            "deadline": self.tr("Deadline"),
            "assignee": self.tr("Assignee"),
            "applicant": self.tr("Applicant"),
            "contact": self.tr("Contact"),
            "id_document": self.tr("Identity document"),
            "subject": self.tr("Subject"),
            "person": self.tr("Person sought"),
            "born": self.tr("Born"),
            "other_names": self.tr("Other names"),
            "period": self.tr("Period"),
            "languages": self.tr("Certificate languages"),
            "channel": self.tr("Came"),
            "partner": self.tr("Partner and case"),
            "received": self.tr("Received on"),
            "description": self.tr("Details"),
            "extension": self.tr("Extension notice"),
            "reason": self.tr("Reason"),
        }
        for key, text in names.items():
            self._labels[key].setText(text)
        self.status_button.setText(self.tr("Change &status…"))
        self.assign_button.setText(self.tr("Assi&gn…"))
        self.extend_button.setText(self.tr("E&xtend deadline…"))
        self.search_button.setText(self.tr("Search the &archive"))
        self.search_button.setToolTip(
            self.tr("Search the archive for the person sought and collect records")
        )
        self.remove_button.setText(self.tr("&Remove from request"))
        self.records.setAccessibleName(self.tr("Records collected for the certificate"))
        self.history.setAccessibleName(self.tr("History of the request"))
        self.placeholder.setText(self.tr("Select a request to see its details and history."))
        self._retitle_tabs()
        self.show_request(self._loaded)

    def _retitle_tabs(self) -> None:
        n = len(self._loaded.records) if self._loaded else 0
        m = len(self._loaded.detail.events) if self._loaded else 0
        self.tabs.setTabText(0, self.tr("&Request"))
        self.tabs.setTabText(1, self.tr("Recor&ds (%n)", "", n))
        self.tabs.setTabText(2, self.tr("&History (%n)", "", m))

    def loaded(self) -> LoadedRequest | None:
        return self._loaded

    def request(self) -> Request | None:
        return self._loaded.detail.request if self._loaded else None

    def show_request(self, loaded: LoadedRequest | None) -> None:
        self._loaded = loaded
        has = loaded is not None
        self.tabs.setVisible(has)
        self.placeholder.setVisible(not has)
        for button in (
            self.status_button,
            self.assign_button,
            self.extend_button,
            self.search_button,
        ):
            button.setEnabled(has)
        if loaded is None:
            self.heading.clear()
            return
        r = loaded.detail.request
        loc = QLocale()
        self.heading.setText(f"{r.reg_number} — {r.person_name}")
        self.status_button.setEnabled(bool(TRANSITIONS[r.status]))
        self.extend_button.setEnabled(
            r.status not in FINAL_STATUSES and r.extended_deadline is None
        )
        deadline = format_date(r.effective_deadline, loc) + " (" + due_text(loaded.row) + ")"
        if r.extended_deadline:
            deadline += " " + self.tr("extended from %1").replace(
                "%1", format_date(r.deadline, loc)
            )
        period = "–".join(str(y) for y in (r.period_from, r.period_to) if y is not None)
        partner = ", ".join(p for p in (r.partner_org, r.partner_case_number) if p)
        a = r.applicant
        values = {
            "number": r.reg_number,
            "status": status_name(r.status),
            "deadline": deadline,
            "assignee": r.assignee or self.tr("nobody"),
            "applicant": a.name,
            "contact": "\n".join(p for p in (a.address, a.phone, a.email) if p),
            "id_document": a.id_document or "",
            "subject": subject_name(r.subject),
            "person": r.person_name,
            "born": format_partial(r.person_birth_date.iso(), loc) if r.person_birth_date else "",
            "other_names": r.person_other_names or "",
            "period": period,
            "languages": ", ".join(language_name(x) for x in r.languages),
            "channel": channel_name(r.channel),
            "partner": partner,
            "received": format_date(r.received_on, loc),
            "description": r.description or "",
            "extension": r.extension_notice or "",
            "reason": ": ".join(p for p in (r.status_reason, r.forwarded_to) if p),
        }
        for key, text in values.items():
            self._values[key].setText(text)
            self.form.setRowVisible(self._values[key], bool(text))

        self.records.clear()
        for record_id, rec in loaded.records:
            if rec is None:
                text = record_id
            else:
                text = (
                    f"{full_name(rec.surname, rec.given_name, rec.patronymic)} · "
                    f"{record_type_name(rec.record_type)} · {rec.citation()}"
                )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, record_id)
            self.records.addItem(item)
        self.records_hint.setText(
            self.tr("No records collected yet. Search the archive and add records.")
            if not loaded.records
            else self.tr("These records will be cited in the certificate.")
        )
        self.remove_button.setEnabled(bool(loaded.records))
        self.history.clear()
        for event in loaded.detail.events:
            self.history.addItem(self._event_text(event, loc))
        self._retitle_tabs()

    def _event_text(self, e: RequestEvent, loc: QLocale) -> str:
        when = QDateTime.fromSecsSinceEpoch(int(e.at.timestamp()))
        head = f"{loc.toString(when, date_format(loc) + ' HH:mm')} · {e.actor} · "
        head += event_kind_name(e.kind)
        d = e.detail
        parts: list[str] = []
        if e.kind == "status" and e.from_status and e.to_status:
            parts.append(
                f"{status_name(RequestStatus(e.from_status))} → "
                f"{status_name(RequestStatus(e.to_status))}"
            )
        if d.get("reason"):
            parts.append(self.tr("reason: %1").replace("%1", str(d["reason"])))
        if d.get("forwarded_to"):
            parts.append(self.tr("to: %1").replace("%1", str(d["forwarded_to"])))
        if e.kind == "assigned":
            parts.append(str(d.get("to") or self.tr("nobody")))
        if e.kind == "extended" and d.get("extended_deadline"):
            from datetime import date

            new = date.fromisoformat(str(d["extended_deadline"]))
            parts.append(self.tr("new deadline %1").replace("%1", format_date(new, loc)))
            if d.get("notice"):
                parts.append(self.tr("notice: %1").replace("%1", str(d["notice"])))
        if e.kind in ("records_added", "records_removed"):
            ids = d.get("record_ids") or []
            parts.append(", ".join(str(i) for i in ids))  # type: ignore[union-attr]
        return head + (": " + "; ".join(parts) if parts else "")

    def _remove(self) -> None:
        ids = [i.data(Qt.ItemDataRole.UserRole) for i in self.records.selectedItems()]
        if ids:
            self.remove_records.emit(ids)
