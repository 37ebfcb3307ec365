"""The app's card layer on every supported card type, over the real PC/SC stack: pre-flight,
signing, PIN tries, blocked / not-activated PINs, expired and revoked certificates, a card pulled
out mid-signature and a card swapped between reading the certificate and signing."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils

from clerk_app.card import CardSigner, open_signer, read_card_info
from clerk_app.card.revocation import CrlChecker
from clerk_app.core.keys import DigestSigner, KeyErrorCode, KeyHolderError
from clerk_testkit.vcard import READERS

KINDS = ["esteid2018", "esteid2018v2", "latvia", "latvia-v2", "esteid2025"]
TYPES = {
    "esteid2018": "EstEID 2018",
    "esteid2018v2": "EstEID 2018 v2",
    "latvia": "Latvian eID",
    "latvia-v2": "Latvian eID v2",
    "esteid2025": "EstEID 2025",
}
DIGEST = hashlib.sha384(b"archival certificate").digest()


def wrong(pin: str) -> str:
    return "9" * len(pin) if pin != "9" * len(pin) else "8" * len(pin)


def verify_ec(signer: CardSigner, digest: bytes, raw: bytes) -> None:
    key = signer.certificate.public_key()
    assert isinstance(key, ec.EllipticCurvePublicKey)
    r, s = int.from_bytes(raw[:48], "big"), int.from_bytes(raw[48:], "big")
    key.verify(utils.encode_dss_signature(r, s), digest, ec.ECDSA(utils.Prehashed(hashes.SHA384())))


@pytest.mark.parametrize("kind", KINDS)
def test_preflight_and_signature(virtual_card, kind: str) -> None:  # type: ignore[no-untyped-def]
    c = virtual_card(kind)
    info = read_card_info()
    holder = c.issued.holder
    assert info.card_type == TYPES[kind]
    assert info.reader == READERS[0]
    assert info.atr.replace(" ", "") == c.card.atr.hex().upper()
    assert info.surname == holder.surname and info.given_names == holder.given_name
    assert info.holder_name == f"{holder.given_name} {holder.surname}"
    assert info.personal_code == holder.personal_code and info.country == holder.country
    assert info.document_number == holder.document_number
    sc = info.signing_certificate
    assert sc.serial_number == f"{c.issued.sign_cert.serial_number:X}"
    assert (
        sc.status == "valid"
        and sc.days_left == (c.issued.sign_cert.not_valid_after_utc - datetime.now(UTC)).days
    )
    assert info.authentication_certificate.serial_number == f"{c.issued.auth_cert.serial_number:X}"
    assert {k: (p.tries_left, p.blocked) for k, p in info.pins.items()} == {
        "pin1": (3, False),
        "pin2": (3, False),
        "puk": (3, False),
    }
    assert info.ready_to_sign and info.problems == ()
    assert not any(line.startswith("0020") for line in c.card.log)  # pre-flight verifies nothing

    with open_signer() as signer:
        port: DigestSigner = signer  # the signing layer's port
        assert port.key_algorithm == "ec"
        assert port.signing_certificate() == c.issued.sign_cert.public_bytes(_der())
        raw = port.sign_digest(DIGEST, c.pin2)
        assert len(raw) == 96
        verify_ec(signer, DIGEST, raw)
        assert len(c.apdus(0x20)) == 1  # exactly one VERIFY per signature
    assert c.card.signatures == 1


@pytest.mark.parametrize("kind", ["esteid2018", "latvia-v2", "esteid2025"])
def test_wrong_pin_counts_down_then_blocks_and_puk_unblocks(virtual_card, kind: str) -> None:  # type: ignore[no-untyped-def]
    c = virtual_card(kind)
    bad = wrong(c.pin2)
    with open_signer() as signer:
        for left in (2, 1):
            with pytest.raises(KeyHolderError) as err:
                signer.sign_digest(DIGEST, bad)
            assert (err.value.code, err.value.tries_left) == (KeyErrorCode.WRONG_PIN, left)
            assert bad not in str(err.value) and bad not in repr(err.value)  # PIN never in messages
            assert signer.pin_status("pin2").tries_left == left
        with pytest.raises(KeyHolderError) as err:
            signer.sign_digest(DIGEST, bad)
        assert (err.value.code, err.value.tries_left) == (KeyErrorCode.PIN_BLOCKED, 0)
        verifies = len(c.apdus(0x20))
        # blocked: refused before any VERIFY, even with the right PIN
        with pytest.raises(KeyHolderError) as err:
            signer.sign_digest(DIGEST, c.pin2)
        assert err.value.code == KeyErrorCode.PIN_BLOCKED
        assert len(c.apdus(0x20)) == verifies
        assert signer.preflight().problems == (KeyErrorCode.PIN_BLOCKED,)
        new_pin2 = "13579" if kind != "latvia-v2" else "135791"
        signer.unblock_pin("pin2", c.puk, new_pin2)
        assert signer.pin_status("pin2").tries_left == 3
        verify_ec(signer, DIGEST, signer.sign_digest(DIGEST, new_pin2))
    assert c.card.signatures == 1


def test_pin_format_costs_no_try_and_pin_change(virtual_card) -> None:  # type: ignore[no-untyped-def]
    c = virtual_card("latvia")
    with open_signer() as signer:
        for bad in ("12345", "12a456", "1234567890123", ""):  # Latvian PIN2 is 6–12 digits
            with pytest.raises(KeyHolderError) as err:
                signer.sign_digest(DIGEST, bad)
            assert err.value.code == KeyErrorCode.PIN_FORMAT
        assert c.apdus(0x20) == [] and signer.pin_status("pin2").tries_left == 3
        with pytest.raises(ValueError):
            signer.sign_digest(hashlib.sha256(b"x").digest(), c.pin2)  # EC card: SHA-384 only
        signer.verify_pin("pin1", c.pin1)
        with pytest.raises(KeyHolderError) as err:
            signer.verify_pin("pin1", "0000")
        assert (err.value.code, err.value.tries_left) == (KeyErrorCode.WRONG_PIN, 2)
        signer.change_pin("pin2", c.pin2, "246810")
        with pytest.raises(KeyHolderError) as err:
            signer.sign_digest(DIGEST, c.pin2)
        assert (err.value.code, err.value.tries_left) == (KeyErrorCode.WRONG_PIN, 2)
        verify_ec(signer, DIGEST, signer.sign_digest(DIGEST, "246810"))


def test_latvian_rsa_card_and_pkcs15_key_references(virtual_card) -> None:  # type: ignore[no-untyped-def]
    c = virtual_card("latvia", rsa_keys=True)
    with open_signer() as signer:
        assert signer.key_algorithm == "rsa"
        digest = hashlib.sha256(b"Daugavpils").digest()
        raw = signer.sign_digest(digest, c.pin2)
        key = signer.certificate.public_key()
        assert isinstance(key, rsa.RSAPublicKey) and len(raw) == 256
        key.verify(raw, digest, padding.PKCS1v15(), utils.Prehashed(hashes.SHA256()))
    # slot 2 keys (9E) and certificate file 341E came from PKCS#15, not from a fixed table
    assert any("002241B606800142840" + "19E" in line for line in c.card.log)
    assert any(line.startswith("00A4020402341E") for line in c.card.log)


def test_latvian_slot1_card(virtual_card) -> None:  # type: ignore[no-untyped-def]
    c = virtual_card("latvia", latvian_slot=1)
    with open_signer() as signer:
        verify_ec(signer, DIGEST, signer.sign_digest(DIGEST, c.pin2))
    assert any("84019F" in line for line in c.card.log if line.startswith("002241B6"))


def test_thales_initial_pin2_must_be_changed(virtual_card) -> None:  # type: ignore[no-untyped-def]
    c = virtual_card("esteid2025", pin2_activated=False)
    info = read_card_info()
    assert info.problems == (KeyErrorCode.PIN_NOT_ACTIVATED,)
    assert not info.pin2.activated and info.pin2.tries_left == 3
    with open_signer() as signer:
        with pytest.raises(KeyHolderError) as err:
            signer.sign_digest(DIGEST, c.pin2)
        assert err.value.code == KeyErrorCode.PIN_NOT_ACTIVATED
        assert c.apdus(0x20) == []  # no VERIFY sent, no try spent
        signer.change_pin("pin2", c.pin2, "97531")
        verify_ec(signer, DIGEST, signer.sign_digest(DIGEST, "97531"))


def test_expired_certificate_is_refused_before_the_pin(virtual_card) -> None:  # type: ignore[no-untyped-def]
    c = virtual_card(
        "esteid2018", not_before=datetime.now(UTC) - timedelta(days=2000), valid_days=1825
    )
    info = read_card_info()
    assert info.signing_certificate.status == "expired"
    assert info.signing_certificate.days_left < 0
    assert info.problems == (KeyErrorCode.CERTIFICATE_EXPIRED,)
    with open_signer() as signer, pytest.raises(KeyHolderError) as err:
        signer.sign_digest(DIGEST, c.pin2)
    assert err.value.code == KeyErrorCode.CERTIFICATE_EXPIRED
    assert c.apdus(0x20) == [] and c.card.signatures == 0


def test_revoked_certificate_is_refused_before_the_pin(virtual_card, card_pki) -> None:  # type: ignore[no-untyped-def]
    c = virtual_card("esteid2018v2")
    card_pki.revoke(c.issued.sign_cert)
    checker = CrlChecker(card_pki.crl(), card_pki.intermediate.cert)
    info = read_card_info(revocation=checker)
    assert info.signing_certificate.status == "revoked"
    assert info.signing_certificate.revocation_checked
    assert info.problems == (KeyErrorCode.CERTIFICATE_REVOKED,)
    assert read_card_info().signing_certificate.revocation_checked is False  # no checker
    with open_signer(revocation=checker) as signer, pytest.raises(KeyHolderError) as err:
        signer.sign_digest(DIGEST, c.pin2)
    assert err.value.code == KeyErrorCode.CERTIFICATE_REVOKED
    assert c.apdus(0x20) == [] and c.card.signatures == 0
    with pytest.raises(ValueError):
        CrlChecker(card_pki.crl(), card_pki.root.cert)  # a CRL not signed by that issuer


@pytest.mark.parametrize("kind", ["esteid2018", "esteid2025"])
def test_card_removed_mid_signature_leaves_nothing_half_done(virtual_card, kind: str) -> None:  # type: ignore[no-untyped-def]
    c = virtual_card(kind)
    signer = open_signer()
    c.link.drop_on_next_signature()
    with pytest.raises(KeyHolderError) as err:
        signer.sign_digest(DIGEST, c.pin2)
    assert err.value.code == KeyErrorCode.CARD_REMOVED
    assert c.link.dropped.is_set() and c.card.signatures == 0
    # the old connection stays dead even when the card comes back: no silent reconnect
    c.reinsert()
    with pytest.raises(KeyHolderError) as err:
        signer.sign_digest(DIGEST, c.pin2)
    assert err.value.code == KeyErrorCode.CARD_REMOVED
    signer.close()
    # the PIN was right and the card kept its tries; a new signer signs once
    assert read_card_info().pin2.tries_left == 3
    with open_signer() as again:
        verify_ec(again, DIGEST, again.sign_digest(DIGEST, c.pin2))
    assert c.card.signatures == 1


def test_card_swapped_between_certificate_and_signature(virtual_card) -> None:  # type: ignore[no-untyped-def]
    first = virtual_card("esteid2018")
    signer = open_signer()
    first.remove()
    second = virtual_card("esteid2018")  # same type, another holder's keys
    with pytest.raises(KeyHolderError) as err:
        signer.sign_digest(DIGEST, first.pin2)
    assert err.value.code == KeyErrorCode.CARD_REMOVED
    with pytest.raises(KeyHolderError) as err:
        signer.preflight()
    assert err.value.code == KeyErrorCode.CARD_REMOVED
    signer.close()
    assert second.card.log == [] or second.apdus(0x20) == []  # nothing reached the new card
    assert second.card.pins[0x85].tries_left == 3 and second.card.signatures == 0


def test_reader_choice(virtual_card) -> None:  # type: ignore[no-untyped-def]
    lv = virtual_card("latvia", reader=READERS[1])
    assert read_card_info().card_type == "Latvian eID"  # the only reader with a card
    ee = virtual_card("esteid2025", reader=READERS[0])
    assert read_card_info(READERS[1]).document_number == lv.issued.holder.document_number
    assert read_card_info(READERS[0]).document_number == ee.issued.holder.document_number
    assert read_card_info().reader == READERS[0]  # the first reader with a supported card
    with pytest.raises(KeyHolderError) as err:
        read_card_info("No Such Reader 00 00")
    assert err.value.code == KeyErrorCode.NO_READER


def test_no_card_and_unknown_card(virtual_card) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(KeyHolderError) as err:
        read_card_info()
    assert err.value.code == KeyErrorCode.NO_CARD
    from clerk_testkit.vcard.card import VirtualCard

    class Unknown(VirtualCard):
        atr = bytes.fromhex("3B8F8001804F0CA000000306030001000000006A")  # a storage card

    virtual_card(card=Unknown())
    with pytest.raises(KeyHolderError) as err:
        open_signer()
    assert err.value.code == KeyErrorCode.UNKNOWN_CARD
    assert "3B 8F 80 01" in err.value.detail


def _der():  # type: ignore[no-untyped-def]
    from cryptography.hazmat.primitives.serialization import Encoding

    return Encoding.DER


def test_card_answering_6983_on_the_blocking_try(virtual_card) -> None:  # type: ignore[no-untyped-def]
    c = virtual_card("esteid2018")
    c.card.blocking_try_sw = 0x6983
    with open_signer() as signer:
        for left in (2, 1):
            with pytest.raises(KeyHolderError) as err:
                signer.sign_digest(DIGEST, "99999")
            assert err.value.tries_left == left
        with pytest.raises(KeyHolderError) as err:
            signer.sign_digest(DIGEST, "99999")
        assert (err.value.code, err.value.tries_left) == (KeyErrorCode.PIN_BLOCKED, 0)


def test_the_pin_is_not_kept(virtual_card) -> None:  # type: ignore[no-untyped-def]
    c = virtual_card("esteid2018")
    with open_signer() as signer:
        signer.sign_digest(DIGEST, c.pin2)
        kept = repr(vars(signer)) + repr(vars(signer.profile)) + repr(vars(signer._conn))
        assert c.pin2 not in kept and c.pin2.encode().hex() not in kept


def test_sign_from_a_worker_thread(virtual_card) -> None:  # type: ignore[no-untyped-def]
    """pyHanko calls sign_digest through asyncio.to_thread: another thread than the opener's."""
    import asyncio

    c = virtual_card("esteid2025")
    with open_signer() as signer:
        raw = asyncio.run(asyncio.to_thread(signer.sign_digest, DIGEST, c.pin2))
        verify_ec(signer, DIGEST, raw)
