"""Certificate status for the pre-flight: a port, and a CRL-backed implementation.

OCSP against the issuer's responder belongs to the signing layer (it also needs the answer for
PAdES B-LT); it plugs in here through the same `RevocationChecker` protocol.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa


class RevocationChecker(Protocol):
    def is_revoked(self, certificate: x509.Certificate) -> bool | None:
        """True revoked, False good, None unknown (no answer for this issuer, stale data)."""
        ...


class CrlChecker:
    """Status from a CRL the caller fetched (file, HTTP, sync); the signature is checked when
    the issuer certificate is given."""

    def __init__(self, crl: bytes, issuer: x509.Certificate | None = None) -> None:
        self.crl = (
            x509.load_pem_x509_crl(crl)
            if crl.lstrip().startswith(b"-----")
            else x509.load_der_x509_crl(crl)
        )
        if issuer is not None:
            key = issuer.public_key()
            if not isinstance(key, ec.EllipticCurvePublicKey | rsa.RSAPublicKey) or not (
                self.crl.is_signature_valid(key)
            ):
                raise ValueError("the CRL is not signed by the given issuer")

    def is_revoked(self, certificate: x509.Certificate) -> bool | None:
        if certificate.issuer != self.crl.issuer:
            return None
        next_update = self.crl.next_update_utc
        if next_update is not None and next_update < datetime.now(UTC):
            return None
        return (
            self.crl.get_revoked_certificate_by_serial_number(certificate.serial_number) is not None
        )
