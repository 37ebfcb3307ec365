"""The request register (filled in once the register's core has landed)."""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QStyle, QVBoxLayout, QWidget

from clerk_app.ui.context import AppContext
from clerk_app.ui.page import FeaturePage
from clerk_app.ui.placeholder import NotYetAvailable


class RequestsPage(FeaturePage):
    page_id = "requests"

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.notice = NotYetAvailable()
        QVBoxLayout(self).addWidget(self.notice)
        self._init_done()

    def nav_title(self) -> str:
        return self.tr("Requests")

    def nav_icon(self) -> QIcon:
        return self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView)

    def retranslate(self) -> None:
        self.notice.set_texts(self.tr("Requests"), self.tr("The request register is coming."))

    def new_request(self) -> None:
        """Open the registration dialog."""

    def attach_records(self, record_ids: list[str]) -> None:
        """Add archive records to a request."""
