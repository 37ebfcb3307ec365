"""Certificates: preparing, previewing and signing archival certificates (core under way)."""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QStyle, QVBoxLayout, QWidget

from clerk_app.ui.context import AppContext
from clerk_app.ui.page import FeaturePage
from clerk_app.ui.placeholder import NotYetAvailable


class CertificatesPage(FeaturePage):
    page_id = "certificates"

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.notice = NotYetAvailable()
        QVBoxLayout(self).addWidget(self.notice)
        self._init_done()

    def nav_title(self) -> str:
        return self.tr("Certificates")

    def nav_icon(self) -> QIcon:
        return self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)

    def retranslate(self) -> None:
        self.notice.set_texts(
            self.tr("Certificates are not available yet"),
            self.tr(
                "Preparing archival certificates as PDF/A and signing them with the ID card "
                "comes in a later version. The records you collect for a request are kept "
                "with the request and will be used for its certificate."
            ),
        )
