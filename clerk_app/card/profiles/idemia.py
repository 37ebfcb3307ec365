"""IDEMIA IAS-ECC applet: EstEID 2018 and EstEID 2018 v2 (reference/id-card.md §2).

Main AID first (which also clears any PIN state left by another program), then the
authentication application (AWP, key 81, PIN1 global) or the signing application (QSCD, key 9F,
PIN2 = reference 85, local to QSCD). Sizes come from the FCP; files are read in 0xC0 chunks.
"""

from __future__ import annotations

from clerk_app.card import apdu
from clerk_app.card.profiles.base import CardProfile, CertKind, PinKind, PinStatus, Transport
from clerk_app.core.keys import KeyErrorCode, KeyHolderError

MAIN_AID = bytes.fromhex("A000000077010800070000FE00000100")
AWP_AID = bytes.fromhex("E828BD080FF2504F5420415750")
QSCD_AID = b"QSCD Application"

PIN_REFS: dict[PinKind, int] = {"pin1": 0x01, "pin2": 0x85, "puk": 0x02}
CERT_PATHS: dict[CertKind, bytes] = {
    "auth": bytes.fromhex("ADF13401"),
    "sign": bytes.fromhex("ADF2341F"),
}
SIGN_KEY, AUTH_KEY = 0x9F, 0x81
EC_SIGN_ALG = 0x54
EC_AUTH_ALG, RSA_AUTH_ALG = 0x04, 0x02
# DigestInfo prefix of SHA-384: what an RSA key's INTERNAL AUTHENTICATE takes before the hash
SHA384_DIGEST_INFO = bytes.fromhex("3041300d060960864801650304020205000430")


