"""The QR code on a certificate: vector, drawn by reportlab (no extra dependency).

It holds the registry number with its version and the verification reference; the signed
PDF's hash cannot be in it, because the signature does not exist yet when it is drawn.
"""

from __future__ import annotations

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing

from clerk_app.certificates.fonts import REGULAR


def qr_payload(registry_number: str | None, version: int, verification: str) -> str:
    number = registry_number or "DRAFT"
    return f"{number}/{version}\n{verification}"


def qr_drawing(payload: str, size: float) -> Drawing:
    widget = QrCodeWidget(payload, barLevel="M", barBorder=0)
    x1, y1, x2, y2 = widget.getBounds()
    width, height = x2 - x1, y2 - y1
    drawing = Drawing(
        size,
        size,
        transform=[size / width, 0, 0, size / height, -x1 * size / width, -y1 * size / height],
        initialFontName=REGULAR,
    )
    drawing.add(widget)
    return drawing
