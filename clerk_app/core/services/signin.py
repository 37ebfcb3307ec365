"""Sign-in with the ID card's authentication key (PIN1) or with a local password.

Card sign-in: read the authentication certificate (no PIN), check it against the configured
trust roots and its validity period, take the personal code from its serialNumber
(`PNOEE-…`/`PNOLV-…`) and find the active staff account with that code — all before PIN1 is
asked for, so an unknown card never costs a try. Then the card signs a fresh random 48-byte
challenge with PIN1 (INTERNAL AUTHENTICATE) and the signature is verified with the
certificate's public key. A wrong PIN1 is the card layer's KeyHolderError with the tries left,
passed through unchanged.

Password sign-in: constant-time check, a failure counter and a temporary lockout
(settings `password_max_failures`, `password_lockout_minutes`); an unknown username costs the
same time as a wrong password and gets the same answer.

Every sign-in and every refusal is written to the access log.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import Protocol

from clerk_app.core.keys import AuthenticationKey
from clerk_app.core.ports import AccessEntry, UnitOfWork, access_entry
from clerk_app.core.staff import (
    DEFAULT_SCRYPT,
    LockoutPolicy,
    Principal,
    SignatoryPolicy,
    SignInMethod,
    StaffAccount,
    burn_password_time,
    check_password,
    hash_password,
    needs_rehash,
)

CHALLENGE_BYTES = 48  # SHA-384-sized: what INTERNAL AUTHENTICATE takes on EstEID cards


class SignInErrorCode(StrEnum):
    BAD_CREDENTIALS = "bad_credentials"  # unknown username or wrong password: one answer
    LOCKED_OUT = "locked_out"  # too many wrong passwords; `until` says when it opens
    DISABLED = "disabled"
    CARD_NOT_ENROLLED = "card_not_enrolled"  # valid card, but no active staff has its code
    CERTIFICATE_UNTRUSTED = "certificate_untrusted"
    CERTIFICATE_EXPIRED = "certificate_expired"
    CERTIFICATE_NOT_YET_VALID = "certificate_not_yet_valid"
    CERTIFICATE_NOT_FOR_AUTH = "certificate_not_for_auth"
    NO_PERSONAL_CODE = "no_personal_code"
    BAD_CARD_SIGNATURE = "bad_card_signature"  # the card's answer does not verify
    NOT_SAME_PERSON = "not_same_person"  # unlocking a session needs the same person


class SignInError(Exception):
    def __init__(
        self, code: SignInErrorCode, detail: str = "", until: datetime | None = None
    ) -> None:
        super().__init__(f"{code}: {detail}" if detail else str(code))
        self.code = code
        self.detail = detail
        self.until = until


@dataclass(frozen=True)
class CardHolder:
    """What an accepted authentication certificate says about its holder."""

    personal_code: str  # PNOEE-38001085718
    surname: str
    given_name: str
    country: str
    not_after: datetime


class CertificateRejected(Exception):
    def __init__(self, code: SignInErrorCode, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else str(code))
        self.code = code
        self.detail = detail


class AuthCertificateVerifier(Protocol):
    """Checks ID-card authentication certificates against the office's trust roots."""

    def verify(self, certificate: bytes, at: datetime) -> CardHolder:
        """The holder; CertificateRejected with a SignInErrorCode when not acceptable."""
        ...

    def verify_signature(self, certificate: bytes, challenge: bytes, signature: bytes) -> bool:
        """True when `signature` (r||s or PKCS#1) over `challenge` verifies with the key."""
        ...


@dataclass(frozen=True)
class CardIdentity:
    """A card recognised before PIN1 is asked: who it is and which staff account it opens."""

    holder: CardHolder
    account: StaffAccount
    certificate: bytes


def _now() -> datetime:
    return datetime.now(UTC)


