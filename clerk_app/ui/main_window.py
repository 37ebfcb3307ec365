"""The main window: navigation, the stack of feature pages, menus and the status bar.

Thin on purpose (no god window): it holds no feature logic. Pages come in from the composition
root (`app.py`); the window only switches between them and turns menu actions into signals.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from clerk_app.ui.i18n import ENDONYMS, LANGUAGES
from clerk_app.ui.page import FeaturePage
from clerk_app.ui.status_bar import StatusBar


class MainWindow(QMainWindow):
    language_requested = Signal(str)
    new_request_requested = Signal()
    demo_requested = Signal()

    def __init__(self, pages: list[FeaturePage], status_bar: StatusBar, language: str) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.pages = pages
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(24, 24))
        self.nav.setSpacing(2)
        self.stack = QStackedWidget()
        for page in pages:
            self.nav.addItem(QListWidgetItem(page.nav_icon(), ""))
            self.stack.addWidget(page)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(4, 4, 4, 4)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.setStatusBar(status_bar)
        self.status = status_bar

        self._build_menus(language)
        self.retranslate()
        self.nav.setCurrentRow(0)
        self.resize(1180, 760)

    # -- menus -------------------------------------------------------------------------
    def _build_menus(self, language: str) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.new_request_action = QAction(self)
        self.new_request_action.setShortcut(QKeySequence.StandardKey.New)  # Ctrl+N
        self.new_request_action.triggered.connect(self.new_request_requested)
        self.demo_action = QAction(self)
        self.demo_action.triggered.connect(self.demo_requested)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.new_request_action)
        self.file_menu.addAction(self.demo_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.go_menu = bar.addMenu("")
        self.find_action = QAction(self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)  # Ctrl+F
        self.find_action.triggered.connect(lambda: self.show_page("archive", focus=True))
        self.go_menu.addAction(self.find_action)
        self.go_menu.addSeparator()
        self.page_actions: list[QAction] = []
        for i, page in enumerate(self.pages):
            action = QAction(page.nav_icon(), "", self)
            action.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            action.triggered.connect(lambda _c=False, pid=page.page_id: self.show_page(pid, True))
            self.go_menu.addAction(action)
            self.page_actions.append(action)

        self.language_menu = bar.addMenu("")
        group = QActionGroup(self)
        group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for lang in LANGUAGES:
            action = QAction(ENDONYMS[lang], self)
            action.setCheckable(True)
            action.setChecked(lang == language)
            action.setProperty("clerk_untranslated", True)  # endonyms stay as they are
            action.triggered.connect(lambda _c=False, code=lang: self.language_requested.emit(code))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[lang] = action

        self.help_menu = bar.addMenu("")
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self._about)
        self.about_qt_action = QAction(self)
        self.about_qt_action.triggered.connect(QApplication.aboutQt)
        self.help_menu.addAction(self.about_action)
        self.help_menu.addAction(self.about_qt_action)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Clerk — archive requests and certificates"))
        self.file_menu.setTitle(self.tr("&File"))
        self.new_request_action.setText(self.tr("&New request…"))
        self.demo_action.setText(self.tr("Fill a &demo archive…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.go_menu.setTitle(self.tr("&Go"))
        self.find_action.setText(self.tr("&Find in archive"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About Clerk"))
        self.about_qt_action.setText(self.tr("About &Qt"))
        self.nav.setAccessibleName(self.tr("Sections"))
        for i, page in enumerate(self.pages):
            title = page.nav_title()
            self.nav.item(i).setText(title)
            self.page_actions[i].setText(title)
        width = max(self.nav.sizeHintForColumn(0), 120) + 2 * self.nav.frameWidth() + 16
        self.nav.setFixedWidth(width)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_language_checked(self, lang: str) -> None:
        action = self.language_actions.get(lang)
        if action is not None:
            action.setChecked(True)

    # -- navigation --------------------------------------------------------------------
    def page(self, page_id: str) -> FeaturePage | None:
        return next((p for p in self.pages if p.page_id == page_id), None)

    def show_page(self, page_id: str, focus: bool = False) -> FeaturePage | None:
        for i, page in enumerate(self.pages):
            if page.page_id == page_id:
                self.nav.setCurrentRow(i)
                if focus:
                    page.focus_main_input()
                return page
        return None

    def current_page(self) -> FeaturePage:
        return self.pages[self.stack.currentIndex()]

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Clerk"),
            self.tr(
                "Clerk registers archive requests, searches the archive across Cyrillic and "
                "Latin spellings and prepares archival certificates."
            ),
        )
