"""Who works here and what each person may do: staff accounts, roles, permissions, principals.

Roles are sets of permissions (ROLE_PERMISSIONS); a person may hold several roles. The signed-in
person is a `Principal` whose effective permissions are fixed at sign-in by `effective_permissions`
(roles + the signatory rule) and checked with `require(principal, permission)`.

Signatory rule: SIGN_CERTIFICATE needs the signatory role AND a personal code (signing is done
with the person's own ID card) AND either the staff record flagged head of the archive or the
personal code listed in the settings' `authorised_signatories`. The signing layer additionally
checks that the signing certificate on the card carries the same personal code
(`signing_identity_matches`).

The admin role manages the office (partners, enrolment, settings, staff, audit) but does not
read personal data by itself: an admin who also searches holds the clerk role too.

Passwords are hashed with scrypt (hashlib), per-user salt, parameters stored with the hash,
compared in constant time. Failed attempts are counted; too many lock the account for a while.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum


class Role(StrEnum):
    CLERK = "clerk"  # registers requests, searches, opens records, sends
    ARCHIVIST = "archivist"  # what a clerk does, plus preparing certificates and importing
    SIGNATORY = "signatory"  # signs certificates (head of archive or authorised persons)
    ADMIN = "admin"  # partners, enrolment, settings, staff, audit


class Permission(StrEnum):
    SEARCH = "search"
    OPEN_RECORD = "open_record"
    REGISTER_REQUEST = "register_request"
    IMPORT_RECORDS = "import_records"
    PREPARE_CERTIFICATE = "prepare_certificate"
    SIGN_CERTIFICATE = "sign_certificate"
    SEND = "send"
    MANAGE_PARTNERS = "manage_partners"
    ENROL = "enrol"
    MANAGE_SETTINGS = "manage_settings"
    MANAGE_STAFF = "manage_staff"
    MANAGE_DATABASE = "manage_database"  # encrypt, rekey
    EXPORT_AUDIT = "export_audit"
    VERIFY_AUDIT = "verify_audit"


P = Permission
_CLERK = frozenset({P.SEARCH, P.OPEN_RECORD, P.REGISTER_REQUEST, P.SEND})
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.CLERK: _CLERK,
    Role.ARCHIVIST: _CLERK | {P.PREPARE_CERTIFICATE, P.IMPORT_RECORDS},
    # a signatory reviews what they sign: the records behind it, and the send afterwards
    Role.SIGNATORY: frozenset({P.SIGN_CERTIFICATE, P.OPEN_RECORD, P.SEND}),
    Role.ADMIN: frozenset(
        {
            P.MANAGE_PARTNERS,
            P.ENROL,
            P.MANAGE_SETTINGS,
            P.MANAGE_STAFF,
            P.MANAGE_DATABASE,
            P.EXPORT_AUDIT,
            P.VERIFY_AUDIT,
        }
    ),
}
ALL_PERMISSIONS = frozenset(Permission)


class StaffError(StrEnum):
    """Codes for refused staff changes; the UI/CLI word them."""

    USERNAME_INVALID = "username_invalid"
    USERNAME_TAKEN = "username_taken"
    DISPLAY_NAME_REQUIRED = "display_name_required"
    PERSONAL_CODE_INVALID = "personal_code_invalid"
    PERSONAL_CODE_TAKEN = "personal_code_taken"
    NO_ROLES = "no_roles"
    UNKNOWN_ROLE = "unknown_role"
    PASSWORD_TOO_SHORT = "password_too_short"
    PASSWORD_IS_USERNAME = "password_is_username"
    NO_SIGN_IN_METHOD = "no_sign_in_method"  # neither a password nor a personal code
    SIGNATORY_NEEDS_CARD = "signatory_needs_card"  # signing is with one's own ID card
    FIRST_ACCOUNT_NOT_ADMIN = "first_account_not_admin"
    LAST_ADMIN = "last_admin"  # the change would leave no active admin
    NOT_FOUND = "not_found"
    OLD_PASSWORD_WRONG = "old_password_wrong"


class StaffRefused(Exception):
    def __init__(self, code: StaffError, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else str(code))
        self.code = code
        self.detail = detail


# -- personal codes ---------------------------------------------------------------------

COUNTRIES = ("EE", "LV", "LT")
_PNO = re.compile(r"^(?:PNO)?([A-Z]{2})[-:]?([0-9][0-9-]{5,15})$")


def _ee_checksum_ok(code: str) -> bool:
    """Estonian isikukood check digit (two weight rounds, mod 11)."""
    if not re.fullmatch(r"[1-8]\d{10}", code):
        return False
    digits = [int(c) for c in code]
    for weights in ((1, 2, 3, 4, 5, 6, 7, 8, 9, 1), (3, 4, 5, 6, 7, 8, 9, 1, 2, 3)):
        check = sum(d * w for d, w in zip(digits[:10], weights, strict=True)) % 11
        if check != 10:
            return check == digits[10]
    return digits[10] == 0


def normalise_personal_code(text: str, default_country: str = "EE") -> str:
    """The ETSI semantics identifier form `PNOEE-38001085718` of a typed personal code.

    Accepts `38001085718`, `EE38001085718`, `PNOEE-38001085718`; Latvian codes with or without
    the dash after the birth date. Raises StaffRefused(PERSONAL_CODE_INVALID).
    """
    raw = re.sub(r"\s+", "", text).upper()
    m = _PNO.match(raw)
    country, code = (m.group(1), m.group(2)) if m else (default_country.upper(), raw)
    code = code.replace("-", "")
    if country not in COUNTRIES or not code.isdigit():
        raise StaffRefused(StaffError.PERSONAL_CODE_INVALID, text)
    if country == "EE" and not _ee_checksum_ok(code):
        raise StaffRefused(StaffError.PERSONAL_CODE_INVALID, text)
    if country in ("LV", "LT") and len(code) != 11:
        raise StaffRefused(StaffError.PERSONAL_CODE_INVALID, text)
    return f"PNO{country}-{code}"


# -- passwords ----------------------------------------------------------------------------

MIN_PASSWORD_LENGTH = 10


@dataclass(frozen=True)
class ScryptParams:
    n: int = 2**15  # 32 MiB with r=8: ~0.1 s on a office PC
    r: int = 8
    p: int = 1


DEFAULT_SCRYPT = ScryptParams()


def hash_password(password: str, params: ScryptParams = DEFAULT_SCRYPT) -> str:
    """`scrypt$n$r$p$salt$hash` (base64): everything needed to check it later."""
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, params)
    b64 = base64.b64encode
    return f"scrypt${params.n}${params.r}${params.p}${b64(salt).decode()}${b64(digest).decode()}"


def _scrypt(password: str, salt: bytes, params: ScryptParams) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=params.n,
        r=params.r,
        p=params.p,
        maxmem=256 * 1024 * 1024,
        dklen=32,
    )


def _parse_hash(stored: str) -> tuple[ScryptParams, bytes, bytes]:
    scheme, n, r, p, salt, digest = stored.split("$")
    if scheme != "scrypt":
        raise ValueError(f"unknown password scheme {scheme!r}")
    return ScryptParams(int(n), int(r), int(p)), base64.b64decode(salt), base64.b64decode(digest)


def check_password(password: str, stored: str | None) -> bool:
    """Constant-time check; an account without a password hash never matches."""
    if not stored:
        burn_password_time(password)
        return False
    params, salt, digest = _parse_hash(stored)
    return hmac.compare_digest(_scrypt(password, salt, params), digest)


def needs_rehash(stored: str, params: ScryptParams = DEFAULT_SCRYPT) -> bool:
    """True when the hash was made with weaker parameters than today's."""
    have, _salt, _digest = _parse_hash(stored)
    return (have.n, have.r, have.p) < (params.n, params.r, params.p)


