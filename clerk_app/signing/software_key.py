"""A `DigestSigner` over a private key file: for admins without a card, tests and benchmarks.

It behaves like the card where it matters to the signing layer: it signs a ready digest and
returns raw r||s for EC keys. An encrypted PEM key takes the PIN as its password, so a wrong
PIN fails like the card's (without a try counter).
"""

from __future__ import annotations

from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils

from clerk_app.core.keys import KeyAlgorithm, KeyErrorCode, KeyHolderError

_PREHASH = {32: hashes.SHA256(), 48: hashes.SHA384(), 64: hashes.SHA512()}


class SoftwareKeySigner:
    def __init__(self, key_pem: bytes, cert_der_or_pem: bytes, *, encrypted: bool = False) -> None:
        self._key_pem = key_pem
        self._encrypted = encrypted
        self.needs_pin = encrypted  # an unencrypted key file has no PIN to ask for
        if cert_der_or_pem.lstrip().startswith(b"-----BEGIN"):
            cert = x509.load_pem_x509_certificate(cert_der_or_pem)
        else:
            cert = x509.load_der_x509_certificate(cert_der_or_pem)
        self._cert_der = cert.public_bytes(serialization.Encoding.DER)
        pub = cert.public_key()
        self.key_algorithm: KeyAlgorithm = (
            "ec" if isinstance(pub, ec.EllipticCurvePublicKey) else "rsa"
        )
        self._key = None if encrypted else self._load(None)
        self.calls = 0

    @classmethod
    def from_files(cls, key: Path, cert: Path) -> SoftwareKeySigner:
        key_pem = key.read_bytes()
        return cls(key_pem, cert.read_bytes(), encrypted=b"ENCRYPTED" in key_pem)

    def _load(self, password: str | None):  # type: ignore[no-untyped-def]
        try:
            return serialization.load_pem_private_key(
                self._key_pem, password.encode() if password is not None else None
            )
        except (ValueError, TypeError) as exc:
            if self._encrypted:
                raise KeyHolderError(KeyErrorCode.WRONG_PIN, "key password") from exc
            raise KeyHolderError(KeyErrorCode.TOKEN_ERROR, str(exc)) from exc

    def signing_certificate(self) -> bytes:
        return self._cert_der

    def sign_digest(self, digest: bytes, pin: str) -> bytes:
        self.calls += 1
        key = self._load(pin) if self._encrypted else self._key
        if digest.__len__() not in _PREHASH:
            raise KeyHolderError(KeyErrorCode.TOKEN_ERROR, f"digest length {len(digest)}")
        algo = utils.Prehashed(_PREHASH[len(digest)])
        if isinstance(key, ec.EllipticCurvePrivateKey):
            der = key.sign(digest, ec.ECDSA(algo))
            r, s = utils.decode_dss_signature(der)
            n = (key.curve.key_size + 7) // 8
            return r.to_bytes(n, "big") + s.to_bytes(n, "big")
        if isinstance(key, rsa.RSAPrivateKey):
            return key.sign(digest, padding.PKCS1v15(), algo)
        raise KeyHolderError(KeyErrorCode.TOKEN_ERROR, f"unsupported key {type(key).__name__}")
