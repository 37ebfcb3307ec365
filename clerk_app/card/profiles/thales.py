"""Thales applet of EstEID 2025 (reference/id-card.md §3).

One application (AID …PKCS-15), files selected by path from MF, sizes in FCP tag 81, files read
in 256-byte chunks. PINs 81/82/83 padded with 00. Signing: VERIFY PIN2 → MSE (algorithm 54 =
ECDSA over SHA-384, key 05) → PSO:HASH → PSO:CDS. The PIN info's DF2F flag 00 means the PIN is
still the initial one: we refuse before VERIFY with PIN_NOT_ACTIVATED ("change PIN2 first").
"""

from __future__ import annotations

from clerk_app.card import apdu
from clerk_app.card.profiles.base import CardProfile, CertKind, PinKind, PinStatus, Transport
from clerk_app.core.keys import KeyErrorCode, KeyHolderError

AID = bytes.fromhex("A000000063504B43532D3135")
PIN_REFS: dict[PinKind, int] = {"pin1": 0x81, "pin2": 0x82, "puk": 0x83}
CERT_PATHS: dict[CertKind, bytes] = {
    "auth": bytes.fromhex("ADF13411"),
    "sign": bytes.fromhex("ADF23421"),
}
SIGN_KEY, AUTH_KEY = 0x05, 0x01
ALG_ECDSA_SHA384 = 0x54
NOT_ACTIVATED_SW = 0x6985  # emulator's answer to VERIFY of an initial PIN (unconfirmed on a card)


class ThalesProfile(CardProfile):
    pad = 0x00
    read_chunk = 256

    def select_app(self, t: Transport) -> None:
        t.transmit(apdu.select_aid(AID)).require("select application")

    def read_certificate(self, t: Transport, which: CertKind) -> bytes:
        self.select_app(t)
        fcp = t.transmit(apdu.select(0x08, 0x04, CERT_PATHS[which], le=256))
        size = apdu.fcp_size(fcp.require(f"select {which} certificate"))
        return self.read_file(t, size, f"read {which} certificate")

    def read_document_number(self, t: Transport) -> str:
        self.select_app(t)
        t.transmit(apdu.select(0x08, 0x0C, b"\xdf\xdd")).require("select personal data")
        t.transmit(apdu.select(0x02, 0x0C, b"\x50\x07")).require("select document number")
        raw = self.read_to_end(t, "read document number")
        return raw.decode("ascii", errors="replace").strip()

    def pin_status(self, t: Transport, which: PinKind) -> PinStatus:
        self.select_app(t)
        return self._pin_info(t, which)

    def _pin_info(self, t: Transport, which: PinKind) -> PinStatus:
        data = bytes([0xA0, 0x03, 0x83, 0x01, PIN_REFS[which]])
        body = t.transmit(apdu.command(0xCB, 0x00, 0xFF, data, le=256)).require(
            f"read {which} tries"
        )
        info = apdu.tlv_find(body, 0xA0)
        left = apdu.tlv_find(info, 0xDF21) if info is not None else None
        if not left:
            raise KeyHolderError(KeyErrorCode.CARD_ERROR, f"PIN info without tries: {body.hex()}")
        changed = apdu.tlv_find(info, 0xDF2F) if info is not None else None
        return PinStatus(left[0], 3, activated=not changed or changed[0] != 0x00)

    def _verify(self, t: Transport, which: PinKind, pin: str) -> None:
        block = apdu.pin_block(pin, self.pad)
        resp = t.transmit(apdu.command(0x20, 0x00, PIN_REFS[which], block))
        if resp.sw != apdu.OK:
            raise apdu.pin_error(resp.sw, f"verify {which}", NOT_ACTIVATED_SW)

    def verify_pin(self, t: Transport, which: PinKind, pin: str) -> None:
        self.check_pin(which, pin)
        self.select_app(t)
        self.refuse_unusable(which, self._pin_info(t, which))
        self._verify(t, which, pin)

    def change_pin(self, t: Transport, which: PinKind, old: str, new: str) -> None:
        """Also the way to activate an initial PIN."""
        self.check_pin(which, old)
        self.check_pin(which, new)
        self.select_app(t)
        status = self._pin_info(t, which)
        if status.blocked:
            self.refuse_unusable(which, status)
        data = apdu.pin_block(old, self.pad) + apdu.pin_block(new, self.pad)
        resp = t.transmit(apdu.command(0x24, 0x00, PIN_REFS[which], data))
        if resp.sw != apdu.OK:
            raise apdu.pin_error(resp.sw, f"change {which}")

    def unblock_pin(self, t: Transport, which: PinKind, puk: str, new: str) -> None:
        if which == "puk":
            raise ValueError("the PUK cannot unblock itself")
        self.check_pin("puk", puk)
        self.check_pin(which, new)
        self.select_app(t)
        self.refuse_unusable("puk", self._pin_info(t, "puk"))
        data = apdu.pin_block(puk, self.pad) + apdu.pin_block(new, self.pad)
        resp = t.transmit(apdu.command(0x2C, 0x00, PIN_REFS[which], data))
        if resp.sw != apdu.OK:
            raise apdu.pin_error(resp.sw, f"unblock {which}")

    def authenticate(self, t: Transport, challenge: bytes, pin1: str) -> bytes:
        """PIN1, then the authentication key signs through PSO like the signing key (§3)."""
        if len(challenge) != 48:
            raise ValueError(f"the authentication challenge is 48 bytes, got {len(challenge)}")
        self.check_pin("pin1", pin1)
        self.select_app(t)
        self.refuse_unusable("pin1", self._pin_info(t, "pin1"))
        self._verify(t, "pin1", pin1)
        mse = bytes([0x80, 0x01, ALG_ECDSA_SHA384, 0x84, 0x01, AUTH_KEY])
        t.transmit(apdu.command(0x22, 0x41, 0xB6, mse)).require("set authentication environment")
        t.transmit(apdu.command(0x2A, 0x90, 0xA0, bytes([0x90, 48]) + challenge)).require(
            "hand over the challenge"
        )
        return t.transmit(apdu.command(0x2A, 0x9E, 0x9A, le=256)).require("authenticate")

    def sign(self, t: Transport, digest: bytes, pin2: str) -> bytes:
        self.check_digest(digest)
        self.check_pin("pin2", pin2)
        self.select_app(t)
        self.refuse_unusable("pin2", self._pin_info(t, "pin2"))
        self._verify(t, "pin2", pin2)
        mse = bytes([0x80, 0x01, ALG_ECDSA_SHA384, 0x84, 0x01, SIGN_KEY])
        t.transmit(apdu.command(0x22, 0x41, 0xB6, mse)).require("set signing environment")
        hash_tlv = bytes([0x90, len(digest)]) + digest
        t.transmit(apdu.command(0x2A, 0x90, 0xA0, hash_tlv)).require("hand over the hash")
        resp = t.transmit(apdu.command(0x2A, 0x9E, 0x9A, le=256))
        signature = resp.require("compute signature")
        if len(signature) != 96:
            raise KeyHolderError(
                KeyErrorCode.CARD_ERROR, f"signature of {len(signature)} bytes, expected 96"
            )
        return signature
