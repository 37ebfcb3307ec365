"""QApplication setup and the UI's composition root.

Builds, in this order: the QApplication (high-DPI policy, names), the bundled fonts, the
translators for the remembered language, the task runner on a private thread pool, the
`AppContext` over the `Workstation`, the feature pages, the status bar and the main window,
and wires the pages to each other here (pages never import each other). The database opens on
a worker after the window is shown, so the window appears without waiting for the disk.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QThreadPool, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from clerk_app.bootstrap import Workstation
from clerk_app.ui.archive.page import ArchivePage
from clerk_app.ui.card_status import CardReaderMonitor
from clerk_app.ui.certificates.page import CertificatesPage
from clerk_app.ui.context import AppContext
from clerk_app.ui.demo_offer import DemoOffer
from clerk_app.ui.exchange.page import ExchangePage
from clerk_app.ui.fonts import register_fonts
from clerk_app.ui.i18n import LANGUAGES, TRANSLATIONS_DIR, Translations
from clerk_app.ui.main_window import MainWindow
from clerk_app.ui.passphrase import GuiPassphrasePrompt
from clerk_app.ui.requests.page import RequestsPage
from clerk_app.ui.status_bar import StatusBar, StatusSnapshot
from clerk_app.ui.sync.page import SyncPage
from clerk_app.ui.tasks import Pool, TaskRunner

log = logging.getLogger(__name__)
STATUS_PROBE_MS = 30_000
GIL_SWITCH_INTERVAL = 0.001


def create_qapplication(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # The GUI thread shares the GIL with the workers: a waiting GUI thread gets it after 1 ms
    # instead of Python's default 5 ms (measured in bench/gui_lag_bench.py).
    sys.setswitchinterval(GIL_SWITCH_INTERVAL)
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        QGuiApplication.highDpiScaleFactorRoundingPolicy().PassThrough
    )
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Clerk")
    app.setOrganizationName("Clerk")
    app.setApplicationDisplayName("Clerk")
    return app


@dataclass
class Options:
    demo: bool = False  # fill an empty archive with the demo archive without asking
    offer_demo: bool = True  # ask when the archive is empty
    language: str | None = None  # this session only; the menu choice is remembered
    search_process: bool = True  # person search in a child process (keeps the GUI fluid)
    card_monitor: bool = True  # poll the PC/SC card reader for the status bar


def probe_status(ws: Workstation) -> StatusSnapshot:
    """What the status bar shows; runs on a worker. No office server or outbox exists yet,
    so those parts report None ("not available") instead of a made-up state."""
    return StatusSnapshot(online=None, pending_outgoing=None, last_sync=None)


class ClerkApp:
    """The running desktop app: owns the context, pages, window and their wiring."""

    def __init__(
        self,
        qapp: QApplication,
        workstation: Workstation,
        options: Options | None = None,
        pool: Pool | None = None,
        translations_dir: Path | None = None,
        prompt: GuiPassphrasePrompt | None = None,
    ) -> None:
        self.options = options or Options()
        self.qapp = qapp
        self.workstation = workstation
        register_fonts(qapp)
        self.translations = Translations(qapp, translations_dir or TRANSLATIONS_DIR)
        lang = self.options.language or workstation.settings.ui_language
        self.translations.switch(lang if lang in LANGUAGES else "en")
        if pool is None:
            self.pool = QThreadPool()
            self.pool.setMaxThreadCount(2)
            pool = self.pool
        self.tasks = TaskRunner(pool)
        self.context = AppContext(
            workstation, self.tasks, self.translations, search_process=self.options.search_process
        )

        self.requests = RequestsPage(self.context)
        self.archive = ArchivePage(self.context)
        self.certificates = CertificatesPage(self.context)
        self.exchange = ExchangePage(self.context)
        self.sync = SyncPage(self.context)
        self.status = StatusBar()
        self.window = MainWindow(
            [self.requests, self.archive, self.certificates, self.exchange, self.sync],
            self.status,
            self.translations.language,
        )
        self.prompt = prompt
        if prompt is not None:
            prompt.window = self.window  # the passphrase dialog opens over the window
        self.demo = DemoOffer(self.context, self.window, self.status)
        self.card_monitor = CardReaderMonitor(self.tasks, self.window)
        self._wire()

    def _wire(self) -> None:
        ctx, win = self.context, self.window
        self.tasks.busy_changed.connect(self.status.set_busy)
        self.tasks.failed.connect(self._task_failed)
        win.language_requested.connect(ctx.set_language)
        self.translations.language_changed.connect(win.set_language_checked)
        win.new_request_requested.connect(self.new_request)
        win.demo_requested.connect(self.demo.fill)
        self.archive.add_to_request.connect(
            lambda ids: self.requests.attach_records(ids, (self.archive.target() or (None,))[0])
        )
        self.requests.search_archive.connect(self.search_archive_for)
        self.requests.message.connect(lambda text: self.status.showMessage(text, 10_000))
        ctx.ready.connect(self._ready)
        ctx.open_failed.connect(self._open_failed)
        self.card_monitor.changed.connect(self.status.set_reader)
        self._probe = QTimer(self.window)
        self._probe.setInterval(STATUS_PROBE_MS)
        self._probe.timeout.connect(self.refresh_status)

    def start(self) -> None:
        """Show the window, then open the database on a worker."""
        self.window.show()
        self.context.open()

    def new_request(self) -> None:
        self.window.show_page("requests")
        self.requests.new_request()

    def search_archive_for(self, uid: str, reg_number: str, text: str) -> None:
        """From a request to the archive: search its person, collect records straight into it."""
        self.archive.set_target((uid, reg_number))
        self.window.show_page("archive")
        self.archive.search.setText(text)
        self.archive.run_search()
        self.archive.focus_main_input()

    def _ready(self) -> None:
        self.refresh_status()
        self._probe.start()
        if self.options.card_monitor:
            self.card_monitor.start()
        if self.options.demo or self.options.offer_demo:
            self.demo.check(fill_without_asking=self.options.demo)

    def refresh_status(self) -> None:
        ws = self.workstation
        self.tasks.run(lambda _ctx: probe_status(ws), on_result=self.status.set_snapshot)

    def _open_failed(self, exc: BaseException) -> None:
        """Say why in words; Retry asks again (a mistyped passphrase), Close quits."""
        box = QMessageBox(self.window)
        box.setObjectName("openFailed")
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(QCoreApplication.translate("ClerkApp", "The archive cannot be opened"))
        box.setText(open_failure_text(exc))
        box.setStandardButtons(QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Close)
        box.setDefaultButton(QMessageBox.StandardButton.Retry)
        box.finished.connect(
            lambda result: (
                self.context.open()
                if result == QMessageBox.StandardButton.Retry
                else self.window.close()
            )
        )
        self.open_box = box
        box.open()

    def _task_failed(self, exc: BaseException) -> None:
        self.status.showMessage(
            QCoreApplication.translate("ClerkApp", "Something went wrong: %1").replace(
                "%1", type(exc).__name__
            ),
            15_000,
        )

    def shutdown(self) -> None:
        """Stop the workers before the window and the database go away."""
        self._probe.stop()
        self.card_monitor.stop()
        if self.prompt is not None:
            self.prompt.close()  # a worker waiting for a passphrase must not hold up the exit
        self.tasks.shutdown()
        self.context.close()
        self.workstation.close()


def open_failure_text(exc: BaseException) -> str:
    """The sentence for a database that did not open (the core gives codes, never prose)."""
    from clerk_app.core.data_at_rest import AtRestError, AtRestRefused

    if isinstance(exc, AtRestRefused):
        texts = {
            AtRestError.NO_KEY_SOURCE: QCoreApplication.translate(
                "ClerkApp",
                "The archive database is encrypted and needs a passphrase, and none was given.",
            ),
            AtRestError.WRONG_PASSPHRASE: QCoreApplication.translate(
                "ClerkApp", "The passphrase is not right."
            ),
            AtRestError.PASSPHRASE_TOO_SHORT: QCoreApplication.translate(
                "ClerkApp", "The passphrase is too short."
            ),
            AtRestError.KEY_NOT_IN_KEYRING: QCoreApplication.translate(
                "ClerkApp",
                "The database key is missing from this computer's key store. Ask IT support "
                "to restore it.",
            ),
            AtRestError.KEYRING_UNAVAILABLE: QCoreApplication.translate(
                "ClerkApp", "This computer's key store does not answer. Ask IT support."
            ),
            AtRestError.WRONG_KEY: QCoreApplication.translate(
                "ClerkApp", "The database does not open with its key. Ask IT support."
            ),
            AtRestError.BAD_HEADER: QCoreApplication.translate(
                "ClerkApp", "The database's key file is damaged. Ask IT support."
            ),
        }
        text = texts.get(exc.code)
        if text:
            return text
    return QCoreApplication.translate("ClerkApp", "The database could not be opened (%1).").replace(
        "%1", type(exc).__name__
    )


def setup_logging(ws: Workstation) -> None:
    handler = RotatingFileHandler(
        ws.home.logs / "clerk-app.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def install_excepthook(app: ClerkApp) -> None:
    """An unexpected error is logged with its traceback; the clerk sees a sentence, not it."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error", exc_info=(kind, exc, tb))
        app.status.showMessage(
            QCoreApplication.translate("ClerkApp", "Something went wrong: %1").replace(
                "%1", kind.__name__
            ),
            15_000,
        )

    sys.excepthook = hook


