"""Staff accounts, roles and permissions, password and ID-card sign-in, the session lock.

Runs on SQLite and PostgreSQL; card sign-in uses a software authentication key with a test-PKI
certificate (the pcscd + virtual card path is in test_card_signin.py once the card layer lands).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from clerk_app.core.keys import KeyErrorCode, KeyHolderError
from clerk_app.core.services.signin import SignInError, SignInErrorCode, SignInService
from clerk_app.core.services.staff import NewStaff, StaffService
from clerk_app.core.session_lock import UnlockRefused, WorkSession
from clerk_app.core.staff import (
    LockoutPolicy,
    Permission,
    PermissionDenied,
    ScryptParams,
    SignatoryPolicy,
    SignInMethod,
    StaffError,
    StaffRefused,
    normalise_personal_code,
    require,
    signing_identity_matches,
)
from clerk_app.security.auth_certificates import X509AuthVerifier
from clerk_app.store.uow import SqlUnitOfWork
from clerk_testkit.pki import TestPki
from clerk_testkit.soft_card import SoftAuthKey

FAST = ScryptParams(n=2**12)  # test accounts only; production uses the default
HEAD_CODE = "38001085718"
SIGNER_CODE = "49403136515"
CLERK_PW = "clerk-password-1"


@pytest.fixture
def uow(engine):  # type: ignore[no-untyped-def]
    return lambda: SqlUnitOfWork(engine)


@pytest.fixture
def office(uow):  # type: ignore[no-untyped-def]
    """An admin (bootstrap), a clerk with a password, a head of archive and a signatory."""
    boot = StaffService(uow, None, "W1", scrypt=FAST)
    boot.add(NewStaff("admin", "Anne Admin", ["admin"], password="admin-password-1"))
    signin = SignInService(uow, None, workstation="W1")
    admin = signin.sign_in_password("admin", "admin-password-1")
    staff = StaffService(uow, admin, "W1", scrypt=FAST)
    staff.add(NewStaff("clerk", "Kati Clerk", ["clerk"], password=CLERK_PW))
    staff.add(
        NewStaff(
            "head",
            "Jaak Head",
            ["archivist", "signatory"],
            personal_code=HEAD_CODE,
            head_of_archive=True,
        )
    )
    staff.add(
        NewStaff(
            "signer",
            "Mari Signer",
            ["signatory"],
            personal_code=SIGNER_CODE,
            password="signer-password",
        )
    )
    return staff


def test_first_account_needs_no_sign_in_but_must_be_admin(uow) -> None:  # type: ignore[no-untyped-def]
    boot = StaffService(uow, None, scrypt=FAST)
    with pytest.raises(StaffRefused) as exc:
        boot.add(NewStaff("kati", "Kati", ["clerk"], password=CLERK_PW))
    assert exc.value.code == StaffError.FIRST_ACCOUNT_NOT_ADMIN
    assert not boot.has_staff()
    boot.add(NewStaff("root", "Root", ["admin"], password="admin-password-1"))
    with pytest.raises(PermissionDenied) as denied:  # bootstrap is over
        boot.add(NewStaff("kati", "Kati", ["clerk"], password=CLERK_PW))
    assert denied.value.permission == Permission.MANAGE_STAFF


def test_clerk_cannot_sign_signatory_can(office, uow) -> None:  # type: ignore[no-untyped-def]
    signin = SignInService(uow, None, SignatoryPolicy.from_settings([SIGNER_CODE]))
    clerk = signin.sign_in_password("clerk", CLERK_PW)
    assert clerk.method == SignInMethod.PASSWORD and clerk.can(Permission.SEARCH)
    with pytest.raises(PermissionDenied) as exc:
        require(clerk, Permission.SIGN_CERTIFICATE)
    assert exc.value.permission == Permission.SIGN_CERTIFICATE
    signer = signin.sign_in_password("signer", "signer-password")
    assert require(signer, Permission.SIGN_CERTIFICATE) is signer
    assert signing_identity_matches(signer, normalise_personal_code(SIGNER_CODE))
    assert not signing_identity_matches(signer, normalise_personal_code(HEAD_CODE))
    # the same signatory, no longer in the settings' list and not head of archive: may not sign
    unlisted = SignInService(uow, None).sign_in_password("signer", "signer-password")
    assert not unlisted.can(Permission.SIGN_CERTIFICATE)
    # admin manages but does not read personal data by role alone
    admin = signin.sign_in_password("admin", "admin-password-1")
    assert admin.can(Permission.MANAGE_STAFF) and not admin.can(Permission.SEARCH)


def test_staff_rules(office, uow) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StaffRefused) as exc:
        office.add(NewStaff("clerk", "Another", ["clerk"], password=CLERK_PW))
    assert exc.value.code == StaffError.USERNAME_TAKEN
    with pytest.raises(StaffRefused) as exc:
        office.add(NewStaff("x2", "Sig", ["signatory"], password="long-enough-pw"))
    assert exc.value.code == StaffError.SIGNATORY_NEEDS_CARD
    with pytest.raises(StaffRefused) as exc:
        office.add(NewStaff("x3", "Dup", ["clerk"], personal_code="PNOEE-" + HEAD_CODE))
    assert exc.value.code == StaffError.PERSONAL_CODE_TAKEN
    with pytest.raises(StaffRefused) as exc:
        office.add(NewStaff("x4", "Bad", ["clerk"], personal_code="38001085719"))  # checksum
    assert exc.value.code == StaffError.PERSONAL_CODE_INVALID
    with pytest.raises(StaffRefused) as exc:
        office.add(NewStaff("x5", "Short", ["clerk"], password="short"))
    assert exc.value.code == StaffError.PASSWORD_TOO_SHORT
    with pytest.raises(StaffRefused) as exc:
        office.set_active("admin", False)
    assert exc.value.code == StaffError.LAST_ADMIN
    with pytest.raises(StaffRefused) as exc:
        office.set_roles("admin", ["clerk"])
    assert exc.value.code == StaffError.LAST_ADMIN
    office.set_active("clerk", False)
    with pytest.raises(SignInError) as refused:
        SignInService(uow, None).sign_in_password("clerk", CLERK_PW)
    assert refused.value.code == SignInErrorCode.DISABLED
    names = [a.username for a in office.list()]
    assert names == ["admin", "clerk", "head", "signer"]
    with uow() as u:  # every change is in the access log, by the admin
        actions = [(e.action, e.actor, e.query) for e in u.access_log.entries()]
    assert ("staff_add", "admin", "signer") in actions
    assert ("staff_disable", "admin", "clerk") in actions


def test_a_clerk_may_not_manage_staff_but_changes_own_password(office, uow) -> None:  # type: ignore[no-untyped-def]
    clerk = SignInService(uow, None).sign_in_password("clerk", CLERK_PW)
    mine = StaffService(uow, clerk, scrypt=FAST)
    with pytest.raises(PermissionDenied):
        mine.list()
    with pytest.raises(PermissionDenied):
        mine.set_password("admin", "taken-over-pw")
    with pytest.raises(StaffRefused) as exc:
        mine.set_password("clerk", "new-password-22", old_password="wrong-old-pw")
    assert exc.value.code == StaffError.OLD_PASSWORD_WRONG
    mine.set_password("clerk", "new-password-22", old_password=CLERK_PW)
    assert SignInService(uow, None).sign_in_password("clerk", "new-password-22").username == "clerk"


def test_wrong_passwords_lock_the_account_for_a_while(office, uow) -> None:  # type: ignore[no-untyped-def]
    now = [datetime(2026, 12, 1, 9, 0, tzinfo=UTC)]
    signin = SignInService(
        uow, None, lockout=LockoutPolicy(3, timedelta(minutes=5)), clock=lambda: now[0]
    )
    for _ in range(2):
        with pytest.raises(SignInError) as exc:
            signin.sign_in_password("clerk", "wrong-password")
        assert exc.value.code == SignInErrorCode.BAD_CREDENTIALS
    with pytest.raises(SignInError) as exc:
        signin.sign_in_password("clerk", "wrong-password")
    assert exc.value.code == SignInErrorCode.LOCKED_OUT
    assert exc.value.until == now[0] + timedelta(minutes=5)
    with pytest.raises(SignInError) as exc:  # even the right password waits
        signin.sign_in_password("clerk", CLERK_PW)
    assert exc.value.code == SignInErrorCode.LOCKED_OUT
    now[0] += timedelta(minutes=6)
    assert signin.sign_in_password("clerk", CLERK_PW).username == "clerk"
    with pytest.raises(SignInError) as exc:  # unknown user: the same answer as a wrong password
        signin.sign_in_password("nobody", CLERK_PW)
    assert exc.value.code == SignInErrorCode.BAD_CREDENTIALS
    with uow() as u:
        refused = [e for e in u.access_log.entries() if e.action == "sign_in_refused"]
    assert [e.actor for e in refused][-1] == "?"  # what was typed is not logged
    assert all(CLERK_PW not in (e.query or "") + (e.filters or "") for e in refused)


@pytest.fixture(scope="module")
def pki() -> TestPki:
    return TestPki.create()


def _verifier(pki: TestPki, tmp_path) -> X509AuthVerifier:  # type: ignore[no-untyped-def]
    pki.write(tmp_path / "trust")
    (tmp_path / "trust" / "root.der").unlink()  # PEM copies are enough; DER loads too
    return X509AuthVerifier.from_folder(tmp_path / "trust")


def test_card_sign_in_with_pin1(office, uow, pki, tmp_path) -> None:  # type: ignore[no-untyped-def]
    card = SoftAuthKey.issue(pki, personal_code=HEAD_CODE, surname="HEAD", given_name="JAAK")
    signin = SignInService(uow, _verifier(pki, tmp_path), workstation="W1")
    identity = signin.identify_card(card)
    assert identity.account.username == "head" and identity.holder.personal_code.endswith(HEAD_CODE)
    assert card.calls == []  # recognised without spending PIN1
    with pytest.raises(KeyHolderError) as exc:
        signin.sign_in_card(card, "0000", identity)
    assert exc.value.code == KeyErrorCode.WRONG_PIN and exc.value.tries_left == 2
    principal = signin.sign_in_card(card, "1234", identity)
    assert principal.method == SignInMethod.CARD and principal.username == "head"
    assert principal.can(Permission.SIGN_CERTIFICATE)  # head of archive
    assert len(card.calls) == 1 and len(card.calls[0]) == 48
    with uow() as u:
        last = list(u.access_log.entries())[-1]
    assert (last.action, last.actor, last.staff_name) == ("sign_in", "head", "Jaak Head")
    assert '"method":"card"' in (last.filters or "")


def test_card_refusals(office, uow, pki, tmp_path) -> None:  # type: ignore[no-untyped-def]
    signin = SignInService(uow, _verifier(pki, tmp_path))
    stranger = SoftAuthKey.issue(pki, personal_code="37605030299")
    with pytest.raises(SignInError) as exc:
        signin.sign_in_card(stranger, "1234")
    assert exc.value.code == SignInErrorCode.CARD_NOT_ENROLLED and stranger.calls == []
    other_ca = TestPki.create("TEST of another CA")
    forged = SoftAuthKey.issue(other_ca, personal_code=HEAD_CODE)
    with pytest.raises(SignInError) as exc:
        signin.sign_in_card(forged, "1234")
    assert exc.value.code == SignInErrorCode.CERTIFICATE_UNTRUSTED
    old = SoftAuthKey.issue(
        pki,
        personal_code=HEAD_CODE,
        valid_days=10,
        not_before=datetime.now(UTC) - timedelta(days=40),
    )
    with pytest.raises(SignInError) as exc:
        signin.sign_in_card(old, "1234")
    assert exc.value.code == SignInErrorCode.CERTIFICATE_EXPIRED
    # a card whose key does not match its certificate (a replayed certificate)
    impostor = SoftAuthKey.issue(pki, personal_code=HEAD_CODE)
    impostor.key = SoftAuthKey.issue(pki).key
    with pytest.raises(SignInError) as exc:
        signin.sign_in_card(impostor, "1234")
    assert exc.value.code == SignInErrorCode.BAD_CARD_SIGNATURE
    blocked = SoftAuthKey.issue(pki, personal_code=HEAD_CODE)
    for left in (2, 1):
        with pytest.raises(KeyHolderError) as kerr:
            signin.sign_in_card(blocked, "9999")
        assert kerr.value.tries_left == left
    with pytest.raises(KeyHolderError) as kerr:
        signin.sign_in_card(blocked, "9999")
    assert kerr.value.code == KeyErrorCode.PIN_BLOCKED


def test_session_locks_when_idle_and_only_the_same_person_unlocks(office, uow) -> None:  # type: ignore[no-untyped-def]
    signin = SignInService(uow, None)
    t0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    clerk = signin.sign_in_password("clerk", CLERK_PW)
    session = WorkSession(clerk, timedelta(minutes=10), t0)
    session.activity(t0 + timedelta(minutes=8))
    assert not session.check(t0 + timedelta(minutes=17))
    assert session.remaining(t0 + timedelta(minutes=17)) == timedelta(minutes=1)
    assert session.check(t0 + timedelta(minutes=18))
    session.activity(t0 + timedelta(minutes=19))  # input on the lock screen does not unlock
    assert session.locked
    with pytest.raises(UnlockRefused):
        session.unlock(signin.sign_in_password("signer", "signer-password"), t0)
    assert session.locked
    session.unlock(signin.sign_in_password("clerk", CLERK_PW), t0 + timedelta(minutes=20))
    assert not session.locked and session.principal.username == "clerk"
