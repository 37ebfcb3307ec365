"""Register a request: applicant, what is asked, where it came from; errors next to fields.

The dialog touches no database. It builds a `NewRequest`, checks it with the core's pure
`validate()` (plus what only the UI can know: a date that is no date), and emits `submitted`;
the page registers it on a worker and hands any `RequestValidationError` back to
`show_errors()`, so the clerk's input is never lost.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QLocale, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from clerk_app.core.requests import (
    LANGUAGES,
    Applicant,
    FieldError,
    LegalRegime,
    NewRequest,
    RequestChannel,
    RequestError,
    RequestSubject,
    legal_deadline,
    validate,
)
from clerk_app.ui.forms import FieldErrors
from clerk_app.ui.i18n import (
    format_date,
    format_partial,
    parse_date,
    parse_partial,
)
from clerk_app.ui.requests.labels import channel_name, error_text, language_name, subject_name

DEFAULT_LANGUAGE = {LegalRegime.EE: "et", LegalRegime.RU: "ru", LegalRegime.LV: "lv"}


def _opt(text: str) -> str | None:
    return text.strip() or None


class RegisterDialog(QDialog):
    submitted = Signal(object)  # NewRequest, valid as far as the dialog can tell

    def __init__(
        self,
        today: date,
        regime: LegalRegime,
        assignees: list[str],
        me: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("registerDialog")
        self._today = today
        self._regime = regime
        self._busy = False

        # applicant
        self.applicant_box = QGroupBox()
        af = QFormLayout(self.applicant_box)
        self.a = FieldErrors(af)
        self.applicant_name = QLineEdit()
        self.address = QPlainTextEdit()
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.id_document = QLineEdit()
        for key, widget in (
            ("applicant.name", self.applicant_name),
            ("applicant.address", self.address),
            ("applicant.phone", self.phone),
            ("applicant.email", self.email),
            ("applicant.id_document", self.id_document),
        ):
            self.a.add(key, widget)

        # what is asked
        self.asked_box = QGroupBox()
        qf = QFormLayout(self.asked_box)
        self.q = FieldErrors(qf)
        self.subject = QComboBox()
        for subject in RequestSubject:
            self.subject.addItem("", subject.value)
        self.person_name = QLineEdit()
        self.person_birth = QLineEdit()
        self.other_names = QLineEdit()
        self.period_from = QLineEdit()
        self.period_to = QLineEdit()
        for field in (self.period_from, self.period_to):
            field.setMaxLength(4)
        period = QWidget()
        prow = QHBoxLayout(period)
        prow.setContentsMargins(0, 0, 0, 0)
        prow.addWidget(self.period_from)
        dash = QLabel("–")
        dash.setProperty("clerk_data", True)
        prow.addWidget(dash)
        prow.addWidget(self.period_to)
        self.language = QComboBox()
        self.language2 = QComboBox()
        self.language2.addItem("", None)
        for code in LANGUAGES:
            self.language.addItem("", code)
            self.language2.addItem("", code)
        self.language.setCurrentIndex(LANGUAGES.index(DEFAULT_LANGUAGE[regime]))
        langs = QWidget()
        lrow = QHBoxLayout(langs)
        lrow.setContentsMargins(0, 0, 0, 0)
        lrow.addWidget(self.language, 1)
        lrow.addWidget(self.language2, 1)
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.q.add("subject", self.subject)
        self.q.add("person_name", self.person_name)
        self.q.add("person_birth_date", self.person_birth)
        self.q.add("person_other_names", self.other_names)
        self.q.add("period", self.period_from, period)
        self.q.add("languages", self.language, langs)
        self.q.add("description", self.description)

        # handling
        self.handling_box = QGroupBox()
        hf = QFormLayout(self.handling_box)
        self.h = FieldErrors(hf)
        self.channel = QComboBox()
        for channel in RequestChannel:
            self.channel.addItem("", channel.value)
        self.received_on = QLineEdit(format_date(today, QLocale()))
        self.partner_org = QLineEdit()
        self.partner_case = QLineEdit()
        self.assignee = QComboBox()
        self.assignee.setEditable(True)
        self.assignee.addItem("")
        for name in dict.fromkeys([me, *assignees]):
            self.assignee.addItem(name)
        self.assignee.setCurrentText(me)
        self.deadline = QLineEdit()
        self.registration_info = QLabel()
        self.registration_info.setWordWrap(True)
        self.h.add("channel", self.channel)
        self.h.add("received_on", self.received_on)
        self.h.add("partner_org", self.partner_org)
        self.h.add("partner_case_number", self.partner_case)
        self.h.add("assignee", self.assignee)
        self.h.add("deadline", self.deadline)
        hf.addRow(self.registration_info)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.summary = QLabel()
        self.summary.setStyleSheet("color: #b00020;")
        self.summary.setWordWrap(True)
        self.summary.hide()

        left = QVBoxLayout()
        left.addWidget(self.applicant_box)
        left.addWidget(self.handling_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.asked_box)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        outer = QVBoxLayout(self)
        outer.setSizeConstraint(QVBoxLayout.SizeConstraint.SetMinimumSize)
        outer.addLayout(columns)
        outer.addWidget(self.summary)
        outer.addWidget(self.buttons)

        self.channel.currentIndexChanged.connect(self._channel_changed)
        self.retranslate()
        self._channel_changed()
        self.applicant_name.setFocus()

    # -- texts -------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Register a request"))
        self.applicant_box.setTitle(self.tr("Applicant"))
        self.asked_box.setTitle(self.tr("What is asked"))
        self.handling_box.setTitle(self.tr("Handling"))
        texts = {
            "applicant.name": (self.tr("&Name"), self.tr("Applicant's name (or organisation)")),
            "applicant.address": (
                self.tr("Postal &address"),
                self.tr("Applicant's postal address with postcode"),
            ),
            "applicant.phone": (self.tr("&Phone"), self.tr("Applicant's phone")),
            "applicant.email": (self.tr("&E-mail"), self.tr("Applicant's e-mail address")),
            "applicant.id_document": (
                self.tr("&Identity document"),
                self.tr("Identity document type and number"),
            ),
        }
        for key, (label, name) in texts.items():
            self.a.labels[key].setText(label)
            self.a.fields[key].setAccessibleName(name)
        self.id_document.setPlaceholderText(self.tr("e.g. passport 4510 123456"))
        qtexts = {
            "subject": (self.tr("&Subject"), self.tr("What is asked")),
            "person_name": (self.tr("&Person sought"), self.tr("Name of the person sought")),
            "person_birth_date": (self.tr("&Born"), self.tr("Birth date of the person sought")),
            "person_other_names": (
                self.tr("&Other names"),
                self.tr("Maiden names and other spellings"),
            ),
            "period": (self.tr("Pe&riod"), self.tr("Period from year")),
            "languages": (self.tr("Certificate &language"), self.tr("Certificate language")),
            "description": (self.tr("&Details"), self.tr("Details of the request")),
        }
        for key, (label, name) in qtexts.items():
            self.q.labels[key].setText(label)
            self.q.fields[key].setAccessibleName(name)
        self.period_to.setAccessibleName(self.tr("Period until year"))
        self.period_from.setPlaceholderText(self.tr("from"))
        self.period_to.setPlaceholderText(self.tr("until"))
        self.language2.setAccessibleName(self.tr("Second certificate language"))
        self.person_birth.setPlaceholderText(
            self.tr("e.g. %1, %2 or %3")
            .replace("%1", "1931")
            .replace("%2", format_partial("1931-02", QLocale()))
            .replace("%3", format_date(date(1931, 2, 15), QLocale()))
        )
        metrics = self.person_birth.fontMetrics()
        self.person_birth.setMinimumWidth(
            metrics.horizontalAdvance(self.person_birth.placeholderText()) + 24
        )
        for i, subject in enumerate(RequestSubject):
            self.subject.setItemText(i, subject_name(subject))
        for i, code in enumerate(LANGUAGES):
            self.language.setItemText(i, language_name(code))
            self.language2.setItemText(i + 1, language_name(code))
        self.language2.setItemText(0, self.tr("no second language"))
        htexts = {
            "channel": (self.tr("&Came"), self.tr("Where the request came from")),
            "received_on": (self.tr("&Received on"), self.tr("Date the request arrived")),
            "partner_org": (
                self.tr("Partner &municipality"),
                self.tr("Partner municipality that sent the request"),
            ),
            "partner_case_number": (
                self.tr("Partner's &case number"),
                self.tr("Case number of the partner municipality"),
            ),
            "assignee": (self.tr("Assi&gnee"), self.tr("Clerk who handles the request")),
            "deadline": (self.tr("&Deadline"), self.tr("Deadline, if not the legal one")),
        }
        for key, (label, name) in htexts.items():
            self.h.labels[key].setText(label)
            self.h.fields[key].setAccessibleName(name)
        for i, channel in enumerate(RequestChannel):
            self.channel.setItemText(i, channel_name(channel))
        self.received_on.setPlaceholderText(
            self.tr("e.g. %1").replace("%1", format_date(self._today, QLocale()))
        )
        legal = format_date(legal_deadline(self._today, self._regime), QLocale())
        self.deadline.setPlaceholderText(self.tr("legal deadline: %1").replace("%1", legal))
        self.registration_info.setText(
            self.tr(
                "Registered today, %1. Without a deadline of its own the legal one applies: %2."
            )
            .replace("%1", format_date(self._today, QLocale()))
            .replace("%2", legal)
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Register"))

    def _channel_changed(self) -> None:
        partner = self.channel.currentData() == RequestChannel.PARTNER.value
        self.h.set_row_visible("partner_org", partner)
        self.h.set_row_visible("partner_case_number", partner)

    # -- input -------------------------------------------------------------------------
    def collect(self) -> tuple[NewRequest | None, dict[str, str]]:
        """The request as typed, or the messages per field that stop it."""
        messages: dict[str, str] = {}
        loc = QLocale()
        try:
            birth = parse_partial(self.person_birth.text(), loc)
        except ValueError:
            birth = None
            messages["person_birth_date"] = error_text("invalid_partial_date")
        years: dict[str, int | None] = {}
        for key, field in (("period_from", self.period_from), ("period_to", self.period_to)):
            text = field.text().strip()
            if text and not (text.isdigit() and len(text) == 4):
                messages["period"] = error_text("invalid_year")
                years[key] = None
            else:
                years[key] = int(text) if text else None
        dates: dict[str, date | None] = {}
        for key, field in (("received_on", self.received_on), ("deadline", self.deadline)):
            text = field.text().strip()
            dates[key] = parse_date(text, loc) if text else None
            if text and dates[key] is None:
                messages[key] = error_text(RequestError.INVALID_DATE)
        channel = RequestChannel(self.channel.currentData())  # Qt hands StrEnums back as str
        langs = [self.language.currentData()]
        second = self.language2.currentData()
        if second and second not in langs:
            langs.append(second)
        new = NewRequest(
            applicant=Applicant(
                name=self.applicant_name.text().strip(),
                address=_opt(self.address.toPlainText()),
                phone=_opt(self.phone.text()),
                email=_opt(self.email.text()),
                id_document=_opt(self.id_document.text()),
            ),
            subject=RequestSubject(self.subject.currentData()),
            person_name=self.person_name.text().strip(),
            person_birth_date=birth,
            person_other_names=_opt(self.other_names.text()),
            period_from=years["period_from"],
            period_to=years["period_to"],
            languages=tuple(langs),
            channel=channel,
            received_on=dates["received_on"],
            partner_org=_opt(self.partner_org.text())
            if channel is RequestChannel.PARTNER
            else None,
            partner_case_number=_opt(self.partner_case.text())
            if channel is RequestChannel.PARTNER
            else None,
            description=_opt(self.description.toPlainText()),
            assignee=_opt(self.assignee.currentText()),
            deadline=dates["deadline"],
        )
        for error in validate(new, self._today):
            key = _row_of(error)
            messages.setdefault(key, error_text(error.code))
        return (None if messages else new), messages

    def submit(self) -> None:
        if self._busy:
            return
        new, messages = self.collect()
        if new is None:
            self._show(messages)
            return
        self._show({})
        self.set_busy(True)
        self.submitted.emit(new)

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not busy)

    def show_errors(self, errors: list[FieldError]) -> None:
        """The service refused the request: name each problem next to its field."""
        self.set_busy(False)
        messages: dict[str, str] = {}
        for error in errors:
            messages.setdefault(_row_of(error), error_text(error.code))
        self._show(messages)

    def show_failure(self, text: str) -> None:
        self.set_busy(False)
        self.summary.setText(text)
        self.summary.show()

    def _show(self, messages: dict[str, str]) -> None:
        first = None
        for group in (self.a, self.q, self.h):
            found = group.show({k: v for k, v in messages.items() if k in group.errors})
            first = first or found
        if messages:
            self.summary.setText(
                self.tr(
                    "%n field(s) need attention; see the messages next to them.", "", len(messages)
                )
            )
            self.summary.show()
        else:
            self.summary.hide()
        if first is not None:
            first.setFocus()
        self.adjustSize()  # make room for the messages; never clip them

    def error_for(self, key: str) -> str:
        """The message under a field (tests and accessibility checks read it)."""
        for group in (self.a, self.q, self.h):
            if key in group.errors:
                return group.message(key)
        raise KeyError(key)


def _row_of(error: FieldError) -> str:
    """Which row shows a core field's error."""
    if error.field == "applicant.contact":
        return "applicant.address"
    if error.field in ("period_from", "period_to"):
        return "period"
    return error.field
