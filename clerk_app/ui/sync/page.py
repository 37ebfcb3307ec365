"""Sync with the office server (core under way)."""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QStyle, QVBoxLayout, QWidget

from clerk_app.ui.context import AppContext
from clerk_app.ui.page import FeaturePage
from clerk_app.ui.placeholder import NotYetAvailable


class SyncPage(FeaturePage):
    page_id = "sync"

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.notice = NotYetAvailable()
        QVBoxLayout(self).addWidget(self.notice)
        self._init_done()

    def nav_title(self) -> str:
        return self.tr("Sync")

    def nav_icon(self) -> QIcon:
        return self.style().standardIcon(QStyle.StandardPixmap.SP_BrowserReload)

    def retranslate(self) -> None:
        self.notice.set_texts(
            self.tr("Sync is not available yet"),
            self.tr(
                "This workstation works on its own local database. Syncing it with the "
                "office server, and settling conflicts, comes in a later version."
            ),
        )
