"""Signed receipts: the receiving server's proof that a message with this content arrived.

Format (docs/exchange-protocol-v1.md §Receipt): a detached ECDSA signature, JWS-style
(`ES256`/`ES384`/`ES512`, r‖s, base64url without padding), over the canonical JSON of the
`receipt` object, plus the signing certificate chain. Chosen over JWS/COSE because the signed
bytes are the same canonical JSON the receipt shows, and the verifier needs nothing beyond
`cryptography`.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)
from pydantic import ValidationError

from clerk_app.exchange.canonical import canonical_json
from clerk_app.exchange.certs import chains_to, der, load_pem_bundle
from clerk_app.exchange.protocol import ReceiptBody, SignedReceipt

_ALGS: dict[str, tuple[type[hashes.HashAlgorithm], int]] = {
    "secp256r1": (hashes.SHA256, 32),
    "secp384r1": (hashes.SHA384, 48),
    "secp521r1": (hashes.SHA512, 66),
}
_ALG_NAMES = {"secp256r1": "ES256", "secp384r1": "ES384", "secp521r1": "ES512"}
_ALG_CURVES = {v: k for k, v in _ALG_NAMES.items()}


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def utc_stamp(at: datetime) -> str:
    """RFC 3339 in UTC with microseconds: one spelling, so the signed bytes never vary."""
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class ReceiptSigner:
    """The server's receipt key: an EC private key and its certificate chain (leaf first)."""

    def __init__(self, key: ec.EllipticCurvePrivateKey, chain: Sequence[x509.Certificate]) -> None:
        curve = key.curve.name
        if curve not in _ALGS:
            raise ValueError(f"receipt key: curve {curve} not supported (use P-256/384/521)")
        if not chain or chain[0].public_key() != key.public_key():
            raise ValueError("receipt certificate does not match the receipt key")
        self._key = key
        self._hash, self._size = _ALGS[curve]
        self.alg = _ALG_NAMES[curve]
        self.chain = list(chain)
        self._certs_b64 = [base64.b64encode(der(c)).decode("ascii") for c in chain]

    @classmethod
    def from_files(cls, key_file: Path, cert_file: Path) -> ReceiptSigner:
        key = serialization.load_pem_private_key(key_file.read_bytes(), password=None)
        if not isinstance(key, ec.EllipticCurvePrivateKey):
            raise ValueError(f"{key_file}: the receipt key must be an EC key")
        return cls(key, load_pem_bundle(cert_file.read_bytes(), str(cert_file)))

    def sign(self, body: ReceiptBody) -> SignedReceipt:
        payload = canonical_json(body.model_dump(mode="json", exclude_none=True))
        r, s = decode_dss_signature(self._key.sign(payload, ec.ECDSA(self._hash())))
        raw = r.to_bytes(self._size, "big") + s.to_bytes(self._size, "big")
        return SignedReceipt.model_validate(
            {
                "receipt": body.model_dump(mode="json", exclude_none=True),
                "signature": {"alg": self.alg, "value": b64url(raw)},
                "certificates": self._certs_b64,
            }
        )


@dataclass(frozen=True)
class ReceiptCheck:
    valid: bool
    code: str  # "valid", "malformed", "bad_signature", "untrusted", "mismatch"
    detail: str = ""
    receipt: ReceiptBody | None = None
    signer: str | None = None


def verify_receipt(
    raw: dict[str, Any] | str,
    *,
    trust_roots: Sequence[x509.Certificate],
    message_id: UUID,
    sender: str,
    receiver: str,
    document_sha256: str | None,
    envelope_sha256: str | None = None,
) -> ReceiptCheck:
    """Check a receipt as received (dict or JSON text) against what we sent and whom we trust.

    The signature is checked over the canonical JSON of the receipt object exactly as it came,
    not over a re-serialised model, so any byte the server signed is what we check.
    """
    try:
        obj = json.loads(raw) if isinstance(raw, str) else raw
        parsed = SignedReceipt.model_validate(obj)
        body_raw = obj["receipt"]
        certs = [
            x509.load_der_x509_certificate(base64.b64decode(c, validate=True))
            for c in parsed.certificates
        ]
        sig = b64url_decode(parsed.signature.value)
    except (ValueError, ValidationError, KeyError, TypeError, binascii.Error) as exc:
        return ReceiptCheck(False, "malformed", f"receipt unreadable: {exc}")
    leaf = certs[0]
    body = parsed.receipt
    pub = leaf.public_key()
    curve = _ALG_CURVES[parsed.signature.alg]
    if not isinstance(pub, ec.EllipticCurvePublicKey) or pub.curve.name != curve:
        return ReceiptCheck(False, "bad_signature", "signature algorithm does not fit the key")
    hash_cls, size = _ALGS[curve]
    if len(sig) != 2 * size:
        return ReceiptCheck(False, "bad_signature", "signature has the wrong length")
    try:
        der_sig = encode_dss_signature(
            int.from_bytes(sig[:size], "big"), int.from_bytes(sig[size:], "big")
        )
        pub.verify(der_sig, canonical_json(body_raw), ec.ECDSA(hash_cls()))
    except (InvalidSignature, TypeError, ValueError):
        return ReceiptCheck(False, "bad_signature", "receipt signature does not verify")
    try:
        at = datetime.fromisoformat(body.received_at.replace("Z", "+00:00"))
    except ValueError:
        return ReceiptCheck(False, "malformed", "received_at is not an RFC 3339 time")
    ok, why = chains_to(leaf, certs[1:], trust_roots, at=at)
    if not ok:
        return ReceiptCheck(False, "untrusted", f"receipt certificate: {why}")
    expected = {
        "message_id": (body.message_id, message_id),
        "sender": (body.sender, sender),
        "receiver": (body.receiver, receiver),
        "document_sha256": (body.document_sha256, document_sha256),
    }
    if envelope_sha256 is not None:
        expected["envelope_sha256"] = (body.envelope_sha256, envelope_sha256)
    for name, (got, want) in expected.items():
        if got != want:
            return ReceiptCheck(False, "mismatch", f"receipt {name} is {got}, expected {want}")
    return ReceiptCheck(True, "valid", "", body, leaf.subject.rfc4514_string())
