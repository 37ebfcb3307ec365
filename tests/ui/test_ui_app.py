"""The app as a whole: the clerk-app launcher (smoke test in a fresh process, the display check),
bundled fonts, keyboard shortcuts and accessible names, the demo offer on an empty archive and
the status bar."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTableView,
    QWidget,
)

from clerk_app.core.requests import Applicant, NewRequest, RequestSubject
from clerk_app.ui.app import Options
from clerk_app.ui.fonts import FONTS_DIR, register_fonts
from clerk_app.ui.launcher import display_problem

ROOT = Path(__file__).resolve().parents[2]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLERK_")}
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


def test_smoke_test_opens_the_window_on_a_fresh_data_folder() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "clerk_app.ui.launcher", "--smoke-test"],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr
    assert "window shown, database ready" in out.stdout
    assert "clerk-smoke-" in out.stdout  # a fresh temporary folder, not the user's data


def test_smoke_test_at_twice_the_scale(tmp_path: Path) -> None:
    """High-DPI: the window comes up at a 2x device pixel ratio too."""
    out = subprocess.run(
        [sys.executable, "-m", "clerk_app.ui.launcher", "--smoke-test", "--home", str(tmp_path)],
        capture_output=True,
        text=True,
        env=_env(QT_SCALE_FACTOR="2"),
        timeout=120,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "clerk.db").exists()
    assert (tmp_path / "clerk.db.key").exists()  # a first start makes an encrypted database


def test_without_a_display_the_launcher_says_why_instead_of_aborting() -> None:
    env = _env()
    for key in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(key, None)
    out = subprocess.run(
        [sys.executable, "-m", "clerk_app.ui.launcher"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        cwd=ROOT,
    )
    assert out.returncode == 2  # not Qt's abort (134)
    assert "DISPLAY" in out.stderr and "QT_QPA_PLATFORM=offscreen" in out.stderr
    assert display_problem({"DISPLAY": ":0"}, "linux") is None
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert display_problem({}, "win32") is None


def test_bundled_noto_sans_is_the_application_font(qapp) -> None:  # type: ignore[no-untyped-def]
    assert (FONTS_DIR / "NotoSans-Regular.ttf").stat().st_size > 100_000
    family = register_fonts(QApplication.instance())
    assert family == "Noto Sans"
    assert QApplication.font().family() == "Noto Sans"
    assert "Noto Sans" in QFontDatabase.families()
    from PySide6.QtGui import QFontMetrics, QRawFont

    raw = QRawFont.fromFont(QApplication.font())
    missing = [
        ch
        for ch in "ÕÄÖÜŠŽõäöüšžĀČĒĢĪĶĻŅŪāčēģīķļņūЁЖЩЪЫЭЮЯёжщъыэюя"
        if not raw.supportsCharacter(ord(ch))  # the str overload mishandles non-ASCII
    ]
    assert not missing
    assert QFontMetrics(QApplication.font()).horizontalAdvance("Щ") > 0


def test_ctrl_f_and_ctrl_n_reach_search_and_registration(qtbot, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    win = app.window
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    assert win.find_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert win.new_request_action.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    win.show_page("requests")
    QTest.keyClick(win, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert win.current_page() is app.archive
    qtbot.waitUntil(lambda: QApplication.focusWidget() is app.archive.search)
    QTest.keyClick(win, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: app.requests.dialog is not None)
    assert win.current_page() is app.requests
    app.requests.dialog.reject()
    # every page has its own Ctrl+digit
    for i, page in enumerate(win.pages):
        QTest.keyClick(win, Qt.Key(Qt.Key.Key_1 + i), Qt.KeyboardModifier.ControlModifier)
        assert win.current_page() is page


def _inputs(top: QWidget) -> list[QWidget]:
    kinds = (QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTableView, QListWidget)
    out = []
    for w in top.findChildren(QWidget):
        if not isinstance(w, kinds) or w.objectName().startswith("qt_"):
            continue
        if isinstance(w, QLineEdit) and isinstance(w.parent(), (QComboBox, QAbstractSpinBox)):
            continue  # the editor inside a combo or spin box: the box carries the name
        out.append(w)
    return out


def test_every_input_has_an_accessible_name_and_buttons_a_mnemonic(qtbot, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    request = app.context.services.requests.register(
        NewRequest(Applicant("A", phone="1"), RequestSubject.SALARY, "B")
    )
    app.requests.reload()
    qtbot.waitUntil(lambda: app.requests.select(request.uid), timeout=10_000)
    qtbot.waitUntil(lambda: app.requests.detail.request() is not None, timeout=10_000)
    tops: list[QWidget] = [app.window]
    for opener in (app.new_request, app.requests.change_status, app.requests.extend):
        opener()
        tops.append(app.requests.dialog)
        unnamed = [
            f"{type(w).__name__}" for w in _inputs(app.requests.dialog) if not w.accessibleName()
        ]
        assert not unnamed, unnamed
        app.requests.dialog.reject()
    unnamed = [
        f"{type(w).__name__}({w.objectName()})"
        for w in _inputs(app.window)
        if not w.accessibleName()
    ]
    assert not unnamed, unnamed
    # every push button of the pages can be reached with Alt+letter
    no_mnemonic = [
        b.text()
        for page in app.window.pages
        for b in page.findChildren(QAbstractButton)
        if b.window() is app.window
        and b.text()
        and "&" not in b.text()
        and type(b).__name__ == "QPushButton"
    ]
    assert not no_mnemonic, no_mnemonic
    # and every menu action by its mnemonic or a shortcut
    for action in app.window.menuBar().actions():
        assert "&" in action.text()
        for sub in action.menu().actions():
            assert (
                sub.isSeparator()
                or "&" in sub.text()
                or not sub.shortcut().isEmpty()
                or sub.property("clerk_untranslated")
            ), sub.text()


def test_an_empty_archive_offers_the_demo_and_fills_it(qtbot, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(
        data=False,
        options=Options(offer_demo=True, language="en", search_process=False, card_monitor=False),
    )
    qtbot.waitUntil(lambda: app.demo.box is not None and app.demo.box.isVisible(), timeout=10_000)
    assert "no records" in app.demo.box.text()
    with qtbot.waitSignal(app.demo.filled, timeout=120_000) as blocker:
        app.demo.box.button(app.demo.box.StandardButton.Yes).click()
    assert blocker.args[0] > 1000
    with app.context.services.uow_factory() as uow:
        assert uow.records.count() == blocker.args[0]
    assert "demo archive is ready" in app.status.currentMessage()


def test_demo_option_fills_without_asking(qtbot, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(
        data=False,
        options=Options(demo=True, language="en", search_process=False, card_monitor=False),
    )
    with qtbot.waitSignal(app.demo.filled, timeout=120_000):
        pass
    assert app.demo.box is None  # nobody was asked


def test_status_bar_tells_what_is_not_there_yet(qtbot, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    bar = app.status
    assert bar.connection.text() == "Offline"
    assert bar.connection.toolTip() == "No office server is configured."
    assert bar.outgoing.text() == "Outgoing: —"
    assert bar.sync.text() == "Last sync: never"
    from datetime import UTC, datetime

    from clerk_app.ui.status_bar import StatusSnapshot

    bar.set_snapshot(
        StatusSnapshot(
            online=True,
            pending_outgoing=3,
            last_sync=datetime(2026, 3, 12, 9, 30, tzinfo=UTC),
            sync_available=True,
        )
    )
    assert bar.connection.text() == "Online"
    assert bar.outgoing.text() == "3 messages waiting to be sent"
    assert bar.sync.text().startswith("Last sync: 12/03/2026")
    app.context.set_language("ru")
    assert bar.outgoing.text() == "3 сообщения ждут отправки"


def test_status_bar_follows_the_card_reader(qtbot, make_app, virtual_card) -> None:  # type: ignore[no-untyped-def]
    """Real pcscd with the vpcd virtual readers (PCSCLITE_CSOCK_NAME set by the fixture)."""
    from clerk_app.ui.card_status import ReaderState

    card = virtual_card("esteid2018")
    app = make_app(
        options=Options(offer_demo=False, language="en", search_process=False, card_monitor=True)
    )
    bar = app.status
    app.card_monitor.poll()
    qtbot.waitUntil(lambda: bar.reader.text() == "Card reader: card inserted", timeout=10_000)
    assert app.card_monitor.last.state is ReaderState.CARD
    assert bar.reader.toolTip() == card.reader
    card.remove()
    app.card_monitor.poll()
    qtbot.waitUntil(lambda: bar.reader.text() == "Card reader: no card", timeout=10_000)
    app.context.set_language("et")
    assert bar.reader.text() == "Kaardilugeja: kaarti pole"


def test_reader_summary_without_a_pcsc_service(tmp_path: Path) -> None:
    # in a fresh process: libpcsclite keeps the socket of its first context
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "from clerk_app.ui.card_status import reader_summary; print(reader_summary().state)",
        ],
        capture_output=True,
        text=True,
        env=_env(PCSCLITE_CSOCK_NAME=str(tmp_path / "no-such.comm")),
        timeout=60,
        cwd=ROOT,
    )
    assert out.stdout.strip() == "no_service", out.stderr
