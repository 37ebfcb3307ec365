"""All fields of one record and its archival reference, with the payroll months if any."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clerk_app.core.record_detail import RecordDetail
from clerk_app.ui.archive.labels import full_name, gender_name, record_type_name, script_name
from clerk_app.ui.archive.payroll_model import PayrollModel
from clerk_app.ui.i18n import format_partial
from clerk_app.ui.page import data_label

PERSON_ROWS = (
    "name", "maiden_name", "gender", "born", "record_type", "record_id", "enterprise",
    "position", "hired", "dismissed", "event_date", "event_place", "spouse", "address",
    "resided", "period", "written", "note",
)  # fmt: skip
REFERENCE_ROWS = ("archive", "fonds", "inventory", "file", "sheets", "citation")


def _join(*parts: str | None, sep: str = ", ") -> str:
    return sep.join(p for p in parts if p)


class DetailPane(QWidget):
    """Shows a RecordDetail; `add_requested` when the clerk wants it in a request."""

    add_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._detail: RecordDetail | None = None
        self.placeholder = QLabel()
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.person_box = QGroupBox()
        self.person_form = QFormLayout(self.person_box)
        self.reference_box = QGroupBox()
        self.reference_form = QFormLayout(self.reference_box)
        self._labels: dict[str, QLabel] = {}
        self._values: dict[str, QLabel] = {}
        for form, keys in ((self.person_form, PERSON_ROWS), (self.reference_form, REFERENCE_ROWS)):
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            for key in keys:
                label = QLabel()
                value = data_label()
                value.setWordWrap(True)
                value.setObjectName(f"detail_{key}")
                label.setBuddy(value)
                self._labels[key] = label
                self._values[key] = value
                form.addRow(label, value)

        self.payroll_box = QGroupBox()
        self.payroll_model = PayrollModel(self)
        self.payroll = QTableView()
        self.payroll.setModel(self.payroll_model)
        self.payroll.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.payroll.verticalHeader().hide()
        self.payroll.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.payroll.setMinimumHeight(160)
        QVBoxLayout(self.payroll_box).addWidget(self.payroll)

        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add_requested)
        self.add_button.setEnabled(False)

        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self.placeholder)
        column.addWidget(self.person_box)
        column.addWidget(self.reference_box)
        column.addWidget(self.payroll_box)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.add_button)
        self.retranslate()
        self.show_detail(None)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        names = {
            "name": self.tr("Name"),
            "maiden_name": self.tr("Maiden name"),
            "gender": self.tr("Gender"),
            "born": self.tr("Born"),
            "record_type": self.tr("Record"),
            "record_id": self.tr("Record number"),
            "enterprise": self.tr("Enterprise"),
            "position": self.tr("Position"),
            "hired": self.tr("Hired"),
            "dismissed": self.tr("Dismissed"),
            "event_date": self.tr("Event date"),
            "event_place": self.tr("Event place"),
            "spouse": self.tr("Spouse"),
            "address": self.tr("Address"),
            "resided": self.tr("Resided"),
            "period": self.tr("Period"),
            "written": self.tr("Written in"),
            "note": self.tr("Note"),
            "archive": self.tr("Archive"),
            "fonds": self.tr("Fonds"),
            "inventory": self.tr("Inventory"),
            "file": self.tr("File"),
            "sheets": self.tr("Sheets"),
            "citation": self.tr("Citation"),
        }
        for key, text in names.items():
            self._labels[key].setText(text)
        self.person_box.setTitle(self.tr("Record"))
        self.reference_box.setTitle(self.tr("Archival reference"))
        self.payroll_box.setTitle(self.tr("Payroll months"))
        self.payroll_model.retranslate()
        self._size_payroll_columns()
        self.payroll.setAccessibleName(self.tr("Payroll months"))
        self.placeholder.setText(self.tr("Select a record to see all it holds."))
        self.add_button.setText(self.tr("&Add to request…"))
        self.add_button.setToolTip(self.tr("Collect this record for a request's certificate"))
        self.show_detail(self._detail)

    def detail(self) -> RecordDetail | None:
        return self._detail

    def show_detail(self, detail: RecordDetail | None) -> None:
        self._detail = detail
        has = detail is not None
        self.placeholder.setVisible(not has)
        self.person_box.setVisible(has)
        self.reference_box.setVisible(has)
        self.add_button.setEnabled(has)
        if detail is None:
            self.payroll_box.hide()
            return
        d = detail
        loc = QLocale()
        values = {
            "name": full_name(d.surname, d.given_name, d.patronymic),
            "maiden_name": d.maiden_name or "",
            "gender": gender_name(d.gender),
            "born": format_partial(d.birth_date, loc),
            "record_type": record_type_name(d.record_type),
            "record_id": d.record_id,
            "enterprise": d.enterprise or "",
            "position": d.position or "",
            "hired": _join(format_partial(d.hired_date, loc), d.hired_order),
            "dismissed": _join(format_partial(d.dismissed_date, loc), d.dismissed_order),
            "event_date": format_partial(d.event_date, loc),
            "event_place": d.event_place or "",
            "spouse": d.spouse_name or "",
            "address": d.address or "",
            "resided": _join(
                format_partial(d.resided_from, loc), format_partial(d.resided_to, loc), sep=" – "
            ),
            "period": _join(
                str(d.period_from) if d.period_from else None,
                str(d.period_to) if d.period_to and d.period_to != d.period_from else None,
                sep="–",
            ),
            "written": _join(script_name(d.script), d.translit_system),
            "note": d.note or "",
            "archive": _join(d.archive, d.archive_name, sep=" — "),
            "fonds": _join(d.fonds, d.fonds_title, sep=" — "),
            "inventory": d.inventory,
            "file": _join(d.file, d.file_title, sep=" — "),
            "sheets": d.sheets,
            "citation": d.citation(),
        }
        for key, text in values.items():
            self._values[key].setText(text)
            form = self.person_form if key in PERSON_ROWS else self.reference_form
            form.setRowVisible(self._values[key], bool(text))
        self._fill_payroll(d, loc)

    def _fill_payroll(self, d: RecordDetail, loc: QLocale) -> None:
        self.payroll_box.setVisible(bool(d.payroll))
        self.payroll_model.set_lines(d.payroll)

    def _size_payroll_columns(self) -> None:
        """Widths from the font, not from the rows: no per-row work on the GUI thread."""
        fm = self.fontMetrics()
        header = self.payroll.horizontalHeader()
        for col, sample in enumerate(("00.0000", "000 000,00", "SUR", "000об.")):
            title = self.payroll_model.headerData(col, Qt.Orientation.Horizontal)
            width = max(fm.horizontalAdvance(sample), fm.horizontalAdvance(str(title))) + 24
            header.resizeSection(col, width)
        header.setStretchLastSection(True)