class IdemiaProfile(CardProfile):
    pad = 0xFF

    def select_main(self, t: Transport) -> None:
        t.transmit(apdu.select_aid(MAIN_AID)).require("select main application")

    def select_app(self, t: Transport, which: CertKind) -> None:
        aid = AWP_AID if which == "auth" else QSCD_AID
        t.transmit(apdu.select_aid(aid)).require(f"select {'AWP' if which == 'auth' else 'QSCD'}")

    def _select_for_pin(self, t: Transport, which: PinKind) -> None:
        self.select_main(t)
        if which == "pin2":
            self.select_app(t, "sign")  # PIN2 lives in the QSCD application

    # -- reading ---------------------------------------------------------------------------
    def read_certificate(self, t: Transport, which: CertKind) -> bytes:
        self.select_main(t)
        fcp = t.transmit(apdu.select(0x09, 0x04, CERT_PATHS[which], le=256))
        size = apdu.fcp_size(fcp.require(f"select {which} certificate"))
        return self.read_file(t, size, f"read {which} certificate")

    def read_document_number(self, t: Transport) -> str:
        self.select_main(t)
        fcp = t.transmit(apdu.select(0x09, 0x04, b"\xd0\x03", le=256))
        size = apdu.fcp_size(fcp.require("select document number"))
        content = self.read_file(t, size, "read document number")
        value = apdu.tlv_find(content, 0x04)
        if value is None:
            raise KeyHolderError(KeyErrorCode.CARD_ERROR, "document number file without tag 04")
        return value.decode("ascii", errors="replace")

    def pin_status(self, t: Transport, which: PinKind) -> PinStatus:
        self._select_for_pin(t, which)
        return self._pin_info(t, which)

    def _pin_info(self, t: Transport, which: PinKind) -> PinStatus:
        """GET DATA of the PIN object: tries left without spending one (current DF matters)."""
        ref = PIN_REFS[which] & 0x0F
        data = bytes([0x4D, 0x08, 0x70, 0x06, 0xBF, 0x81, ref, 0x02, 0xA0, 0x80])
        answer = t.transmit(apdu.command(0xCB, 0x3F, 0xFF, data, le=256))
        body = answer.require(f"read {which} tries")
        info = apdu.tlv_find(body, 0x70, 0xBF8100 | ref, 0xA0)
        left = apdu.tlv_find(info, 0x9B) if info is not None else None
        most = apdu.tlv_find(info, 0x9A) if info is not None else None
        if not left:
            if len(body) < 14:
                raise KeyHolderError(KeyErrorCode.CARD_ERROR, f"short PIN info {body.hex()}")
            return PinStatus(body[13], body[10])  # the fixed offsets every client uses
        return PinStatus(left[0], most[0] if most else None)

    # -- PINs --------------------------------------------------------------------------------
    def _verify(self, t: Transport, which: PinKind, pin: str) -> None:
        block = apdu.pin_block(pin, self.pad)
        resp = t.transmit(apdu.command(0x20, 0x00, PIN_REFS[which], block))
        if resp.sw != apdu.OK:
            raise apdu.pin_error(resp.sw, f"verify {which}")

    def verify_pin(self, t: Transport, which: PinKind, pin: str) -> None:
        self.check_pin(which, pin)
        self._select_for_pin(t, which)
        self.refuse_unusable(which, self._pin_info(t, which))
        self._verify(t, which, pin)

    def change_pin(self, t: Transport, which: PinKind, old: str, new: str) -> None:
        self.check_pin(which, old)
        self.check_pin(which, new)
        self._select_for_pin(t, which)
        self.refuse_unusable(which, self._pin_info(t, which))
        data = apdu.pin_block(old, self.pad) + apdu.pin_block(new, self.pad)
        resp = t.transmit(apdu.command(0x24, 0x00, PIN_REFS[which], data))
        if resp.sw != apdu.OK:
            raise apdu.pin_error(resp.sw, f"change {which}")

    def unblock_pin(self, t: Transport, which: PinKind, puk: str, new: str) -> None:
        """VERIFY the PUK, then RESET RETRY COUNTER with the new PIN (OpenSC's sequence)."""
        if which == "puk":
            raise ValueError("the PUK cannot unblock itself")
        self.check_pin("puk", puk)
        self.check_pin(which, new)
        self.select_main(t)
        self.refuse_unusable("puk", self._pin_info(t, "puk"))
        self._verify(t, "puk", puk)
        if which == "pin2":
            self.select_app(t, "sign")
        resp = t.transmit(apdu.command(0x2C, 0x02, PIN_REFS[which], apdu.pin_block(new, self.pad)))
        if resp.sw != apdu.OK:
            raise apdu.pin_error(resp.sw, f"unblock {which}")

    # -- authentication (sign-in with PIN1) ---------------------------------------------------
    def auth_key(self, t: Transport) -> tuple[int, int]:
        """(key reference, MSE algorithm byte) of the authentication key."""
        return AUTH_KEY, EC_AUTH_ALG

    def authenticate(self, t: Transport, challenge: bytes, pin1: str) -> bytes:
        """AWP → MSE:SET (A4) → VERIFY PIN1 → INTERNAL AUTHENTICATE (id-card.md §2)."""
        key_ref, alg = self.auth_key(t)
        if len(challenge) != 48:
            raise ValueError(f"the authentication challenge is 48 bytes, got {len(challenge)}")
        self.check_pin("pin1", pin1)
        self.select_main(t)
        self.refuse_unusable("pin1", self._pin_info(t, "pin1"))
        self.select_app(t, "auth")
        mse = bytes([0x80, 0x01, alg, 0x84, 0x01, key_ref])
        t.transmit(apdu.command(0x22, 0x41, 0xA4, mse)).require("set authentication environment")
        self._verify(t, "pin1", pin1)
        data = challenge if alg == EC_AUTH_ALG else SHA384_DIGEST_INFO + challenge
        resp = t.transmit(apdu.command(0x88, 0x00, 0x00, data, le=256))
        if resp.sw == 0x6982:
            raise KeyHolderError(KeyErrorCode.CARD_ERROR, "card refused to authenticate (6982)")
        return resp.require("internal authenticate")

    # -- signing -------------------------------------------------------------------------------
    def sign_key(self, t: Transport) -> tuple[int, int]:
        """(key reference, MSE algorithm byte) of the signing key."""
        return SIGN_KEY, EC_SIGN_ALG

    def sign(self, t: Transport, digest: bytes, pin2: str) -> bytes:
        key_ref, alg = self.sign_key(t)  # first: a Latvian card tells here if it is RSA
        self.check_digest(digest)
        self.check_pin("pin2", pin2)
        self.select_main(t)
        self.select_app(t, "sign")
        self.refuse_unusable("pin2", self._pin_info(t, "pin2"))
        mse = bytes([0x80, 0x01, alg, 0x84, 0x01, key_ref])
        t.transmit(apdu.command(0x22, 0x41, 0xB6, mse)).require("set signing environment")
        self._verify(t, "pin2", pin2)
        resp = t.transmit(apdu.command(0x2A, 0x9E, 0x9A, digest, le=256))
        if resp.sw == 0x6982:
            raise KeyHolderError(
                KeyErrorCode.CARD_ERROR, "card refused to sign after VERIFY (6982)"
            )
        signature = resp.require("compute signature")
        expected = 96 if self.key_algorithm == "ec" else 256
        if len(signature) != expected:
            raise KeyHolderError(
                KeyErrorCode.CARD_ERROR, f"signature of {len(signature)} bytes, expected {expected}"
            )
        return signature
