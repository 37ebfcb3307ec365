"""A software stand-in for an ID card's authentication key (PIN1), for sign-in tests.

It behaves like the card as the app sees it through the AuthenticationKey port: the
certificate is readable without a PIN, a wrong PIN1 costs a try and reports the tries left,
three wrong tries block it, and the answer is r || s over the 48-byte challenge. The real-card
path (pcscd + the virtual card) is tested separately once the card layer provides it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, utils

from clerk_app.core.keys import KeyErrorCode, KeyHolderError
from clerk_testkit.pki import Issued, TestPki, new_key


@dataclass
class SoftAuthKey:
    certificate: Issued
    key: ec.EllipticCurvePrivateKey
    pin1: str = "1234"
    tries_left: int = 3
    calls: list[bytes] = field(default_factory=list)

    @classmethod
    def issue(cls, pki: TestPki, pin1: str = "1234", **person: object) -> SoftAuthKey:
        key = new_key()
        auth, _sign = pki.person_certificates(
            key.public_key(),
            new_key().public_key(),
            **person,  # type: ignore[arg-type]
        )
        return cls(auth, key, pin1)

    def authentication_certificate(self) -> bytes:
        return self.certificate.der

    def authenticate(self, challenge: bytes, pin: str) -> bytes:
        if not (pin.isdigit() and 4 <= len(pin) <= 12):
            raise KeyHolderError(KeyErrorCode.PIN_FORMAT)
        if self.tries_left == 0:
            raise KeyHolderError(KeyErrorCode.PIN_BLOCKED, tries_left=0)
        if pin != self.pin1:
            self.tries_left -= 1
            if self.tries_left == 0:
                raise KeyHolderError(KeyErrorCode.PIN_BLOCKED, tries_left=0)
            raise KeyHolderError(KeyErrorCode.WRONG_PIN, tries_left=self.tries_left)
        self.tries_left = 3
        if len(challenge) != 48:
            raise KeyHolderError(KeyErrorCode.CARD_ERROR, "input must be 48 bytes")
        self.calls.append(challenge)
        der = self.key.sign(challenge, ec.ECDSA(utils.Prehashed(hashes.SHA384())))
        r, s = utils.decode_dss_signature(der)
        return r.to_bytes(48, "big") + s.to_bytes(48, "big")
