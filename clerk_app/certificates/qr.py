"""The QR code on a certificate: vector, drawn by reportlab's own encoder (no dependency).

It holds the registry number with its version and the verification reference; the signed
PDF's hash cannot be in it, because the signature does not exist yet when it is drawn.

The modules are drawn as one filled path of horizontal runs: reportlab's QrCodeWidget
encodes twice and draws every module as a graphics node, which cost more than half of a
certificate's rendering time; this draws the same symbol in a fraction of it.
"""

from __future__ import annotations

from reportlab.graphics.barcode import qrencoder
from reportlab.platypus import Flowable


def qr_payload(registry_number: str | None, version: int, verification: str) -> str:
    number = registry_number or "DRAFT"
    return f"{number}/{version}\n{verification}"


def qr_matrix(payload: str) -> list[list[bool]]:
    """Dark modules, row by row (error correction level M)."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    code.make()
    n = code.getModuleCount()
    return [[bool(code.isDark(r, c)) for c in range(n)] for r in range(n)]


class QrCode(Flowable):
    """A square QR symbol of `size` points (the white page around it is the quiet zone)."""

    def __init__(self, payload: str, size: float) -> None:
        super().__init__()
        self.payload = payload
        self.size = size
        self.matrix = qr_matrix(payload)
        self.width = self.height = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        n = len(self.matrix)
        unit = self.size / n
        path = self.canv.beginPath()
        for r, row in enumerate(self.matrix):
            y = self.size - (r + 1) * unit
            c = 0
            while c < n:
                if not row[c]:
                    c += 1
                    continue
                start = c
                while c < n and row[c]:
                    c += 1
                path.rect(start * unit, y, (c - start) * unit, unit)
        self.canv.saveState()
        self.canv.setFillColorRGB(0, 0, 0)
        self.canv.drawPath(path, stroke=0, fill=1)
        self.canv.restoreState()