_DUMMY_SALT = secrets.token_bytes(16)


def burn_password_time(password: str) -> None:
    """Spend as long as a real check, so an unknown username is not told apart by timing."""
    _scrypt(password, _DUMMY_SALT, DEFAULT_SCRYPT)


def password_problem(password: str, username: str) -> StaffError | None:
    if len(password) < MIN_PASSWORD_LENGTH:
        return StaffError.PASSWORD_TOO_SHORT
    if password.casefold() == username.casefold():
        return StaffError.PASSWORD_IS_USERNAME
    return None


# -- accounts ------------------------------------------------------------------------------

_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


@dataclass(frozen=True)
class LockoutPolicy:
    max_failures: int = 5
    lockout: timedelta = timedelta(minutes=5)


@dataclass(frozen=True)
class StaffAccount:
    uid: str  # UUIDv7
    username: str
    display_name: str
    roles: frozenset[Role]
    personal_code: str | None = None  # PNOEE-…: card sign-in and signing
    head_of_archive: bool = False
    active: bool = True
    password_hash: str | None = None
    failed_attempts: int = 0
    locked_until: datetime | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    row_version: int = 1

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def after_failure(self, now: datetime, policy: LockoutPolicy) -> StaffAccount:
        failures = self.failed_attempts + 1
        if failures >= policy.max_failures:
            return replace(self, failed_attempts=0, locked_until=now + policy.lockout)
        return replace(self, failed_attempts=failures)

    def after_success(self) -> StaffAccount:
        return replace(self, failed_attempts=0, locked_until=None)


