"""DocumentVerifier over pyHanko: PAdES signatures of a PDF against a partner's trust roots.

Offline by design (no OCSP/CRL fetching on the receive path: a partner's network must not
decide whether we can accept a message); revocation data embedded in B-LT/B-LTA documents is
used. Every signature must be intact, valid and trusted, and the last one must cover the file
up to at most LTV updates.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Sequence

from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko.sign.validation.status import ModificationLevel
from pyhanko_certvalidator import ValidationContext

from clerk_app.core.exchange import SignatureCheck


class PyHankoVerifier:
    def verify(self, document: bytes, trust_roots: Sequence[bytes]) -> SignatureCheck:
        if not document.startswith(b"%PDF-"):
            return SignatureCheck(False, "not_pdf", "the document is not a PDF")
        try:
            return asyncio.run(self._verify(document, trust_roots))
        except Exception as exc:  # an untrusted file may break the parser in any way
            return SignatureCheck(False, "unreadable", f"cannot read the signature: {exc}")

    async def _verify(self, document: bytes, trust_roots: Sequence[bytes]) -> SignatureCheck:
        reader = PdfFileReader(io.BytesIO(document), strict=False)
        sigs = reader.embedded_signatures
        if not sigs:
            return SignatureCheck(False, "no_signature", "the document carries no signature")
        roots = [asn1_x509.Certificate.load(r) for r in trust_roots]
        signer = None
        signed_at = None
        for i, sig in enumerate(sigs):
            vc = ValidationContext(
                trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail"
            )
            st = await async_validate_pdf_signature(sig, vc)
            who = st.signing_cert.subject.human_friendly if st.signing_cert else None
            if not st.intact:
                return SignatureCheck(False, "not_intact", "the signed bytes were changed", who)
            if not st.valid:
                return SignatureCheck(False, "invalid", "the signature value is wrong", who)
            if not st.trusted:
                return SignatureCheck(
                    False, "untrusted", "the signer is not trusted for this partner", who
                )
            if i == len(sigs) - 1:
                level = st.modification_level
                if level is not None and level > ModificationLevel.LTA_UPDATES:
                    return SignatureCheck(
                        False, "modified", "the document was changed after signing", who
                    )
                if st.docmdp_ok is False:
                    return SignatureCheck(
                        False, "modified", "changes after signing break its permissions", who
                    )
            signer = who
            signed_at = st.signer_reported_dt
        return SignatureCheck(True, "valid", "", signer, signed_at)
