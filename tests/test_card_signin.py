"""Sign-in with the ID card through the real PC/SC stack: pcscd + vpcd + a virtual card.

The app reads the authentication certificate, checks it against the trust roots, shows the
PIN1 tries left, and the card answers INTERNAL AUTHENTICATE (PSO on the Thales card) after
VERIFY PIN1. A wrong PIN1 comes back with the tries left.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from clerk_app.card.authentication import open_auth_key
from clerk_app.core.keys import KeyErrorCode, KeyHolderError
from clerk_app.core.services.signin import SignInService
from clerk_app.core.services.staff import NewStaff, StaffService
from clerk_app.core.staff import Permission, Principal, ScryptParams, SignInMethod
from clerk_app.security.auth_certificates import X509AuthVerifier
from clerk_app.store.uow import SqlUnitOfWork
from clerk_testkit.vcard import Holder


@pytest.fixture
def office(tmp_path):  # type: ignore[no-untyped-def]
    """A head of archive (Estonian card) and a clerk (Latvian card), both card-only."""
    from clerk_app.store.database import open_database

    engine = open_database(f"sqlite:///{tmp_path / 'c.db'}")
    uow = lambda: SqlUnitOfWork(engine)  # noqa: E731
    fast = ScryptParams(n=2**12)
    StaffService(uow, None, scrypt=fast).add(
        NewStaff(
            "head",
            "Jaak Head",
            ["admin", "signatory", "archivist"],
            personal_code="38001085718",
            head_of_archive=True,
        )
    )
    setup = Principal.bootstrap("setup", datetime.now(UTC))
    StaffService(uow, setup, scrypt=fast).add(
        NewStaff("janis", "Jānis Bērziņš", ["clerk"], personal_code="PNOLV-210860-10528")
    )
    yield uow
    engine.dispose()


def _verifier(card_pki, tmp_path):  # type: ignore[no-untyped-def]
    card_pki.write(tmp_path / "trust")
    return X509AuthVerifier.from_folder(tmp_path / "trust")


def test_card_sign_in_with_wrong_then_right_pin1(office, virtual_card, card_pki, tmp_path) -> None:  # type: ignore[no-untyped-def]
    inserted = virtual_card("esteid2018")
    signin = SignInService(office, _verifier(card_pki, tmp_path), workstation="W1")
    with open_auth_key(inserted.reader) as key:
        identity = signin.identify_card(key)
        assert identity.account.username == "head"
        assert key.pin1_status().tries_left == 3  # shown before the PIN dialog
        with pytest.raises(KeyHolderError) as exc:
            signin.sign_in_card(key, "9999", identity)
        assert exc.value.code == KeyErrorCode.WRONG_PIN and exc.value.tries_left == 2
        assert key.pin1_status().tries_left == 2
        principal = signin.sign_in_card(key, inserted.pin1, identity)
    assert principal.method == SignInMethod.CARD and principal.can(Permission.SIGN_CERTIFICATE)
    assert inserted.apdus(0x88)  # INTERNAL AUTHENTICATE reached the card through pcscd


@pytest.mark.parametrize(
    ("kind", "extra"),
    [("esteid2025", {}), ("latvia-v2", {"rsa_keys": True}), ("latvia", {})],
)
def test_card_sign_in_on_other_cards(office, virtual_card, card_pki, tmp_path, kind, extra) -> None:  # type: ignore[no-untyped-def]
    latvian = kind.startswith("latvia")
    holder = {} if latvian else {"holder": Holder(personal_code="38001085718")}
    inserted = virtual_card(kind, **holder, **extra)
    signin = SignInService(office, _verifier(card_pki, tmp_path))
    with open_auth_key(inserted.reader) as key:
        principal = signin.sign_in_card(key, inserted.pin1)
    assert principal.username == ("janis" if latvian else "head")
    assert principal.can(Permission.SEARCH) and principal.can(Permission.SIGN_CERTIFICATE) is (
        not latvian
    )
