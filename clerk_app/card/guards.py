"""Checks around one signature, shared by the card and the PKCS#11 signers.

Before the PIN: the signing certificate must be in its validity period and not revoked (when a
checker answers), so an expired or revoked certificate costs no PIN try. After the card's
answer: the signature must verify with the certificate's key, so a wrong card or a garbled
answer never reaches a document.
"""

from __future__ import annotations

from datetime import datetime

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils

from clerk_app.card.revocation import RevocationChecker
from clerk_app.core.keys import KeyErrorCode, KeyHolderError

_HASHES: dict[int, hashes.HashAlgorithm] = {
    32: hashes.SHA256(),
    48: hashes.SHA384(),
    64: hashes.SHA512(),
}


def certificate_status(
    cert: x509.Certificate, now: datetime, revocation: RevocationChecker | None
) -> tuple[str, bool]:
    """(valid | expired | not-yet-valid | revoked, whether revocation was answered)."""
    revoked = revocation.is_revoked(cert) if revocation is not None else None
    if revoked:
        return "revoked", True
    if now < cert.not_valid_before_utc:
        return "not-yet-valid", revoked is not None
    if now > cert.not_valid_after_utc:
        return "expired", revoked is not None
    return "valid", revoked is not None


def status_problem(status: str) -> KeyErrorCode | None:
    if status == "revoked":
        return KeyErrorCode.CERTIFICATE_REVOKED
    if status in ("expired", "not-yet-valid"):
        return KeyErrorCode.CERTIFICATE_EXPIRED
    return None


def refuse_certificate(
    cert: x509.Certificate, now: datetime, revocation: RevocationChecker | None
) -> None:
    status, _answered = certificate_status(cert, now, revocation)
    problem = status_problem(status)
    if problem is not None:
        when = cert.not_valid_after_utc if status == "expired" else cert.not_valid_before_utc
        detail = f"signing certificate {status}" + (
            f" ({when:%Y-%m-%d})" if status != "revoked" else ""
        )
        raise KeyHolderError(problem, detail)


def check_signature(cert: x509.Certificate, digest: bytes, raw: bytes) -> None:
    """Raise CARD_ERROR unless `raw` (r||s or PKCS#1 v1.5) verifies over `digest`."""
    key = cert.public_key()
    try:
        if isinstance(key, ec.EllipticCurvePublicKey):
            half = len(raw) // 2
            der = utils.encode_dss_signature(
                int.from_bytes(raw[:half], "big"), int.from_bytes(raw[half:], "big")
            )
            key.verify(der, digest, ec.ECDSA(utils.Prehashed(_HASHES[len(digest)])))
        elif isinstance(key, rsa.RSAPublicKey):
            key.verify(raw, digest, padding.PKCS1v15(), utils.Prehashed(_HASHES[len(digest)]))
        else:
            raise KeyHolderError(KeyErrorCode.TOKEN_ERROR, "unsupported key type")
    except (InvalidSignature, KeyError, ValueError):
        raise KeyHolderError(
            KeyErrorCode.CARD_ERROR, "the signature does not match the signing certificate"
        ) from None
