"""Unit tests of the pure parts of the card layer: APDU encoding, status-word mapping, BER-TLV,
FCP sizes, PKCS#15 directory parsing. (The behaviour on cards is tested on the real stack.)"""

from __future__ import annotations

import pytest

from clerk_app.card import apdu
from clerk_app.card.detect import KNOWN_ATRS, profile_for
from clerk_app.card.profiles.latvia import parse_cdf, parse_od, parse_prkdf
from clerk_app.core.keys import KeyErrorCode, KeyHolderError


def test_command_encoding() -> None:
    assert apdu.command(0xA4, 0x04, 0x0C, b"\x01\x02").hex() == "00a4040c020102"
    assert apdu.command(0xB0, 0x01, 0x02, le=256).hex() == "00b0010200"
    assert apdu.read_binary(0x1D2, 0xC0).hex() == "00b001d2c0"
    assert apdu.command(0x2A, 0x9E, 0x9A, bytes(48), le=256)[-1] == 0x00
    with pytest.raises(ValueError):
        apdu.command(0xD6, 0, 0, bytes(256))
    assert apdu.pin_block("1234", 0xFF).hex() == "31323334" + "ff" * 8
    assert apdu.pin_block("12345", 0x00).hex() == "3132333435" + "00" * 7


@pytest.mark.parametrize(
    ("sw", "code", "tries"),
    [
        (0x63C2, KeyErrorCode.WRONG_PIN, 2),
        (0x63C1, KeyErrorCode.WRONG_PIN, 1),
        (0x63C0, KeyErrorCode.PIN_BLOCKED, 0),
        (0x6983, KeyErrorCode.PIN_BLOCKED, 0),
        (0x6984, KeyErrorCode.PIN_BLOCKED, 0),
        (0x6700, KeyErrorCode.PIN_FORMAT, None),
        (0x6A80, KeyErrorCode.PIN_FORMAT, None),
        (0x6401, KeyErrorCode.CARD_ERROR, None),
        (0x6A88, KeyErrorCode.CARD_ERROR, None),
    ],
)
def test_pin_status_words(sw: int, code: KeyErrorCode, tries: int | None) -> None:
    err = apdu.pin_error(sw, "verify pin2")
    assert (err.code, err.tries_left) == (code, tries)
    assert f"{sw:04X}" in err.detail


def test_not_activated_only_where_the_profile_says_so() -> None:
    assert apdu.pin_error(0x6985, "verify", 0x6985).code == KeyErrorCode.PIN_NOT_ACTIVATED
    assert apdu.pin_error(0x6985, "verify").code == KeyErrorCode.CARD_ERROR


def test_pin_format_check() -> None:
    apdu.check_pin_format("12345", 5, 12, "PIN2")
    for bad in ("1234", "1234567890123", "12a45", "١٢٣٤٥", ""):  # Arabic-Indic digits too
        with pytest.raises(KeyHolderError) as err:
            apdu.check_pin_format(bad, 5, 12, "PIN2")
        assert err.value.code == KeyErrorCode.PIN_FORMAT


def test_tlv_and_fcp() -> None:
    info = bytes.fromhex("701EBF81011AA0189A01039B0102A1108C06F300007343009C06F30000734300")
    assert apdu.tlv_find(info, 0x70, 0xBF8101, 0xA0, 0x9B) == b"\x02"
    thales = bytes.fromhex("A00B830182DF210101DF2F0100")
    assert apdu.tlv_find(thales, 0xA0, 0xDF21) == b"\x01"
    assert apdu.tlv_find(thales, 0xA0, 0xDF2F) == b"\x00"
    assert apdu.fcp_size(bytes.fromhex("62048002069E")) == 0x69E
    assert apdu.fcp_size(bytes.fromhex("62078102069E820101")) == 0x69E
    long = b"\x04\x82\x01\x00" + bytes(256)
    assert apdu.tlv_find(long, 0x04) == bytes(256)
    with pytest.raises(ValueError):
        apdu.tlv_items(b"\x04\x05\x01")
    with pytest.raises(KeyHolderError):
        apdu.fcp_size(b"\x6f\x00")


def test_pkcs15_directories() -> None:
    od = bytes.fromhex("A0063004040270 04 A4063004040270 05".replace(" ", ""))
    assert parse_od(od) == (b"\x70\x04", b"\x70\x05")
    # assemble a CDF entry with a path 3F00 ADF2 341E
    path = bytes.fromhex("3F00ADF2341E")
    entry = (
        bytes.fromhex("300A0C08") + b"Sign crt"
        + bytes.fromhex("3003040102")
        + bytes([0xA1, 6 + len(path), 0x30, 4 + len(path), 0x30, 2 + len(path)])
        + bytes([0x04, len(path)]) + path
    )  # fmt: skip
    cdf = bytes([0x30, len(entry)]) + entry
    assert parse_cdf(cdf) == (b"\x02", b"\x34\x1e")
    key = (
        bytes.fromhex("3006 0C04 4B657931".replace(" ", ""))
        + bytes.fromhex("300B 040102 03020640 02020 09E".replace(" ", ""))
    )  # fmt: skip
    prkdf_ec = bytes([0xA0, len(key)]) + key
    prkdf_rsa = bytes([0x30, len(key)]) + key
    assert parse_prkdf(prkdf_ec, b"\x02") == (0x9E, "ec")
    assert parse_prkdf(prkdf_rsa, b"\x02") == (0x9E, "rsa")
    with pytest.raises(KeyHolderError):
        parse_prkdf(b"", b"\x02")


def test_every_known_atr_has_a_profile() -> None:
    types = {known.card_type for known in KNOWN_ATRS.values()}
    assert types == {
        "EstEID 2018",
        "EstEID 2018 v2",
        "Latvian eID",
        "Latvian eID v2",
        "EstEID 2025",
    }
    with pytest.raises(KeyHolderError) as err:
        profile_for(bytes.fromhex("3B8F8001804F0CA000000306030001000000006A"))
    assert err.value.code == KeyErrorCode.UNKNOWN_CARD
