"""The database passphrase, asked in a dialog when the OS has no key store.

The workstation database is encrypted (store/at_rest.py). Its key is asked for while the
database opens, which happens on a worker thread; `GuiPassphrasePrompt` is the callable the
`Workstation` calls there: it hands the question to the GUI thread (a queued signal), shows the
dialog there and blocks the worker, not the GUI, until the clerk answers. CLERK_DB_PASSPHRASE
still wins (automation), as on the command line.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from clerk_app.core.data_at_rest import MIN_PASSPHRASE_LENGTH
from clerk_app.ui.forms import FieldErrors

ENV = "CLERK_DB_PASSPHRASE"


class PassphraseDialog(QDialog):
    """One field to open the database; two (typed twice) when a passphrase is being set."""

    def __init__(self, new: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self._new = new
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        self.f = FieldErrors(form)
        self.f.add("passphrase", self.passphrase)
        self.f.add("repeat", self.repeat)
        self.f.set_row_visible("repeat", new)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.passphrase.setFocus()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        if self._new:
            self.setWindowTitle(self.tr("Set the database passphrase"))
            self.intro.setText(
                self.tr(
                    "This computer has no key store for the encrypted archive database. Set a "
                    "passphrase of at least %n characters. Keep it safe: without it the data "
                    "cannot be opened.",
                    "",
                    MIN_PASSPHRASE_LENGTH,
                )
            )
        else:
            self.setWindowTitle(self.tr("Open the archive database"))
            self.intro.setText(self.tr("The archive database is encrypted. Enter its passphrase."))
        self.f.labels["passphrase"].setText(self.tr("&Passphrase"))
        self.f.labels["repeat"].setText(self.tr("&Repeat"))
        self.passphrase.setAccessibleName(self.tr("Database passphrase"))
        self.repeat.setAccessibleName(self.tr("Database passphrase again"))

    def submit(self) -> None:
        text = self.passphrase.text()
        messages: dict[str, str] = {}
        if not text:
            messages["passphrase"] = self.tr("Enter the passphrase.")
        elif self._new and len(text) < MIN_PASSPHRASE_LENGTH:
            messages["passphrase"] = self.tr("At least %n characters.", "", MIN_PASSPHRASE_LENGTH)
        elif self._new and self.repeat.text() != text:
            messages["repeat"] = self.tr("The two passphrases differ.")
        first = self.f.show(messages)
        if first is not None:
            first.setFocus()
            return
        self.accept()

    def value(self) -> str:
        return self.passphrase.text()

    def error_for(self, key: str) -> str:
        return self.f.message(key)


@dataclass
class _Question:
    new: bool
    answer: str | None = None
    done: threading.Event = field(default_factory=threading.Event)


class GuiPassphrasePrompt(QObject):
    """`prompt(new) -> passphrase | None`, callable from any thread (see the module doc)."""

    _asked = Signal(object)
    dialog_opened = Signal(object)  # the PassphraseDialog, for tests

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window: QWidget | None = None
        self._open: list[_Question] = []
        self._closed = False
        self._asked.connect(self._ask_on_gui_thread)

    def __call__(self, new: bool) -> str | None:
        env = os.environ.get(ENV)
        if env:
            return env
        if self._closed:
            return None
        question = _Question(new)
        self._open.append(question)
        self._asked.emit(question)  # queued to the GUI thread: this thread only waits
        question.done.wait()
        return question.answer

    @Slot(object)
    def _ask_on_gui_thread(self, question: _Question) -> None:
        if self._closed:
            self._answer(question, None)
            return
        parent = self.window if self.window is not None and isValid(self.window) else None
        dialog = PassphraseDialog(question.new, parent)

        def finished(result: int) -> None:
            ok = result == QDialog.DialogCode.Accepted
            self._answer(question, dialog.value() if ok else None)
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()
        self.dialog_opened.emit(dialog)

    def _answer(self, question: _Question, answer: str | None) -> None:
        question.answer = answer
        if question in self._open:
            self._open.remove(question)
        question.done.set()

    def close(self) -> None:
        """At shutdown: release any worker still waiting for an answer."""
        self._closed = True
        for question in list(self._open):
            self._answer(question, None)
