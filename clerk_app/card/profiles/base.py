"""What every card profile offers, and the file reading they share.

A profile speaks one applet's APDUs over a `CardConnection` inside a transaction the caller
holds. It never keeps a PIN: PINs are arguments, sent once, never retried.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar, Literal, Protocol

from clerk_app.card import apdu
from clerk_app.card.apdu import Response
from clerk_app.core.keys import KeyAlgorithm, KeyErrorCode, KeyHolderError

PinKind = Literal["pin1", "pin2", "puk"]
CertKind = Literal["auth", "sign"]

PIN_LABELS: dict[PinKind, str] = {"pin1": "PIN1", "pin2": "PIN2", "puk": "PUK"}


class Transport(Protocol):
    def transmit(self, apdu: bytes) -> Response: ...


@dataclass(frozen=True)
class PinStatus:
    tries_left: int
    max_tries: int | None = None
    activated: bool = True  # False: Thales' initial PIN that must be changed before use

    @property
    def blocked(self) -> bool:
        return self.tries_left == 0


class CardProfile(ABC):
    """One card applet. Subclasses set the labels, PIN lengths and APDU sequences."""

    card_type: str = ""
    key_algorithm: KeyAlgorithm = "ec"
    pin_lengths: ClassVar[dict[PinKind, tuple[int, int]]] = {
        "pin1": (4, 12),
        "pin2": (5, 12),
        "puk": (8, 12),
    }
    read_chunk = 0xC0

    def __init__(self, card_type: str) -> None:
        self.card_type = card_type

    @property
    def digest_length(self) -> int:
        """The digest `sign` takes: SHA-384 on EC P-384 keys, SHA-256 on RSA keys."""
        return 48 if self.key_algorithm == "ec" else 32

    # -- what a profile implements ------------------------------------------------------------
    @abstractmethod
    def read_certificate(self, t: Transport, which: CertKind) -> bytes: ...

    @abstractmethod
    def read_document_number(self, t: Transport) -> str: ...

    @abstractmethod
    def pin_status(self, t: Transport, which: PinKind) -> PinStatus: ...

    @abstractmethod
    def sign(self, t: Transport, digest: bytes, pin2: str) -> bytes:
        """VERIFY PIN2 once, then sign `digest`; raw r||s (EC) or PKCS#1 v1.5 (RSA)."""

    @abstractmethod
    def verify_pin(self, t: Transport, which: PinKind, pin: str) -> None: ...

    @abstractmethod
    def change_pin(self, t: Transport, which: PinKind, old: str, new: str) -> None: ...

    @abstractmethod
    def unblock_pin(self, t: Transport, which: PinKind, puk: str, new: str) -> None: ...

    def authenticate(self, t: Transport, challenge: bytes, pin1: str) -> bytes:
        """VERIFY PIN1, then sign the 48-byte `challenge` with the authentication key (sign-in).

        r||s for EC keys; PKCS#1 v1.5 over a SHA-384 DigestInfo of the challenge for RSA keys.
        """
        raise KeyHolderError(KeyErrorCode.TOKEN_ERROR, f"{self.card_type}: no authentication")

    # -- shared helpers ----------------------------------------------------------------------
    def check_pin(self, which: PinKind, pin: str) -> None:
        low, high = self.pin_lengths[which]
        apdu.check_pin_format(pin, low, high, PIN_LABELS[which])

    def check_digest(self, digest: bytes) -> None:
        if len(digest) != self.digest_length:
            raise ValueError(
                f"{self.card_type} signs a {self.digest_length}-byte digest, got {len(digest)}"
            )

    def refuse_unusable(self, which: PinKind, status: PinStatus) -> None:
        """Stop before VERIFY when the PIN cannot work: blocked, or not yet activated."""
        if status.blocked:
            raise KeyHolderError(
                KeyErrorCode.PIN_BLOCKED, f"{PIN_LABELS[which]} is blocked", tries_left=0
            )
        if not status.activated:
            raise KeyHolderError(
                KeyErrorCode.PIN_NOT_ACTIVATED,
                f"{PIN_LABELS[which]} is the initial one; change it first",
                tries_left=status.tries_left,
            )

    def read_file(self, t: Transport, size: int, operation: str, chunk: int | None = None) -> bytes:
        """Exactly `size` bytes in chunks; 9000 and 6282 both count as data."""
        chunk = chunk or self.read_chunk
        out = bytearray()
        while len(out) < size:
            want = min(chunk, size - len(out))
            resp = t.transmit(apdu.read_binary(len(out), want))
            if resp.sw == apdu.WRONG_OFFSET or (resp.ok and not resp.data):
                break
            out += resp.require(operation)
            if len(resp.data) < want:
                break
        if len(out) != size:
            raise KeyHolderError(
                KeyErrorCode.CARD_ERROR, f"{operation}: read {len(out)} of {size} bytes"
            )
        return bytes(out)

    def read_to_end(self, t: Transport, operation: str, chunk: int = 256) -> bytes:
        """A file of unknown size: read until a short answer or 6B00."""
        out = bytearray()
        while True:
            resp = t.transmit(apdu.read_binary(len(out), chunk))
            if resp.sw == apdu.WRONG_OFFSET and out:
                return bytes(out)
            out += resp.require(operation)
            if len(resp.data) < chunk:
                return bytes(out)