def run(
    home: str | None,
    db: str | None,
    options: Options,
    smoke_test: bool = False,
    report_shown: bool = False,
    passphrase: Callable[[bool], str | None] | None = None,
) -> int:
    started = time.perf_counter()
    qapp = create_qapplication()
    prompt = GuiPassphrasePrompt()
    asker = passphrase or prompt
    ws = Workstation(home, db, passphrase_prompt=asker)
    setup_logging(ws)
    app = ClerkApp(qapp, ws, options, prompt=prompt)
    install_excepthook(app)
    qapp.aboutToQuit.connect(app.shutdown)
    outcome = {"rc": 0}

    if report_shown:  # bench: print when the window is on screen and when the data is ready

        def shown() -> None:
            # wall time since run() and the process's CPU time since it started
            print(
                f"shown {time.perf_counter() - started:.3f} {time.process_time():.3f}", flush=True
            )

        def ready() -> None:
            print(f"ready {time.perf_counter() - started:.3f}", flush=True)
            QTimer.singleShot(0, qapp.quit)

        QTimer.singleShot(0, shown)
        app.context.ready.connect(ready)
    if smoke_test:

        def ok() -> None:
            outcome["rc"] = 0 if app.window.isVisible() else 1
            print(
                f"clerk-app smoke test: window shown, database ready ({ws.url})",
                flush=True,
            )
            qapp.quit()

        def fail(exc: BaseException) -> None:
            outcome["rc"] = 1
            print(f"clerk-app smoke test failed: {exc}", file=sys.stderr, flush=True)
            qapp.quit()

        app.context.ready.connect(lambda: QTimer.singleShot(0, ok))
        app.context.open_failed.connect(fail)
        QTimer.singleShot(60_000, lambda: fail(TimeoutError("no database after 60 s")))
    app.start()
    rc = qapp.exec()
    return outcome["rc"] or rc
