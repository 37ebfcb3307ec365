"""Exchange with partner municipalities: inbox and outbox (core under way)."""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QStyle, QTabWidget, QVBoxLayout, QWidget

from clerk_app.ui.context import AppContext
from clerk_app.ui.page import FeaturePage
from clerk_app.ui.placeholder import NotYetAvailable


class ExchangePage(FeaturePage):
    page_id = "exchange"

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.tabs = QTabWidget()
        self.inbox = NotYetAvailable()
        self.outbox = NotYetAvailable()
        self.tabs.addTab(self.inbox, "")
        self.tabs.addTab(self.outbox, "")
        QVBoxLayout(self).addWidget(self.tabs)
        self._init_done()

    def nav_title(self) -> str:
        return self.tr("Exchange")

    def nav_icon(self) -> QIcon:
        return self.style().standardIcon(QStyle.StandardPixmap.SP_DriveNetIcon)

    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.tr("&Inbox"))
        self.tabs.setTabText(1, self.tr("&Outbox"))
        self.inbox.set_texts(
            self.tr("The inbox is not available yet"),
            self.tr(
                "Requests and certificates sent by partner municipalities will appear here "
                "in a later version. Until then, register a partner's request by hand with "
                "its case number."
            ),
        )
        self.outbox.set_texts(
            self.tr("The outbox is not available yet"),
            self.tr(
                "Signed certificates waiting to be sent to partner municipalities, and their "
                "receipts, will appear here in a later version."
            ),
        )
