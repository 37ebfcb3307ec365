"""Build a virtual card of any supported kind with fresh keys and certificates from a TestPki."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from clerk_testkit.pki import TestPki
from clerk_testkit.vcard.card import VirtualCard
from clerk_testkit.vcard.idemia import IdemiaCard
from clerk_testkit.vcard.thales import ThalesCard

KINDS = ("esteid2018", "esteid2018v2", "latvia", "latvia-v2", "esteid2025")


@dataclass
class Holder:
    surname: str = "JÕEORG"
    given_name: str = "JAAK-KRISTJAN"
    personal_code: str = "38001085718"
    country: str = "EE"
    birth_date: str = "08 01 1980"
    document_number: str = field(default_factory=lambda: "AS" + f"{secrets.randbelow(10**7):07d}")


LATVIAN = Holder(surname="BĒRZIŅŠ", given_name="JĀNIS", personal_code="210860-10528", country="LV")


@dataclass
class IssuedCard:
    """A virtual card and what a test needs to check its answers."""

    card: VirtualCard
    auth_cert: x509.Certificate
    sign_cert: x509.Certificate
    holder: Holder
    pin1: str
    pin2: str
    puk: str


def make_card(
    kind: str,
    pki: TestPki,
    *,
    holder: Holder | None = None,
    pin1: str = "1234",
    pin2: str | None = None,
    puk: str = "12345678",
    valid_days: int = 1825,
    not_before: datetime | None = None,
    rsa_keys: bool = False,
    pin2_activated: bool = True,
    latvian_slot: int = 2,
) -> IssuedCard:
    """A card of `kind` (see KINDS) holding new P-384 keys (RSA-2048 for `rsa_keys`, Latvian
    only) with certificates issued by `pki`; `valid_days`/`not_before` make it expired."""
    if kind not in KINDS:
        raise ValueError(f"unknown card kind {kind!r}; one of {', '.join(KINDS)}")
    latvian = kind.startswith("latvia")
    if rsa_keys and not latvian:
        raise ValueError("only Latvian cards carry RSA keys")
    holder = holder or (
        Holder(**{**LATVIAN.__dict__, "document_number": Holder().document_number})
        if latvian
        else Holder()
    )
    pin2 = pin2 or ("123456" if latvian else "12345")

    def new_key() -> ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey:
        if rsa_keys:
            return rsa.generate_private_key(public_exponent=65537, key_size=2048)
        return ec.generate_private_key(ec.SECP384R1())

    auth_key, sign_key = new_key(), new_key()
    auth, sign = pki.person_certificates(
        auth_key.public_key(),  # type: ignore[arg-type]
        sign_key.public_key(),  # type: ignore[arg-type]
        surname=holder.surname,
        given_name=holder.given_name,
        personal_code=holder.personal_code,
        country=holder.country,
        valid_days=valid_days,
        not_before=not_before,
    )
    expiry = sign.cert.not_valid_after_utc.strftime("%d %m %Y")
    personal = {
        1: holder.surname,
        2: holder.given_name,
        3: "M",
        4: "EST" if holder.country == "EE" else "LVA",
        5: holder.birth_date,
        6: holder.personal_code,
        7: holder.document_number,
        8: expiry,
    }
    common = {
        "auth_cert": auth.der,
        "sign_cert": sign.der,
        "document_number": holder.document_number,
        "personal": personal,
        "pin1": pin1,
        "pin2": pin2,
        "puk": puk,
    }
    card: VirtualCard
    if kind == "esteid2025":
        assert isinstance(auth_key, ec.EllipticCurvePrivateKey)
        assert isinstance(sign_key, ec.EllipticCurvePrivateKey)
        card = ThalesCard(
            auth_key=auth_key, sign_key=sign_key, pin2_activated=pin2_activated, **common
        )  # type: ignore[arg-type]
    else:
        card = IdemiaCard(
            kind, auth_key=auth_key, sign_key=sign_key, latvian_slot=latvian_slot, **common
        )  # type: ignore[arg-type]
    return IssuedCard(card, auth.cert, sign.cert, holder, pin1, pin2, puk)
