"""Card-side building blocks of the virtual ID cards: command parsing, status words, PINs, files.

Written independently of `clerk_app.card` (no shared code) so the driver and the emulator
cannot share a bug and agree with each other while both being wrong; OpenSC checks the
emulator from a third side.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils

CardPrivateKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey

# Status words (reference/id-card.md §5)
OK = 0x9000
END_REACHED = 0x6282
WRONG_LENGTH = 0x6700
SECURITY_NOT_SATISFIED = 0x6982
PIN_BLOCKED = 0x6983
DATA_NOT_USABLE = 0x6984
CONDITIONS_NOT_SATISFIED = 0x6985
NO_CURRENT_EF = 0x6986
WRONG_DATA = 0x6A80
FUNCTION_NOT_SUPPORTED = 0x6A81
FILE_NOT_FOUND = 0x6A82
WRONG_P1P2 = 0x6A86
REF_NOT_FOUND = 0x6A88
WRONG_OFFSET = 0x6B00
INS_NOT_SUPPORTED = 0x6D00
CLA_NOT_SUPPORTED = 0x6E00


class CardStatus(Exception):
    """Ends a command with a status word (and no data)."""

    def __init__(self, sw: int) -> None:
        super().__init__(f"{sw:04X}")
        self.sw = sw


@dataclass(frozen=True)
class Command:
    """A short command APDU (ISO 7816-4 cases 1–4); `le` is None when absent, 256 for Le=00."""

    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes
    le: int | None

    @classmethod
    def parse(cls, raw: bytes) -> Command:
        if len(raw) < 4:
            raise CardStatus(WRONG_LENGTH)
        cla, ins, p1, p2 = raw[:4]
        body = raw[4:]
        if not body:
            return cls(cla, ins, p1, p2, b"", None)
        if len(body) == 1:
            return cls(cla, ins, p1, p2, b"", body[0] or 256)
        lc = body[0]
        if lc == 0:  # extended length: real cards here speak short APDUs only
            raise CardStatus(WRONG_LENGTH)
        if len(body) == 1 + lc:
            return cls(cla, ins, p1, p2, bytes(body[1:]), None)
        if len(body) == 2 + lc:
            return cls(cla, ins, p1, p2, bytes(body[1 : 1 + lc]), body[-1] or 256)
        raise CardStatus(WRONG_LENGTH)


def tlv(tag: int, value: bytes) -> bytes:
    """BER-TLV with a 1- or 2-byte tag."""
    t = tag.to_bytes(2, "big") if tag > 0xFF else bytes([tag])
    n = len(value)
    if n < 0x80:
        length = bytes([n])
    elif n <= 0xFF:
        length = bytes([0x81, n])
    else:
        length = bytes([0x82]) + n.to_bytes(2, "big")
    return t + length + value


@dataclass
class Pin:
    """A PIN with a tries counter; `activated=False` is Thales' "initial PIN, change it first"."""

    value: str
    min_len: int
    max_len: int = 12
    max_tries: int = 3
    tries_left: int = 3
    activated: bool = True

    @property
    def blocked(self) -> bool:
        return self.tries_left == 0


@dataclass
class EF:
    fid: bytes
    content: bytes


@dataclass
class DF:
    fid: bytes
    aid: bytes | None = None
    children: dict[bytes, DF | EF] = field(default_factory=dict)
    parent: DF | None = None

    def add(self, node: DF | EF) -> DF | EF:
        self.children[node.fid] = node
        if isinstance(node, DF):
            node.parent = self
        return node

    def find_aid(self, aid: bytes) -> DF | None:
        if self.aid == aid:
            return self
        for child in self.children.values():
            if isinstance(child, DF) and (hit := child.find_aid(aid)) is not None:
                return hit
        return None


def ec_sign_raw(key: ec.EllipticCurvePrivateKey, digest: bytes) -> bytes:
    """ECDSA over a ready digest, answered as r || s (each the curve size, big-endian)."""
    size = (key.curve.key_size + 7) // 8
    der = key.sign(digest, ec.ECDSA(utils.Prehashed(_hash_for(len(digest)))))
    r, s = utils.decode_dss_signature(der)
    return r.to_bytes(size, "big") + s.to_bytes(size, "big")


def _hash_for(n: int) -> hashes.HashAlgorithm:
    # Prehashed only needs the length to match; the card signs whatever 48 bytes it is given.
    return {28: hashes.SHA224(), 32: hashes.SHA256(), 48: hashes.SHA384(), 64: hashes.SHA512()}[n]


_DIGEST_INFO = {  # DER prefix of DigestInfo per hash (RFC 8017 §9.2 note 1)
    "sha256": bytes.fromhex("3031300d060960864801650304020105000420"),
    "sha384": bytes.fromhex("3041300d060960864801650304020205000430"),
    "sha512": bytes.fromhex("3051300d060960864801650304020305000440"),
}


def rsa_sign_digest_info(key: rsa.RSAPrivateKey, digest_info: bytes) -> bytes:
    """PKCS#1 v1.5 over a DigestInfo (INTERNAL AUTHENTICATE input on RSA cards)."""
    algos = {"sha256": hashes.SHA256(), "sha384": hashes.SHA384(), "sha512": hashes.SHA512()}
    for name, prefix in _DIGEST_INFO.items():
        digest = digest_info[len(prefix) :]
        if digest_info.startswith(prefix) and len(digest) == algos[name].digest_size:
            return key.sign(digest, padding.PKCS1v15(), utils.Prehashed(algos[name]))
    raise CardStatus(WRONG_DATA)


def rsa_sign_sha256(key: rsa.RSAPrivateKey, digest: bytes) -> bytes:
    """PKCS#1 v1.5 over a bare SHA-256 hash (PSO:CDS with algorithm 42 on RSA cards)."""
    if len(digest) != 32:
        raise CardStatus(WRONG_LENGTH)
    return key.sign(digest, padding.PKCS1v15(), utils.Prehashed(hashes.SHA256()))


ApduHook = Callable[[Command], str | None]
