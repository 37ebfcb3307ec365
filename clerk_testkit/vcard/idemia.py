"""IDEMIA IAS-ECC applet: EstEID 2018 / 2018 v2 and Latvian eID (reference/id-card.md §2, §4).

File tree::

    MF 3F00
      D003            document number, `04 <len> <docnr>`
      5000            personal data DF: 5001 surname … 5008 expiry
      ADF1 ADF1       AID "AWP": authentication certificate 3401 (Latvian slot 2: 3402)
      ADF2 ADF2       AID "QSCD Application": signing certificate 341F (Latvian slot 2: 341E)

Latvian cards also carry PKCS#15 files in each ADF (EF.OD 5031 → PrKDF 7004, CDF 7005) that
name the certificate file and the key reference, and answer a READ BINARY past the end with
6282. Keys: authentication 81 (PIN1, global), signing 9F (PIN2 85, local to ADF2); Latvian
slot 2 uses 82/9E.
"""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric import ec, rsa

from clerk_testkit.vcard.base import (
    DF,
    EF,
    END_REACHED,
    FUNCTION_NOT_SUPPORTED,
    OK,
    REF_NOT_FOUND,
    SECURITY_NOT_SATISFIED,
    WRONG_DATA,
    WRONG_LENGTH,
    WRONG_P1P2,
    CardPrivateKey,
    CardStatus,
    Command,
    Pin,
    ec_sign_raw,
    rsa_sign_digest_info,
    rsa_sign_sha256,
    tlv,
)
from clerk_testkit.vcard.card import CardKey, Response, VirtualCard

MAIN_AID = bytes.fromhex("A000000077010800070000FE00000100")
AWP_AID = bytes.fromhex("E828BD080FF2504F5420415750")
QSCD_AID = b"QSCD Application"

ATRS = {
    "esteid2018": bytes.fromhex("3BDB960080B1FE451F830012233F536549440F9000F1"),
    "esteid2018v2": bytes.fromhex("3BDC960080B1FE451F830012233F54654944320F9000C3"),
    "latvia": bytes.fromhex("3BDB960080B1FE451F830012428F536549440F900020"),
    "latvia-v2": bytes.fromhex("3BDC960080B1FE451F830012428F54654944320F900012"),
}
NAMES = {
    "esteid2018": "EstEID 2018",
    "esteid2018v2": "EstEID 2018 v2",
    "latvia": "Latvian eID",
    "latvia-v2": "Latvian eID v2",
}

PIN1, PIN2, PUK = 0x01, 0x85, 0x02

# MSE algorithm references: new one-byte form and the older OpenSC (≤ 0.26) four-byte form
_EC_AUTH_ALGS = {b"\x04", b"\xff\x20\x08\x00"}
_EC_SIGN_ALGS = {b"\x54", b"\xff\x15\x08\x00"}
_EC_DERIVE_ALGS = {b"\x04", b"\xff\x30\x04\x00"}
_RSA_AUTH_ALG, _RSA_SIGN_ALG = b"\x02", b"\x42"


def _parse_crt(data: bytes) -> dict[int, bytes]:
    """The control reference template of MSE:SET: {tag: value} for 80 and 84."""
    out: dict[int, bytes] = {}
    i = 0
    while i < len(data):
        if i + 2 > len(data):
            raise CardStatus(WRONG_DATA)
        tag, n = data[i], data[i + 1]
        out[tag] = data[i + 2 : i + 2 + n]
        if len(out[tag]) != n:
            raise CardStatus(WRONG_DATA)
        i += 2 + n
    return out