class SignInService:
    def __init__(
        self,
        uow_factory: Callable[[], UnitOfWork],
        verifier: AuthCertificateVerifier | None,
        signatories: SignatoryPolicy | None = None,
        lockout: LockoutPolicy | None = None,
        workstation: str | None = None,
        clock: Callable[[], datetime] = _now,
    ) -> None:
        self._uow = uow_factory
        self._verifier = verifier
        self._signatories = signatories or SignatoryPolicy()
        self._lockout = lockout or LockoutPolicy()
        self._workstation = workstation
        self._clock = clock

    # -- password -------------------------------------------------------------------
    def sign_in_password(self, username: str, password: str) -> Principal:
        name = username.strip().lower()
        now = self._clock()
        with self._uow() as uow:
            account = uow.staff.by_username(name)
            if account is None:
                burn_password_time(password)
                self._refused(uow, None, SignInMethod.PASSWORD, SignInErrorCode.BAD_CREDENTIALS)
                uow.commit()
                raise SignInError(SignInErrorCode.BAD_CREDENTIALS)
            if account.is_locked(now):
                burn_password_time(password)
                self._refused(uow, account, SignInMethod.PASSWORD, SignInErrorCode.LOCKED_OUT)
                uow.commit()
                raise SignInError(SignInErrorCode.LOCKED_OUT, until=account.locked_until)
            if not check_password(password, account.password_hash):
                failed = uow.staff.save(account.after_failure(now, self._lockout))
                code = (
                    SignInErrorCode.LOCKED_OUT
                    if failed.is_locked(now)
                    else SignInErrorCode.BAD_CREDENTIALS
                )
                self._refused(uow, account, SignInMethod.PASSWORD, code)
                uow.commit()
                raise SignInError(code, until=failed.locked_until)
            if not account.active:
                self._refused(uow, account, SignInMethod.PASSWORD, SignInErrorCode.DISABLED)
                uow.commit()
                raise SignInError(SignInErrorCode.DISABLED)
            ok = account.after_success()
            assert account.password_hash is not None
            if needs_rehash(account.password_hash, DEFAULT_SCRYPT):
                ok = replace(ok, password_hash=hash_password(password))
            if ok != account:
                account = uow.staff.save(ok)
            principal = Principal.for_account(
                account, SignInMethod.PASSWORD, now, self._signatories
            )
            uow.access_log.add(self._signed_in(principal))
            uow.commit()
        return principal

    # -- ID card --------------------------------------------------------------------
    def identify_card(self, key: AuthenticationKey) -> CardIdentity:
        """Check the card's certificate and find its staff account, without using PIN1."""
        if self._verifier is None:
            raise SignInError(SignInErrorCode.CERTIFICATE_UNTRUSTED, "no trust roots configured")
        cert = key.authentication_certificate()
        now = self._clock()
        try:
            holder = self._verifier.verify(cert, now)
        except CertificateRejected as exc:
            with self._uow() as uow:
                self._refused(uow, None, SignInMethod.CARD, exc.code)
                uow.commit()
            raise SignInError(exc.code, exc.detail) from None
        with self._uow() as uow:
            account = uow.staff.by_personal_code(holder.personal_code)
            if account is None or not account.active:
                code = (
                    SignInErrorCode.CARD_NOT_ENROLLED
                    if account is None
                    else SignInErrorCode.DISABLED
                )
                self._refused(uow, account, SignInMethod.CARD, code)
                uow.commit()
                raise SignInError(code, holder.personal_code)
        return CardIdentity(holder, account, cert)

    def sign_in_card(
        self, key: AuthenticationKey, pin: str, identity: CardIdentity | None = None
    ) -> Principal:
        """Card sign-in; KeyHolderError (wrong PIN1 with tries left, blocked…) passes through."""
        identity = identity or self.identify_card(key)
        assert self._verifier is not None
        challenge = secrets.token_bytes(CHALLENGE_BYTES)
        signature = key.authenticate(challenge, pin)
        if key.authentication_certificate() != identity.certificate or not (
            self._verifier.verify_signature(identity.certificate, challenge, signature)
        ):
            with self._uow() as uow:
                self._refused(
                    uow, identity.account, SignInMethod.CARD, SignInErrorCode.BAD_CARD_SIGNATURE
                )
                uow.commit()
            raise SignInError(SignInErrorCode.BAD_CARD_SIGNATURE)
        now = self._clock()
        with self._uow() as uow:
            account = uow.staff.get(identity.account.uid)
            if account is None or not account.active:
                raise SignInError(SignInErrorCode.DISABLED)
            principal = Principal.for_account(account, SignInMethod.CARD, now, self._signatories)
            uow.access_log.add(self._signed_in(principal))
            uow.commit()
        return principal

    # -- audit ----------------------------------------------------------------------
    def _signed_in(self, principal: Principal) -> AccessEntry:
        return access_entry(
            principal,
            self._workstation,
            "sign_in",
            self._clock(),
            filters={"method": str(principal.method)},
        )

    def _refused(
        self,
        uow: UnitOfWork,
        account: StaffAccount | None,
        method: SignInMethod,
        code: SignInErrorCode,
    ) -> None:
        # an unknown username is not logged as typed: it may be a password typed in the wrong box
        uow.access_log.add(
            AccessEntry(
                at=self._clock(),
                actor=account.username if account else "?",
                workstation=self._workstation,
                action="sign_in_refused",
                query=None,
                filters={"method": str(method), "code": str(code)},
                result_count=None,
                staff_uid=account.uid if account else None,
                staff_name=account.display_name if account else None,
            )
        )
