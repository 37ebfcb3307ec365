"""The virtual cards speak the protocol of reference/id-card.md, checked with raw APDUs over the
real stack (pyscard → pcscd → vpcd → card): every SELECT variant the clients use, READ BINARY
truncation rules, PIN info, PIN counting and blocking, both MSE encodings, and the refusals."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, utils

from clerk_app.card.apdu import Response
from clerk_app.card.pcsc import CardConnection, PcscContext

MAIN = "00A4040C10A000000077010800070000FE00000100"
QSCD = "00A4040C10" + b"QSCD Application".hex()
AWP = "00A4040C0DE828BD080FF2504F5420415750"
THALES = "00A4040C0CA000000063504B43532D3135"


@contextmanager
def connected(inserted) -> Iterator[CardConnection]:  # type: ignore[no-untyped-def]
    with PcscContext() as ctx:
        conn = ctx.connect(inserted.reader)
        try:
            yield conn
        finally:
            conn.close()


def tx(conn: CardConnection, hexapdu: str) -> Response:
    return conn.transmit(bytes.fromhex(hexapdu.replace(" ", "")))


def pin(value: str, pad: str = "FF") -> str:
    return value.encode().hex() + pad * (12 - len(value))


def read_all(conn: CardConnection, size: int, chunk: int) -> bytes:
    out = b""
    while len(out) < size:
        r = tx(conn, f"00B0{len(out):04X}{min(chunk, size - len(out)) & 0xFF:02X}")
        assert r.sw in (0x9000, 0x6282), hex(r.sw)
        out += r.data
    return out


def test_select_variants_of_every_client(virtual_card) -> None:  # type: ignore[no-untyped-def]
    c = virtual_card("esteid2018")
    auth_der = c.issued.auth_cert.public_bytes(_der())
    with connected(c) as conn:
        assert tx(conn, MAIN).sw == 0x9000
        # web-eid: path from the current DF without 3F00, FCP 62 04 80 02 <size>
        r = tx(conn, "00A4090404ADF1340100")
        assert r.sw == 0x9000 and r.data == bytes.fromhex("62048002") + len(auth_der).to_bytes(
            2, "big"
        )
        assert read_all(conn, len(auth_der), 0xC0) == auth_der
        # DigiDoc4: full path with 3F00, and the personal-data DF then EF by FID
        assert tx(conn, "00A4090406 3F00ADF13401 00").data[:4] == bytes.fromhex("62048002")
        assert tx(conn, "00A4090C04 3F005000").sw == 0x9000
        assert tx(conn, "00A4020C02 5001").sw == 0x9000
        assert tx(conn, "00B0000000").data == c.issued.holder.surname.encode()
        # OpenSC 0.23: MF, DF by FID, EF by FID without FCP; its probe without data → 6A82
        assert tx(conn, "00A4000C").sw == 0x9000
        assert tx(conn, "00A4010C02ADF2").sw == 0x9000
        assert tx(conn, "00A4020C02341F").sw == 0x9000
        assert tx(conn, "00A4020C").sw == 0x6A82
        # other drivers' probes
        assert tx(conn, "00A4040C03 010203").sw == 0x6A82
        assert tx(conn, "00A4070C02 3F00").sw == 0x6A86
        assert tx(conn, "00E0000000").sw == 0x6D00
        assert tx(conn, "80A4000C").sw == 0x6E00


def test_read_binary_truncation_estonian_vs_latvian(virtual_card) -> None:  # type: ignore[no-untyped-def]
    c = virtual_card("esteid2018")
    with connected(c) as conn:
        tx(conn, MAIN)
        size = int.from_bytes(tx(conn, "00A4090404ADF2341F00").data[4:6], "big")
        last = size - 10
        r = tx(conn, f"00B0{last:04X}C0")
        assert (r.sw, len(r.data)) == (0x9000, 10)  # past the end: truncated data, 9000
        assert tx(conn, f"00B0{size:04X}10").sw == 0x6B00  # at the end: 6B00
        assert tx(conn, "00B08000C0").sw == 0x6A86  # short-EF addressing is not offered
    c.remove()
    lv = virtual_card("latvia")
    with connected(lv) as conn:
        tx(conn, MAIN)
        tx(conn, QSCD)
        od = tx(conn, "00A40204025031 00")
        assert od.sw == 0x9000
        r = tx(conn, "00B00000FF")
        assert r.sw == 0x6282 and 0 < len(r.data) < 0xFF  # Latvian cards answer 6282


def test_pin_info_verify_counting_and_blocking(virtual_card) -> None:  # type: ignore[no-untyped-def]
    c = virtual_card("esteid2018v2")
    with connected(c) as conn:
        tx(conn, MAIN)
        info = tx(conn, "00CB3FFF0A4D087006BF810102A08000")
        assert info.sw == 0x9000 and len(info.data) == 32 and info.data[:2] == b"\x70\x1e"
        assert (info.data[10], info.data[13]) == (3, 3)  # max, tries left
        # PIN2 exists only inside the QSCD application
        assert tx(conn, "00CB3FFF0A4D087006BF810502A08000").sw == 0x6A88
        assert tx(conn, "002000850C" + pin(c.pin2)).sw == 0x6A88
        tx(conn, QSCD)
        assert tx(conn, "00CB3FFF0A4D087006BF810502A08000").data[13] == 3
        assert tx(conn, "0020008500").sw == 0x63C3  # status query spends nothing
        assert tx(conn, "002000850C" + pin("00000")).sw == 0x63C2
        assert tx(conn, "002000850C" + pin("000")).sw == 0x6A80  # too short: no try spent
        assert tx(conn, "00200085 05 3030303030").sw == 0x6700  # not a 12-byte block
        assert tx(conn, "002000850C" + pin("00000")).sw == 0x63C1
        assert tx(conn, "002000850C" + pin("00000")).sw == 0x63C0  # the blocking try
        assert tx(conn, "002000850C" + pin(c.pin2)).sw == 0x6983  # blocked, even the right PIN
        assert tx(conn, "00CB3FFF0A4D087006BF810502A08000").data[13] == 0
        # unblock: VERIFY PUK, then RESET RETRY COUNTER with the new PIN (OpenSC's sequence)
        tx(conn, MAIN)
        assert tx(conn, "002C02850C" + pin("54321")).sw == 0x6A88  # outside QSCD
        assert tx(conn, "002000020C" + pin(c.puk)).sw == 0x9000
        tx(conn, QSCD)
        assert tx(conn, "002C02850C" + pin("54321")).sw == 0x9000
        assert tx(conn, "002000850C" + pin("54321")).sw == 0x9000
        # change: old || new; the same PIN again is refused
        assert tx(conn, "0024008518" + pin("54321") + pin("54321")).sw == 0x6A80
        assert tx(conn, "0024008518" + pin("54321") + pin("13579")).sw == 0x9000
        assert tx(conn, "002000850C" + pin("13579")).sw == 0x9000


def _verify_raw(cert: x509.Certificate, digest: bytes, raw: bytes) -> None:
    key = cert.public_key()
    assert isinstance(key, ec.EllipticCurvePublicKey)
    der = utils.encode_dss_signature(
        int.from_bytes(raw[:48], "big"), int.from_bytes(raw[48:], "big")
    )
    key.verify(der, digest, ec.ECDSA(utils.Prehashed(hashes.SHA384())))


@pytest.mark.parametrize(
    ("mse_sign", "mse_auth"),
    [
        ("002241B6068001548401 9F", "002241A4068001048401 81"),  # current encoding
        ("002241B6098004FF15080084019F", "002241A4098004FF200800840181"),  # OpenSC ≤ 0.26
    ],
)
def test_security_environment_both_encodings(virtual_card, mse_sign: str, mse_auth: str) -> None:  # type: ignore[no-untyped-def]
    c = virtual_card("esteid2018")
    digest = bytes(range(48))
    with connected(c) as conn:
        tx(conn, MAIN)
        tx(conn, QSCD)
        assert tx(conn, "002241B6068001548401 81").sw == 0x6A88  # auth key is not in QSCD
        assert tx(conn, mse_sign).sw == 0x9000
        assert tx(conn, "002A9E9A30" + digest.hex() + "00").sw == 0x6982  # no VERIFY yet
        assert tx(conn, "002000850C" + pin(c.pin2)).sw == 0x9000
        assert tx(conn, "002A9E9A20" + bytes(32).hex() + "00").sw == 0x6700  # 48 bytes only
        r = tx(conn, "002A9E9A30" + digest.hex() + "00")
        assert r.sw == 0x9000 and len(r.data) == 96
        _verify_raw(c.issued.sign_cert, digest, r.data)
        # PIN2 is needed for every signature
        assert tx(conn, "002A9E9A30" + digest.hex() + "00").sw == 0x6982
        # authentication: ADF1, PIN1, INTERNAL AUTHENTICATE
        tx(conn, AWP)
        assert tx(conn, mse_auth).sw == 0x9000
        assert tx(conn, "002000010C" + pin(c.pin1)).sw == 0x9000
        r = tx(conn, "0088000030" + digest.hex() + "00")
        assert r.sw == 0x9000
        _verify_raw(c.issued.auth_cert, digest, r.data)
        # re-selecting the main AID logs out
        tx(conn, MAIN)
        tx(conn, AWP)
        tx(conn, mse_auth)
        assert tx(conn, "0088000030" + digest.hex() + "00").sw == 0x6982


def test_thales_protocol(virtual_card) -> None:  # type: ignore[no-untyped-def]
    c = virtual_card("esteid2025", pin2_activated=False)
    sign_der = c.issued.sign_cert.public_bytes(_der())
    digest = bytes(range(100, 148))
    with connected(c) as conn:
        assert tx(conn, THALES).sw == 0x9000
        r = tx(conn, "00A4080404ADF2342100")
        assert r.data[:4] == bytes.fromhex("62078102")  # size in tag 81
        assert int.from_bytes(r.data[4:6], "big") == len(sign_der)
        assert read_all(conn, len(sign_der), 256) == sign_der
        assert tx(conn, "00A4080C02DFDD").sw == 0x9000
        assert tx(conn, "00A4020C025007").sw == 0x9000
        assert tx(conn, "00B0000000").data == c.issued.holder.document_number.encode()
        info = tx(conn, "00CB00FF05A003830182 00")
        assert info.data == bytes.fromhex("A00B830182DF210103DF2F0100")  # 3 tries, initial PIN
        assert tx(conn, "002000820C" + pin(c.pin2, "00")).sw == 0x6985  # not activated
        assert tx(conn, "0024008218" + pin(c.pin2, "00") + pin("24680", "00")).sw == 0x9000
        assert tx(conn, "00CB00FF05A003830182 00").data[-1] == 0x01  # now activated
        assert tx(conn, "002000820C" + pin("24680", "00")).sw == 0x9000
        assert tx(conn, "002241B6068001548401 05").sw == 0x9000
        assert tx(conn, "002A90A020 9030" + bytes(30).hex()).sw == 0x6A80  # length mismatch
        assert tx(conn, "002A90A032 9030" + digest.hex()).sw == 0x9000
        r = tx(conn, "002A9E9A00")
        assert r.sw == 0x9000 and len(r.data) == 96
        _verify_raw(c.issued.sign_cert, digest, r.data)
        assert tx(conn, "002A90A032 9030" + digest.hex()).sw == 0x9000
        assert tx(conn, "002A9E9A00").sw == 0x6982  # PIN2 for every signature


def _der():  # type: ignore[no-untyped-def]
    from cryptography.hazmat.primitives.serialization import Encoding

    return Encoding.DER