class IdemiaCard(VirtualCard):
    def __init__(
        self,
        kind: str,
        *,
        auth_cert: bytes,
        sign_cert: bytes,
        auth_key: CardPrivateKey,
        sign_key: CardPrivateKey,
        document_number: str,
        personal: dict[int, str],
        pin1: str,
        pin2: str,
        puk: str,
        latvian_slot: int = 2,
    ) -> None:
        if kind not in ATRS:
            raise ValueError(f"unknown IDEMIA card kind {kind!r}")
        self.kind = kind
        self.name = NAMES[kind]
        self.atr = ATRS[kind]
        self.latvian = kind.startswith("latvia")
        self.truncated_read_sw = END_REACHED if self.latvian else OK
        super().__init__()
        slot2 = self.latvian and latvian_slot == 2
        auth_fid = b"\x34\x02" if slot2 else b"\x34\x01"
        sign_fid = b"\x34\x1e" if slot2 else b"\x34\x1f"
        auth_ref, sign_ref = (0x82, 0x9E) if slot2 else (0x81, 0x9F)

        mf = self.mf
        mf.add(EF(b"\xd0\x03", tlv(0x04, document_number.encode("ascii"))))
        pd = mf.add(DF(b"\x50\x00"))
        assert isinstance(pd, DF)
        for n, text in personal.items():
            pd.add(EF(bytes([0x50, n]), text.encode("utf-8")))
        self.adf1 = DF(b"\xad\xf1", AWP_AID)
        self.adf2 = DF(b"\xad\xf2", QSCD_AID)
        mf.add(self.adf1)
        mf.add(self.adf2)
        self.adf1.add(EF(auth_fid, auth_cert))
        self.adf2.add(EF(sign_fid, sign_cert))
        if self.latvian:
            self._pkcs15(self.adf1, auth_fid, auth_ref, auth_key, "Authentication key", 1)
            self._pkcs15(self.adf2, sign_fid, sign_ref, sign_key, "Signature key", 2)
        self.pins = {
            PIN1: Pin(pin1, min_len=4),
            PIN2: Pin(pin2, min_len=6 if self.latvian else 5),
            PUK: Pin(puk, min_len=8),
        }
        self.keys = {
            auth_ref: CardKey(auth_ref, auth_key, PIN1, self.adf1, "auth"),
            sign_ref: CardKey(sign_ref, sign_key, PIN2, self.adf2, "sign"),
        }

    def _pkcs15(
        self, adf: DF, cert_fid: bytes, key_ref: int, key: CardPrivateKey, label: str, key_id: int
    ) -> None:
        """EF.OD → PrKDF (7004) and CDF (7005), DER as PKCS#15 (ISO/IEC 7816-15) writes them."""
        path = b"\x3f\x00" + adf.fid
        od = tlv(0xA0, tlv(0x30, tlv(0x04, b"\x70\x04"))) + tlv(
            0xA4, tlv(0x30, tlv(0x04, b"\x70\x05"))
        )
        cdf = tlv(
            0x30,
            tlv(0x30, tlv(0x0C, f"{label} certificate".encode()))
            + tlv(0x30, tlv(0x04, bytes([key_id])))
            + tlv(0xA1, tlv(0x30, tlv(0x30, tlv(0x04, path + cert_fid)))),
        )
        common_object = (
            tlv(0x0C, label.encode()) + tlv(0x03, b"\x07\x80") + tlv(0x04, bytes([key_id]))
        )
        # keyReference as a DER INTEGER: 0x82 needs a leading zero byte to stay positive
        common_key = (
            tlv(0x04, bytes([key_id]))
            + tlv(0x03, b"\x06\x40")
            + tlv(0x02, b"\x00" + bytes([key_ref]))
        )
        if isinstance(key, ec.EllipticCurvePrivateKey):
            prkd = tlv(
                0xA0,
                tlv(0x30, common_object)
                + tlv(0x30, common_key)
                + tlv(0xA1, tlv(0x30, tlv(0x30, tlv(0x04, path)))),
            )
        else:
            bits = key.key_size.to_bytes(2, "big")
            prkd = tlv(
                0x30,
                tlv(0x30, common_object)
                + tlv(0x30, common_key)
                + tlv(0xA1, tlv(0x30, tlv(0x30, tlv(0x04, path)) + tlv(0x02, bits))),
            )
        adf.add(EF(b"\x50\x31", od))
        adf.add(EF(b"\x70\x04", prkd))
        adf.add(EF(b"\x70\x05", cdf))

    # -- selection ---------------------------------------------------------------------
    def on_aid_selected(self, df: DF) -> None:
        if df is self.mf or df.aid == MAIN_AID:
            self.logout()

    def select_by_aid(self, aid: bytes) -> DF:
        if aid == MAIN_AID:
            return self.mf
        return super().select_by_aid(aid)

    # -- PINs --------------------------------------------------------------------------
    def pin_for(self, ref: int) -> Pin:
        if ref == PIN2 and self.cur_df is not self.adf2:
            raise CardStatus(REF_NOT_FOUND)  # PIN2 is local to the QSCD application
        return super().pin_for(ref)

    def reset_retry_counter(self, cmd: Command) -> Response:
        if cmd.p1 == 0x02:  # new PIN only; the PUK was verified before (OpenSC's sequence)
            self.pin_for(cmd.p2)
            if PUK not in self.verified:
                raise CardStatus(SECURITY_NOT_SATISFIED)
            self.set_new_pin(cmd.p2, cmd.data)
            return b"", OK
        if cmd.p1 == 0x00:  # PUK || new PIN in one command
            self.pin_for(cmd.p2)
            if len(cmd.data) != 24:
                raise CardStatus(WRONG_LENGTH)
            self.check_pin(PUK, self.pins[PUK], cmd.data[:12])
            self.set_new_pin(cmd.p2, cmd.data[12:])
            return b"", OK
        raise CardStatus(WRONG_P1P2)

    def get_data(self, cmd: Command) -> Response:
        if (cmd.p1, cmd.p2) != (0x3F, 0xFF):
            raise CardStatus(WRONG_P1P2)
        d = cmd.data
        if len(d) != 10 or d[:6] != bytes.fromhex("4D087006BF81") or d[7:] != b"\x02\xa0\x80":
            raise CardStatus(REF_NOT_FOUND)
        ref = {0x01: PIN1, 0x02: PUK, 0x05: PIN2}.get(d[6])
        if ref is None:
            raise CardStatus(REF_NOT_FOUND)
        pin = self.pin_for(ref)
        body = (
            tlv(0x9A, bytes([pin.max_tries]))
            + tlv(0x9B, bytes([pin.tries_left]))
            + tlv(0xA1, bytes.fromhex("8C06F30000734300") + bytes.fromhex("9C06F30000734300"))
        )
        a0 = tlv(0xA0, body)
        # 70 1E BF81<r> 1A A0 18 9A01<max> 9B01<left> A1 10 …: 32 bytes, tries at byte 13
        return tlv(0x70, bytes([0xBF, 0x81, d[6], len(a0)]) + a0), OK

    # -- security environment and crypto -------------------------------------------------
    def manage_security_environment(self, cmd: Command) -> Response:
        if cmd.p1 != 0x41:
            raise CardStatus(WRONG_P1P2)
        op = {0xA4: "auth", 0xB6: "sign", 0xB8: "derive"}.get(cmd.p2)
        if op is None:
            raise CardStatus(WRONG_P1P2)
        crt = _parse_crt(cmd.data)
        if 0x84 not in crt or len(crt[0x84]) != 1:
            raise CardStatus(WRONG_DATA)
        key = self.keys.get(crt[0x84][0])
        if key is None or key.df is not self.cur_df:
            raise CardStatus(REF_NOT_FOUND)  # key references are valid only in their ADF
        alg = crt.get(0x80, b"")
        is_ec = isinstance(key.key, ec.EllipticCurvePrivateKey)
        if op == "auth":
            ok = key.usage == "auth" and (alg in _EC_AUTH_ALGS if is_ec else alg == _RSA_AUTH_ALG)
        elif op == "sign":
            ok = key.usage == "sign" and (alg in _EC_SIGN_ALGS if is_ec else alg == _RSA_SIGN_ALG)
        else:
            ok = key.usage == "auth" and is_ec and alg in _EC_DERIVE_ALGS
        if not ok:
            raise CardStatus(WRONG_DATA)
        self.se = (op, key, alg[0] if alg else 0)
        return b"", OK

    def _ready_key(self, op: str) -> CardKey:
        if self.se is None or self.se[0] != op:
            raise CardStatus(0x6985)  # conditions of use not satisfied: no matching MSE
        key = self.se[1]
        if key.pin_ref not in self.verified:
            raise CardStatus(SECURITY_NOT_SATISFIED)
        return key

    def perform_security_operation(self, cmd: Command) -> Response:
        if (cmd.p1, cmd.p2) != (0x9E, 0x9A):
            raise CardStatus(FUNCTION_NOT_SUPPORTED)
        key = self._ready_key("sign")
        if isinstance(key.key, ec.EllipticCurvePrivateKey):
            if len(cmd.data) != 48:
                raise CardStatus(WRONG_LENGTH)
            signature = ec_sign_raw(key.key, cmd.data)
        else:
            assert isinstance(key.key, rsa.RSAPrivateKey)
            signature = rsa_sign_sha256(key.key, cmd.data)
        self.verified.discard(key.pin_ref)  # PIN2 is needed for every signature
        self.signatures += 1
        return signature, OK

    def internal_authenticate(self, cmd: Command) -> Response:
        if (cmd.p1, cmd.p2) != (0x00, 0x00):
            raise CardStatus(WRONG_P1P2)
        key = self._ready_key("auth")
        if isinstance(key.key, ec.EllipticCurvePrivateKey):
            if len(cmd.data) != 48:
                raise CardStatus(WRONG_LENGTH)
            return ec_sign_raw(key.key, cmd.data), OK
        assert isinstance(key.key, rsa.RSAPrivateKey)
        return rsa_sign_digest_info(key.key, cmd.data), OK
