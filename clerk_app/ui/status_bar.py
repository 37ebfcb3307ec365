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

from clerk_app.ui.i18n import date_format


@dataclass(frozen=True)
class StatusSnapshot:
    online: bool | None = None  # None: no office server configured
    reader: str | None = None  # card reader state; None until the signing part lands
    pending_outgoing: int | None = None  # None until the exchange outbox lands
    last_sync: datetime | None = None
    sync_available: bool = False


class StatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self._snapshot = StatusSnapshot()
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
        if s.reader is None:
            self.reader.setText(self.tr("Card reader: —"))
            self.reader.setToolTip(not_yet)
        else:
            self.reader.setText(self.tr("Card reader: %1").replace("%1", s.reader))
            self.reader.setToolTip("")
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
