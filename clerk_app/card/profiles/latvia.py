"""Latvian eID (IDEMIA, same applet family as EstEID 2018; reference/id-card.md §4).

Certificate files and key references differ between cards, so they are read per card from the
PKCS#15 files of each application: EF.OD (5031) points with tag A4 to the certificate directory
(CDF) and with tag A0 to the private-key directory (PrKDF); the CDF names the certificate file,
the PrKDF entry with the same iD gives the key reference, and its tag says the algorithm
(A0 = EC, otherwise RSA). RSA-2048 cards sign a bare SHA-256 hash with MSE algorithm 42.
PIN2 is 6–12 digits.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from clerk_app.card import apdu
from clerk_app.card.profiles.base import CertKind, PinKind, Transport
from clerk_app.card.profiles.idemia import EC_AUTH_ALG, EC_SIGN_ALG, RSA_AUTH_ALG, IdemiaProfile
from clerk_app.core.keys import KeyErrorCode, KeyHolderError

RSA_SIGN_ALG = 0x42


@dataclass(frozen=True)
class KeyObject:
    cert_fid: bytes
    key_ref: int
    algorithm: str  # "ec" or "rsa"


def _fid(path: bytes | None, what: str) -> bytes:
    if not path or len(path) < 2 or len(path) % 2:
        raise KeyHolderError(KeyErrorCode.CARD_ERROR, f"PKCS#15: no path for {what}")
    return path[-2:]


def parse_od(od: bytes) -> tuple[bytes, bytes]:
    """(PrKDF FID, CDF FID) from EF.OD."""
    prkdf = apdu.tlv_find(od, 0xA0, 0x30, 0x04)
    cdf = apdu.tlv_find(od, 0xA4, 0x30, 0x04)
    return _fid(prkdf, "PrKDF"), _fid(cdf, "CDF")


def parse_cdf(cdf: bytes) -> tuple[bytes, bytes]:
    """(iD, certificate FID) of the first X.509 certificate in a CDF."""
    for tag, entry in apdu.tlv_items(cdf):
        if tag != 0x30:
            continue
        parts = apdu.tlv_items(entry)
        if len(parts) < 3:
            continue
        cert_id = apdu.tlv_find(parts[1][1], 0x04) or b""
        attrs = next((v for t, v in parts if t == 0xA1), None)
        path = apdu.tlv_find(attrs, 0x30, 0x30, 0x04) if attrs is not None else None
        return cert_id, _fid(path, "certificate")
    raise KeyHolderError(KeyErrorCode.CARD_ERROR, "PKCS#15: no certificate in CDF")


def parse_prkdf(prkdf: bytes, cert_id: bytes) -> tuple[int, str]:
    """(key reference, "ec"/"rsa") of the key whose iD matches the certificate's."""
    found: list[tuple[bytes, int, str]] = []
    for tag, entry in apdu.tlv_items(prkdf):
        parts = apdu.tlv_items(entry)
        if len(parts) < 2:
            continue
        common_key = parts[1][1]
        key_id = apdu.tlv_find(common_key, 0x04) or b""
        ref = apdu.tlv_find(common_key, 0x02)
        if not ref:
            continue
        found.append((key_id, int.from_bytes(ref, "big"), "ec" if tag == 0xA0 else "rsa"))
    for key_id, ref, algorithm in found:
        if key_id == cert_id:
            return ref, algorithm
    if found:
        return found[0][1], found[0][2]
    raise KeyHolderError(KeyErrorCode.CARD_ERROR, "PKCS#15: no private key in PrKDF")


class LatviaProfile(IdemiaProfile):
    pin_lengths: ClassVar[dict[PinKind, tuple[int, int]]] = {
        "pin1": (4, 12),
        "pin2": (6, 12),
        "puk": (8, 12),
    }

    def __init__(self, card_type: str) -> None:
        super().__init__(card_type)
        self._objects: dict[CertKind, KeyObject] = {}

    def _read_ef(self, t: Transport, fid: bytes, what: str) -> bytes:
        fcp = t.transmit(apdu.select(0x02, 0x04, fid, le=256)).require(f"select {what}")
        return self.read_file(t, apdu.fcp_size(fcp), f"read {what}")

    def resolve(self, t: Transport, which: CertKind) -> KeyObject:
        if which in self._objects:
            return self._objects[which]
        self.select_main(t)
        self.select_app(t, which)
        prkdf_fid, cdf_fid = parse_od(self._read_ef(t, b"\x50\x31", "EF.OD"))
        cert_id, cert_fid = parse_cdf(self._read_ef(t, cdf_fid, "CDF"))
        key_ref, algorithm = parse_prkdf(self._read_ef(t, prkdf_fid, "PrKDF"), cert_id)
        obj = KeyObject(cert_fid, key_ref, algorithm)
        self._objects[which] = obj
        if which == "sign":
            self.key_algorithm = "ec" if algorithm == "ec" else "rsa"
        return obj

    def read_certificate(self, t: Transport, which: CertKind) -> bytes:
        obj = self.resolve(t, which)
        self.select_main(t)
        self.select_app(t, which)
        return self._read_ef(t, obj.cert_fid, f"{which} certificate")

    def auth_key(self, t: Transport) -> tuple[int, int]:
        obj = self.resolve(t, "auth")
        return obj.key_ref, EC_AUTH_ALG if obj.algorithm == "ec" else RSA_AUTH_ALG

    def sign_key(self, t: Transport) -> tuple[int, int]:
        obj = self.resolve(t, "sign")
        return obj.key_ref, EC_SIGN_ALG if obj.algorithm == "ec" else RSA_SIGN_ALG
