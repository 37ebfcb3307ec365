"""What signing needs from a key holder (ID card, PKCS#11 token, test key), and its error codes.

The card layer implements `DigestSigner`; the signing layer (pyHanko) only calls it. Errors
carry a code and, for PINs, the tries left: the UI turns them into translated sentences, the
CLI into English ones. A PIN is an argument, never an attribute: nothing keeps it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal, Protocol


class KeyErrorCode(StrEnum):
    NO_PCSC_SERVICE = "no-pcsc-service"  # pcscd / WinSCard not running
    NO_READER = "no-reader"
    NO_CARD = "no-card"
    UNKNOWN_CARD = "unknown-card"  # ATR of no supported profile
    CARD_REMOVED = "card-removed"  # removed or reset during an operation
    WRONG_PIN = "wrong-pin"  # tries_left says how many remain
    PIN_BLOCKED = "pin-blocked"
    PIN_NOT_ACTIVATED = "pin-not-activated"  # Thales: initial PIN2 must be changed first
    PIN_FORMAT = "pin-format"  # wrong length or not digits: no try spent
    CERTIFICATE_EXPIRED = "certificate-expired"
    CERTIFICATE_REVOKED = "certificate-revoked"
    TOKEN_ERROR = "token-error"  # PKCS#11 module or unexpected status word
    CARD_ERROR = "card-error"


class KeyHolderError(Exception):
    """A key-holder failure with a code for the UI; `detail` is for logs, never shows a PIN."""

    def __init__(self, code: KeyErrorCode, detail: str = "", tries_left: int | None = None):
        super().__init__(f"{code}: {detail}" if detail else str(code))
        self.code = code
        self.detail = detail
        self.tries_left = tries_left


KeyAlgorithm = Literal["ec", "rsa"]


class DigestSigner(Protocol):
    """A private key that signs a ready-made digest, and the certificate that names it."""

    key_algorithm: KeyAlgorithm

    def signing_certificate(self) -> bytes:
        """DER of the certificate of the signing key."""
        ...

    def sign_digest(self, digest: bytes, pin: str) -> bytes:
        """Sign `digest` (SHA-384 for EC P-384 cards) after verifying `pin`.

        Returns the raw signature as the card gives it: r || s for EC (96 bytes for P-384),
        PKCS#1 v1.5 for RSA. Exactly one card operation sequence (VERIFY + sign) per call.
        Raises KeyHolderError with the tries left on a wrong PIN.
        """
        ...


class AuthenticationKey(Protocol):
    """The ID card's authentication key (PIN1), as sign-in needs it.

    The card layer implements it with MSE:SET + VERIFY PIN1 + INTERNAL AUTHENTICATE; tests use
    a software key over a clerk_testkit certificate.
    """

    def authentication_certificate(self) -> bytes:
        """DER of the authentication certificate (readable without a PIN)."""
        ...

    def authenticate(self, challenge: bytes, pin: str) -> bytes:
        """Sign the 48-byte `challenge` with the authentication key after verifying PIN1.

        Returns r || s for EC (96 bytes on P-384 cards); PKCS#1 v1.5 over a SHA-384
        DigestInfo of the challenge for RSA cards. A wrong PIN raises KeyHolderError(WRONG_PIN)
        with `tries_left`; a blocked one KeyHolderError(PIN_BLOCKED).
        """
        ...
