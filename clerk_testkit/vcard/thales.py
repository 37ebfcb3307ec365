"""Thales applet of EstEID 2025 (reference/id-card.md §3).

File tree (selected by path from MF with P1=08, or EF by FID with P1=02)::

    MF 3F00        reached through the AID A000000063504B43532D3135 ("…PKCS-15")
      ADF1 3411    authentication certificate
      ADF2 3421    signing certificate
      DFDD 5001…5008 personal data, 5007 document number (raw)

PINs 81 (PIN1), 82 (PIN2), 83 (PUK), padded with 00. Keys 01 (authentication, PIN1) and 05
(signing, PIN2). Signing: VERIFY → MSE:SET B6 → PSO:HASH (90 A0) → PSO:CDS (9E 9A) → r||s.
A PIN whose "changed" flag (DF2F) is 00 is still the initial one: VERIFY answers 6985 until it
is changed (an assumption of this emulator; reference §8 lists it as unconfirmed).
"""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric import ec

from clerk_testkit.vcard.base import (
    CONDITIONS_NOT_SATISFIED,
    DF,
    EF,
    FUNCTION_NOT_SUPPORTED,
    INS_NOT_SUPPORTED,
    OK,
    REF_NOT_FOUND,
    SECURITY_NOT_SATISFIED,
    WRONG_DATA,
    WRONG_LENGTH,
    WRONG_P1P2,
    CardStatus,
    Command,
    Pin,
    ec_sign_raw,
    tlv,
)
from clerk_testkit.vcard.card import CardKey, Response, VirtualCard

AID = bytes.fromhex("A000000063504B43532D3135")
ATR = bytes.fromhex("3BFF9600008031FE438031B85365494464B085051012233F1D")
PIN1, PIN2, PUK = 0x81, 0x82, 0x83
AUTH_KEY, SIGN_KEY = 0x01, 0x05
_HASH_LEN = {0x34: 28, 0x44: 32, 0x54: 48, 0x64: 64}  # algorithm byte → hash length


