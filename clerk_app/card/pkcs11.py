"""PKCS#11 path for tokens without an APDU driver here (OpenSC, vendor middleware, SoftHSM2).

`Pkcs11Signer` finds a token's signing certificate (nonRepudiation preferred) without logging
in, and at signing time logs in once with the PIN and signs the digest with the private key of
the same CKA_ID: raw CKM_ECDSA (→ r||s) on EC keys, CKM_RSA_PKCS over a SHA-256 DigestInfo on
RSA keys. Keys marked CKA_ALWAYS_AUTHENTICATE (ID cards' signing keys) get the context-specific
login the standard requires — the same PIN, not a retry. PKCS#11 reports no tries counter, only
the token flags "final try" and "locked".
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime

import pkcs11
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from pkcs11 import Attribute, Mechanism, ObjectClass, TokenFlag
from pkcs11 import exceptions as p11

from clerk_app.card.guards import check_signature, refuse_certificate
from clerk_app.card.profiles.base import PinStatus
from clerk_app.card.revocation import RevocationChecker
from clerk_app.core.keys import KeyAlgorithm, KeyErrorCode, KeyHolderError

SHA256_DIGEST_INFO = bytes.fromhex("3031300d060960864801650304020105000420")

_REMOVED = (
    p11.TokenNotPresent,
    p11.DeviceRemoved,
    p11.SessionClosed,
    p11.SessionHandleInvalid,
    p11.DeviceError,
    p11.TokenNotRecognised,
)


def _now() -> datetime:
    return datetime.now(UTC)


def _is_signing_cert(cert: x509.Certificate) -> bool:
    try:
        return cert.extensions.get_extension_for_class(x509.KeyUsage).value.content_commitment
    except x509.ExtensionNotFound:
        return False


class Pkcs11Signer:
    """`DigestSigner` over one certificate and key of a PKCS#11 token."""

    def __init__(
        self,
        module: str,
        *,
        token_label: str | None = None,
        key_id: bytes | None = None,
        key_label: str | None = None,
        revocation: RevocationChecker | None = None,
        clock: Callable[[], datetime] = _now,
    ) -> None:
        try:
            self._lib = pkcs11.lib(module)
        except p11.PKCS11Error as exc:
            raise KeyHolderError(KeyErrorCode.TOKEN_ERROR, f"cannot load {module}: {exc}") from None
        self.module = module
        self.revocation, self.clock = revocation, clock
        self._lock = threading.Lock()
        found = self._find(token_label, key_id, key_label)
        self._slot, self.token_label, self.key_id, self._cert_der = found
        self.certificate = x509.load_der_x509_certificate(self._cert_der)
        self.key_algorithm: KeyAlgorithm = (
            "ec" if isinstance(self.certificate.public_key(), ec.EllipticCurvePublicKey) else "rsa"
        )

    def _find(
        self, token_label: str | None, key_id: bytes | None, key_label: str | None
    ) -> tuple[pkcs11.Slot, str, bytes, bytes]:
        try:
            slots = self._lib.get_slots(token_present=True)
        except p11.PKCS11Error as exc:
            raise KeyHolderError(KeyErrorCode.TOKEN_ERROR, f"list slots: {exc!r}") from None
        if not slots:
            raise KeyHolderError(KeyErrorCode.NO_CARD, f"no token in any slot of {self.module}")
        candidates: list[tuple[bool, pkcs11.Slot, str, bytes, bytes]] = []
        for slot in slots:
            try:
                token = slot.get_token()
                if token_label is not None and token.label != token_label:
                    continue
                with token.open() as session:
                    for obj in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}):
                        der, cid = obj[Attribute.VALUE], obj[Attribute.ID]
                        if key_id is not None and cid != key_id:
                            continue
                        if key_label is not None and obj[Attribute.LABEL] != key_label:
                            continue
                        cert = x509.load_der_x509_certificate(der)
                        candidates.append((_is_signing_cert(cert), slot, token.label, cid, der))
            except _REMOVED:
                continue
            except (p11.PKCS11Error, ValueError) as exc:
                raise KeyHolderError(KeyErrorCode.TOKEN_ERROR, f"read token: {exc!r}") from None
        if not candidates:
            raise KeyHolderError(KeyErrorCode.TOKEN_ERROR, "no matching certificate on the tokens")
        candidates.sort(key=lambda c: not c[0])  # signing (nonRepudiation) certificates first
        _sign, slot, label, cid, der = candidates[0]
        return slot, label, cid, der

    # DigestSigner ------------------------------------------------------------------------
    def signing_certificate(self) -> bytes:
        return self._cert_der

    def sign_digest(self, digest: bytes, pin: str) -> bytes:
        if len(digest) not in (32, 48, 64) or (self.key_algorithm == "rsa" and len(digest) != 32):
            raise ValueError(f"unsupported digest length {len(digest)} for {self.key_algorithm}")
        with self._lock:
            refuse_certificate(self.certificate, self.clock(), self.revocation)
            token = self._token()
            self._same_token(token)
            try:
                with token.open(user_pin=pin) as session:
                    key = session.get_key(object_class=ObjectClass.PRIVATE_KEY, id=self.key_id)
                    try:
                        always = bool(key[Attribute.ALWAYS_AUTHENTICATE])
                    except p11.PKCS11Error:
                        always = False
                    if self.key_algorithm == "ec":
                        data, mech = digest, Mechanism.ECDSA
                    else:
                        data, mech = SHA256_DIGEST_INFO + digest, Mechanism.RSA_PKCS
                    raw = key.sign(data, mechanism=mech, pin=pin if always else None)
            except p11.PinIncorrect:
                raise self._wrong_pin() from None
            except p11.PinLocked:
                raise KeyHolderError(KeyErrorCode.PIN_BLOCKED, "token PIN locked", 0) from None
            except (p11.PinLenRange, p11.PinInvalid):
                raise KeyHolderError(KeyErrorCode.PIN_FORMAT, "PIN length or characters") from None
            except p11.PinExpired:
                raise KeyHolderError(
                    KeyErrorCode.PIN_NOT_ACTIVATED, "PIN must be changed"
                ) from None
            except _REMOVED as exc:
                raise KeyHolderError(KeyErrorCode.CARD_REMOVED, repr(exc)) from None
            except p11.NoSuchKey:
                raise KeyHolderError(
                    KeyErrorCode.TOKEN_ERROR, "no private key for the certificate"
                ) from None
            except p11.PKCS11Error as exc:
                raise KeyHolderError(KeyErrorCode.TOKEN_ERROR, repr(exc)) from None
            check_signature(self.certificate, digest, raw)
            return raw

    # helpers ---------------------------------------------------------------------------------
    def _token(self) -> pkcs11.Token:
        try:
            return self._slot.get_token()
        except _REMOVED as exc:
            raise KeyHolderError(KeyErrorCode.CARD_REMOVED, repr(exc)) from None
        except p11.PKCS11Error as exc:
            raise KeyHolderError(KeyErrorCode.TOKEN_ERROR, repr(exc)) from None

    def _same_token(self, token: pkcs11.Token) -> None:
        """The certificate is still on the token: no other card was put in meanwhile."""
        try:
            with token.open() as session:
                values = [
                    o[Attribute.VALUE]
                    for o in session.get_objects(
                        {Attribute.CLASS: ObjectClass.CERTIFICATE, Attribute.ID: self.key_id}
                    )
                ]
        except _REMOVED as exc:
            raise KeyHolderError(KeyErrorCode.CARD_REMOVED, repr(exc)) from None
        except p11.PKCS11Error as exc:
            raise KeyHolderError(KeyErrorCode.TOKEN_ERROR, repr(exc)) from None
        if self._cert_der not in values:
            raise KeyHolderError(KeyErrorCode.CARD_REMOVED, "another token is in the slot now")

    def pin_status(self) -> PinStatus | None:
        """What the token flags tell: 0 tries when locked, 1 on the final try, else unknown."""
        flags = self._token().flags
        if flags & TokenFlag.USER_PIN_LOCKED:
            return PinStatus(0)
        if flags & TokenFlag.USER_PIN_FINAL_TRY:
            return PinStatus(1)
        return None

    def _wrong_pin(self) -> KeyHolderError:
        try:
            status = self.pin_status()
        except KeyHolderError:
            status = None
        if status is not None and status.blocked:
            return KeyHolderError(KeyErrorCode.PIN_BLOCKED, "token PIN locked", 0)
        tries = status.tries_left if status is not None else None
        return KeyHolderError(KeyErrorCode.WRONG_PIN, "token refused the PIN", tries)
