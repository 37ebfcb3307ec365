"""A DocumentVerifier that imports pyHanko only when a document is first checked, so listing
the outbox or starting the desktop app does not pay for it."""

from __future__ import annotations

from collections.abc import Sequence

from clerk_app.core.exchange import DocumentVerifier, SignatureCheck


class LazyVerifier:
    def __init__(self) -> None:
        self._inner: DocumentVerifier | None = None

    def verify(self, document: bytes, trust_roots: Sequence[bytes]) -> SignatureCheck:
        if self._inner is None:
            from clerk_app.exchange.pdf_verify import PartnerDocumentVerifier

            self._inner = PartnerDocumentVerifier()
        return self._inner.verify(document, trust_roots)