def validate_username(username: str) -> str:
    name = username.strip().lower()
    if not _USERNAME.match(name):
        raise StaffRefused(StaffError.USERNAME_INVALID, username)
    return name


def parse_roles(names: Iterable[str]) -> frozenset[Role]:
    roles: set[Role] = set()
    for name in names:
        name = name.strip().lower()
        if not name:
            continue
        try:
            roles.add(Role(name))
        except ValueError:
            raise StaffRefused(StaffError.UNKNOWN_ROLE, name) from None
    if not roles:
        raise StaffRefused(StaffError.NO_ROLES)
    return frozenset(roles)


# -- who is signed in ---------------------------------------------------------------------


class SignInMethod(StrEnum):
    CARD = "card"
    PASSWORD = "password"
    BOOTSTRAP = "bootstrap"  # no staff exists yet: the OS user of an unmanaged workstation


@dataclass(frozen=True)
class SignatoryPolicy:
    """Who may sign besides the head of archive: personal codes from the settings."""

    authorised: frozenset[str] = frozenset()

    @classmethod
    def from_settings(cls, codes: Iterable[str]) -> SignatoryPolicy:
        out = set()
        for code in codes:
            try:
                out.add(normalise_personal_code(code))
            except StaffRefused:
                continue  # a typo in the settings authorises nobody
        return cls(frozenset(out))

    def may_sign(self, account: StaffAccount) -> bool:
        if Role.SIGNATORY not in account.roles or not account.personal_code:
            return False
        return account.head_of_archive or account.personal_code in self.authorised


def effective_permissions(account: StaffAccount, policy: SignatoryPolicy) -> frozenset[Permission]:
    perms: set[Permission] = set()
    for role in account.roles:
        perms |= ROLE_PERMISSIONS[role]
    if not policy.may_sign(account):
        perms.discard(Permission.SIGN_CERTIFICATE)
    return frozenset(perms)


@dataclass(frozen=True)
class Principal:
    """The person the app acts for, how and when they signed in, and what they may do."""

    staff_uid: str | None  # None only for BOOTSTRAP
    username: str
    display_name: str
    roles: frozenset[Role]
    permissions: frozenset[Permission]
    method: SignInMethod
    signed_in_at: datetime
    personal_code: str | None = None
    extra: dict[str, str] = field(default_factory=dict, compare=False)

    @classmethod
    def for_account(
        cls,
        account: StaffAccount,
        method: SignInMethod,
        at: datetime,
        policy: SignatoryPolicy,
    ) -> Principal:
        return cls(
            staff_uid=account.uid,
            username=account.username,
            display_name=account.display_name,
            roles=account.roles,
            permissions=effective_permissions(account, policy),
            method=method,
            signed_in_at=at,
            personal_code=account.personal_code,
        )

    @classmethod
    def bootstrap(cls, os_user: str, at: datetime) -> Principal:
        """An unmanaged workstation (no staff accounts yet): the OS user may do everything.

        Signing still needs a card whose certificate the signing layer checks; creating the
        first staff account ends this mode.
        """
        return cls(
            staff_uid=None,
            username=os_user,
            display_name=os_user,
            roles=frozenset(Role),
            permissions=ALL_PERMISSIONS,
            method=SignInMethod.BOOTSTRAP,
            signed_in_at=at,
        )

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions


class PermissionDenied(Exception):
    def __init__(self, permission: Permission, principal: Principal | None = None) -> None:
        who = principal.username if principal else "nobody"
        super().__init__(f"{who} may not {permission}")
        self.permission = permission
        self.principal = principal


def require(principal: Principal | None, permission: Permission) -> Principal:
    """The principal, if they hold `permission`; else PermissionDenied(permission)."""
    if principal is None or permission not in principal.permissions:
        raise PermissionDenied(permission, principal)
    return principal


def signing_identity_matches(principal: Principal, signing_personal_code: str | None) -> bool:
    """The card used to sign belongs to the signed-in signatory (same personal code)."""
    return bool(
        principal.personal_code
        and signing_personal_code
        and principal.personal_code == signing_personal_code
    )