class ThalesCard(VirtualCard):
    name = "EstEID 2025"
    atr = ATR
    pad = 0x00

    def __init__(
        self,
        *,
        auth_cert: bytes,
        sign_cert: bytes,
        auth_key: ec.EllipticCurvePrivateKey,
        sign_key: ec.EllipticCurvePrivateKey,
        document_number: str,
        personal: dict[int, str],
        pin1: str,
        pin2: str,
        puk: str,
        pin2_activated: bool = True,
    ) -> None:
        self.kind = "esteid2025"
        super().__init__()
        self.mf.aid = AID
        self.adf1 = DF(b"\xad\xf1")
        self.adf2 = DF(b"\xad\xf2")
        self.mf.add(self.adf1)
        self.mf.add(self.adf2)
        self.adf1.add(EF(b"\x34\x11", auth_cert))
        self.adf2.add(EF(b"\x34\x21", sign_cert))
        pd = DF(b"\xdf\xdd")
        self.mf.add(pd)
        for n, text in {**personal, 7: document_number}.items():
            pd.add(EF(bytes([0x50, n]), text.encode("utf-8")))
        self.pins = {
            PIN1: Pin(pin1, min_len=4),
            PIN2: Pin(pin2, min_len=5, activated=pin2_activated),
            PUK: Pin(puk, min_len=8),
        }
        self.keys = {
            AUTH_KEY: CardKey(AUTH_KEY, auth_key, PIN1, self.mf, "auth"),
            SIGN_KEY: CardKey(SIGN_KEY, sign_key, PIN2, self.mf, "sign"),
        }
        self.hash: bytes | None = None

    def power_on(self) -> None:
        super().power_on()
        self.hash = None

    def fcp(self, node: DF | EF) -> bytes:
        if isinstance(node, EF):  # size in tag 81 on this card
            return (
                bytes([0x62, 0x07, 0x81, 0x02])
                + len(node.content).to_bytes(2, "big")
                + b"\x82\x01\x01"
            )
        return super().fcp(node)

    def on_aid_selected(self, df: DF) -> None:
        self.logout()
        self.hash = None

    def check_activated(self, pin: Pin) -> None:
        if not pin.activated:
            raise CardStatus(CONDITIONS_NOT_SATISFIED)

    def get_data(self, cmd: Command) -> Response:
        if (cmd.p1, cmd.p2) != (0x00, 0xFF):
            raise CardStatus(WRONG_P1P2)
        d = cmd.data
        if len(d) != 5 or d[:4] != b"\xa0\x03\x83\x01":
            raise CardStatus(REF_NOT_FOUND)
        pin = self.pin_for(d[4])
        body = (
            tlv(0x83, d[4:5])
            + tlv(0xDF21, bytes([pin.tries_left]))
            + tlv(0xDF2F, bytes([int(pin.activated)]))
        )
        return tlv(0xA0, body), OK

    def reset_retry_counter(self, cmd: Command) -> Response:
        if cmd.p1 != 0x00:
            raise CardStatus(WRONG_P1P2)
        self.pin_for(cmd.p2)
        if len(cmd.data) != 24:
            raise CardStatus(WRONG_LENGTH)
        self.check_pin(PUK, self.pins[PUK], cmd.data[:12])
        self.set_new_pin(cmd.p2, cmd.data[12:])
        return b"", OK

    def manage_security_environment(self, cmd: Command) -> Response:
        if cmd.p1 != 0x41 or cmd.p2 not in (0xB6, 0xB8):
            raise CardStatus(WRONG_P1P2)
        d = cmd.data
        if cmd.p2 == 0xB6:
            if len(d) != 6 or d[0:2] != b"\x80\x01" or d[3:5] != b"\x84\x01":
                raise CardStatus(WRONG_DATA)
            alg, ref = d[2], d[5]
            if alg not in _HASH_LEN:
                raise CardStatus(WRONG_DATA)
        else:
            if len(d) != 3 or d[0:2] != b"\x84\x01":
                raise CardStatus(WRONG_DATA)
            alg, ref = 0, d[2]
        key = self.keys.get(ref)
        if key is None:
            raise CardStatus(REF_NOT_FOUND)
        self.se = ("sign" if cmd.p2 == 0xB6 else "derive", key, alg)
        self.hash = None
        return b"", OK

    def perform_security_operation(self, cmd: Command) -> Response:
        if (cmd.p1, cmd.p2) == (0x90, 0xA0):  # PSO:HASH — hand over the hash
            if self.se is None or self.se[0] != "sign":
                raise CardStatus(CONDITIONS_NOT_SATISFIED)
            d = cmd.data
            if len(d) < 2 or d[0] != 0x90 or d[1] != len(d) - 2:
                raise CardStatus(WRONG_DATA)
            if d[1] != _HASH_LEN[self.se[2]]:
                raise CardStatus(WRONG_LENGTH)
            self.hash = d[2:]
            return b"", OK
        if (cmd.p1, cmd.p2) == (0x9E, 0x9A):  # PSO:CDS over the hash handed over
            if cmd.data:
                raise CardStatus(WRONG_LENGTH)
            if self.se is None or self.se[0] != "sign" or self.hash is None:
                raise CardStatus(CONDITIONS_NOT_SATISFIED)
            key = self.se[1]
            if key.pin_ref not in self.verified:
                raise CardStatus(SECURITY_NOT_SATISFIED)
            assert isinstance(key.key, ec.EllipticCurvePrivateKey)
            signature = ec_sign_raw(key.key, self.hash)
            self.hash = None
            if key.usage == "sign":
                self.verified.discard(key.pin_ref)  # PIN2 for every signature
                self.signatures += 1
            return signature, OK
        raise CardStatus(FUNCTION_NOT_SUPPORTED)

    def internal_authenticate(self, cmd: Command) -> Response:
        raise CardStatus(INS_NOT_SUPPORTED)  # this applet signs with both keys through PSO
