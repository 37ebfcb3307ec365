"""Offer (or, with --demo, just do) filling an empty archive with the demo archive."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from clerk_app.ui.context import AppContext, Services
from clerk_app.ui.status_bar import StatusBar
from clerk_app.ui.tasks import TaskContext

if TYPE_CHECKING:
    from clerk_app.core.services.import_records import ImportReport

DEMO_PERSONS = 2000
DEMO_SEED = 42


def count_records(services: Services) -> int:
    with services.uow_factory() as uow:
        return int(uow.records.count())


def fill_demo(services: Services, ctx: TaskContext, actor: str, workstation: str) -> ImportReport:
    from clerk_app.core.services.import_records import import_records
    from clerk_app.demo import generate_archive

    def rows():  # type: ignore[no-untyped-def]
        for _identity, records in generate_archive(DEMO_PERSONS, DEMO_SEED):
            ctx.check()
            yield from records

    return import_records(
        services.uow_factory,
        rows(),
        source=f"demo(persons={DEMO_PERSONS}, seed={DEMO_SEED})",
        actor=actor,
        workstation=workstation,
        progress=lambda n: ctx.progress(n),
    )


class DemoOffer(QObject):
    """`filled(records)` when the demo archive is in; the archive page then has data."""

    filled = Signal(int)

    def __init__(self, app: AppContext, window: QWidget, status: StatusBar) -> None:
        super().__init__(window)
        self._app = app
        self._window = window
        self._status = status
        self._running = False
        self.box: QMessageBox | None = None

    def check(self, fill_without_asking: bool) -> None:
        """After start: with an empty archive, fill it (--demo) or offer to."""
        self._app.run(
            lambda services, _ctx: count_records(services),
            on_result=lambda n: self._counted(n, fill_without_asking),
        )

    def _counted(self, records: int, fill_without_asking: bool) -> None:
        if records:
            return
        if fill_without_asking:
            self.fill()
        else:
            self.offer()

    def offer(self) -> None:
        box = QMessageBox(self._window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Empty archive"))
        box.setText(self.tr("The archive has no records yet."))
        box.setInformativeText(
            self.tr(
                "Fill it with a demo archive to try Clerk? The demo holds invented persons "
                "of Narva, Sillamäe, Kohtla-Järve, Ivangorod and Daugavpils."
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        box.finished.connect(
            lambda result: self.fill() if result == QMessageBox.StandardButton.Yes else None
        )
        self.box = box
        box.open()  # window-modal, no nested event loop

    def fill(self) -> None:
        if self._running:
            return
        self._running = True
        ws = self._app.workstation
        self._status.showMessage(self.tr("Filling the demo archive…"))
        self._app.run(
            lambda services, ctx: fill_demo(services, ctx, ws.actor, ws.workstation),
            on_result=self._done,
            on_error=self._failed,
            on_progress=self._progress,
            on_finally=self._finished,
        )

    def _progress(self, done: int, _total: int | None) -> None:
        self._status.showMessage(self.tr("Filling the demo archive: %n record(s)…", "", done))

    def _done(self, report: ImportReport) -> None:
        added = report.counts.inserted
        self._status.showMessage(
            self.tr("The demo archive is ready: %n record(s).", "", added), 10_000
        )
        self._app.data_changed.emit("archive")
        self.filled.emit(added)

    def _failed(self, _exc: BaseException) -> None:
        self._status.showMessage(self.tr("The demo archive could not be filled."), 10_000)

    def _finished(self) -> None:
        self._running = False
