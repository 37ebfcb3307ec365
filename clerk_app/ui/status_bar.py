"""The status bar: online/offline, card reader, pending outgoing messages, last sync, busy.

The bar only shows a `StatusSnapshot`; who fills it (the app's periodic probe on a worker, and
later the card watcher, outbox and sync client) is wired in `app.py`. A value of None means
"that part is not available yet" and is said so in the tooltip, never faked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QDateTime, QEvent, QLocale
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from clerk_app.ui.card_status import ReaderState, ReaderSummary
from clerk_app.ui.i18n import date_format


@dataclass(frozen=True)
class StatusSnapshot:
    online: bool | None = None  # None: no office server configured
    pending_outgoing: int | None = None  # None until the exchange outbox lands
    last_sync: datetime | None = None
    sync_available: bool = False


class StatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self._snapshot = StatusSnapshot()
        self._reader: ReaderSummary | None = None  # None: not asked yet
        self._busy = False
        self.busy = QLabel()
        self.connection = QLabel()
        self.reader = QLabel()
        self.outgoing = QLabel()
        self.sync = QLabel()
        for name, label in (
            ("statusBusy", self.busy),
            ("statusConnection", self.connection),
            ("statusReader", self.reader),
            ("statusOutgoing", self.outgoing),
            ("statusSync", self.sync),
        ):
            label.setObjectName(name)
            self.addPermanentWidget(label)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_snapshot(self, snapshot: StatusSnapshot) -> None:
        self._snapshot = snapshot
        self.retranslate()

    def set_reader(self, summary: ReaderSummary | None) -> None:
        self._reader = summary
        self.retranslate()

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.retranslate()

    def retranslate(self) -> None:
        s = self._snapshot
        not_yet = self.tr("Not available in this version yet.")
        self.busy.setText(self.tr("Working…") if self._busy else "")
        self.busy.setVisible(self._busy)
        if s.online is None:
            self.connection.setText(self.tr("Offline"))
            self.connection.setToolTip(self.tr("No office server is configured."))
        elif s.online:
            self.connection.setText(self.tr("Online"))
            self.connection.setToolTip(self.tr("The office server answers."))
        else:
            self.connection.setText(self.tr("Offline"))
            self.connection.setToolTip(
                self.tr("The office server does not answer; work continues locally.")
            )
        self._show_reader()
        if s.pending_outgoing is None:
            self.outgoing.setText(self.tr("Outgoing: —"))
            self.outgoing.setToolTip(not_yet)
        else:
            self.outgoing.setText(
                self.tr("%n message(s) waiting to be sent", "", s.pending_outgoing)
            )
            self.outgoing.setToolTip("")
        if s.last_sync is None:
            self.sync.setText(self.tr("Last sync: never"))
            self.sync.setToolTip("" if s.sync_available else not_yet)
        else:
            loc = QLocale()
            when = QDateTime.fromSecsSinceEpoch(int(s.last_sync.timestamp()))
            text = loc.toString(when, date_format(loc) + " HH:mm")
            self.sync.setText(self.tr("Last sync: %1").replace("%1", text))
            self.sync.setToolTip("")

    def _show_reader(self) -> None:
        r = self._reader
        if r is None:
            self.reader.setText(self.tr("Card reader: —"))
            self.reader.setToolTip("")
            return
        texts = {
            ReaderState.NO_SERVICE: (
                self.tr("Card reader: no service"),
                self.tr("The smart-card service (pcscd) is not running."),
            ),
            ReaderState.NO_READER: (
                self.tr("Card reader: none"),
                self.tr("No card reader is connected."),
            ),
            ReaderState.TEST_ONLY: (
                self.tr("Card reader: none"),
                self.tr("Only a test reader is connected; it is used in test mode only."),
            ),
            ReaderState.NO_CARD: (self.tr("Card reader: no card"), r.reader or ""),
            ReaderState.CARD: (self.tr("Card reader: card inserted"), r.reader or ""),
        }
        text, tip = texts[r.state]
        self.reader.setText(text)
        self.reader.setToolTip(tip)
