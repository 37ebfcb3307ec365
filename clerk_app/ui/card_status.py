"""The card reader's state for the status bar: PC/SC service, reader, card.

Polled every two seconds on a worker through the task runner (one `SCardGetStatusChange` with
no wait: a few milliseconds, so the shared GIL is never held long); `changed` fires on the GUI
thread only when the summary differs. The card layer (`clerk_app.card.pcsc`) does the PC/SC
work; this module only summarises it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QObject, QTimer, Signal

from clerk_app.ui.tasks import TaskRunner

POLL_MS = 2000


class ReaderState(StrEnum):
    NO_SERVICE = "no_service"  # pcscd / WinSCard not running
    NO_READER = "no_reader"
    TEST_ONLY = "test_only"  # only vsmartcard test readers, refused outside test mode
    NO_CARD = "no_card"
    CARD = "card"


@dataclass(frozen=True)
class ReaderSummary:
    state: ReaderState
    reader: str | None = None  # the reader with a card, else the first usable one


def reader_summary() -> ReaderSummary:
    """Ask PC/SC once; never raises (a broken stack is a state, not an error)."""
    from clerk_app.card.pcsc import PcscContext
    from clerk_app.core.keys import KeyErrorCode, KeyHolderError

    try:
        with PcscContext() as ctx:
            states = ctx.reader_states()
    except KeyHolderError as exc:
        if exc.code is KeyErrorCode.NO_PCSC_SERVICE:
            return ReaderSummary(ReaderState.NO_SERVICE)
        return ReaderSummary(ReaderState.NO_READER)
    usable = [s for s in states if not s.refused]
    if not usable:
        return ReaderSummary(ReaderState.TEST_ONLY if states else ReaderState.NO_READER)
    with_card = [s for s in usable if s.card_present]
    if with_card:
        return ReaderSummary(ReaderState.CARD, with_card[0].name)
    return ReaderSummary(ReaderState.NO_CARD, usable[0].name)


class CardReaderMonitor(QObject):
    changed = Signal(object)  # ReaderSummary

    def __init__(self, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._last: ReaderSummary | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)

    def start(self) -> None:
        self.poll()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def last(self) -> ReaderSummary | None:
        return self._last

    def poll(self) -> None:
        self._tasks.run(
            lambda _ctx: reader_summary(),
            on_result=self._got,
            key="card.status",
            coalesce=True,
        )

    def _got(self, summary: ReaderSummary) -> None:
        if summary != self._last:
            self._last = summary
            self.changed.emit(summary)
