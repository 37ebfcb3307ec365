"""Who the command line acts for, and the words for refusals.

While no staff account exists the workstation is unmanaged and the CLI acts as the OS user with
every permission (that is how the first admin is created). Once staff exist, a command that
needs a permission signs in with a password: the username from `--as USER` or CLERK_USER, the
password from CLERK_PASSWORD (scripts) or a prompt on a terminal. Without both it is refused.
"""

from __future__ import annotations

import getpass
import os
import sys
from datetime import UTC, datetime, timedelta

from clerk_app.bootstrap import Workstation
from clerk_app.core.data_at_rest import AtRestError
from clerk_app.core.services.signin import SignInErrorCode, SignInService
from clerk_app.core.staff import (
    LockoutPolicy,
    Permission,
    Principal,
    SignatoryPolicy,
    StaffError,
    require,
)

# Commands of other groups and the permission each needs (the lead adds new groups here).
COMMAND_PERMISSIONS: dict[str, Permission] = {
    "search": Permission.SEARCH,
    "import": Permission.IMPORT_RECORDS,
    "demo": Permission.IMPORT_RECORDS,
    "index": Permission.IMPORT_RECORDS,
    "request": Permission.REGISTER_REQUEST,
    "access-log": Permission.EXPORT_AUDIT,
    "certificate": Permission.PREPARE_CERTIFICATE,
    "outbox": Permission.SEND,
    "inbox": Permission.REGISTER_REQUEST,  # fetching registers partners' requests
    "exchange": Permission.ENROL,
    "enrol": Permission.ENROL,
    # "sync": each subcommand asks for its own (cli/sync.py): send, register_request, enrol
}


class CliRefused(Exception):
    """A refusal already worded for the terminal."""


SIGN_IN_MESSAGES = {
    SignInErrorCode.BAD_CREDENTIALS: "unknown user or wrong password",
    SignInErrorCode.LOCKED_OUT: "too many wrong passwords: the account is locked until {until}",
    SignInErrorCode.DISABLED: "the account is disabled",
}
AT_REST_MESSAGES = {
    AtRestError.NO_KEY_SOURCE: "the database key needs a passphrase: set CLERK_DB_PASSPHRASE "
    "or run on a terminal (no OS key store is available)",
    AtRestError.WRONG_PASSPHRASE: "wrong database passphrase",
    AtRestError.PASSPHRASE_TOO_SHORT: "the passphrase must have at least 12 characters",
    AtRestError.KEYRING_UNAVAILABLE: "the OS key store is not available on this machine",
    AtRestError.KEY_NOT_IN_KEYRING: "the database key is missing from the OS key store",
    AtRestError.WRONG_KEY: "the database does not open with this key (a wrong key, or not a "
    "Clerk database)",
    AtRestError.BAD_HEADER: "the key file next to the database is damaged",
    AtRestError.NOT_ENCRYPTED: "the database is not encrypted (run: clerk db encrypt)",
    AtRestError.ALREADY_ENCRYPTED: "the database is already encrypted",
    AtRestError.NOT_SQLITE: "encryption applies to the workstation's SQLite database only",
    AtRestError.DOCUMENT_DAMAGED: "a stored document is damaged or was changed",
    AtRestError.DOCUMENT_NOT_FOUND: "no such document",
    AtRestError.BAD_DOCUMENT_NAME: "not a valid document name",
}
STAFF_MESSAGES = {
    StaffError.USERNAME_INVALID: "usernames are 2–64 of a-z 0-9 . _ - (lower case)",
    StaffError.USERNAME_TAKEN: "that username is taken",
    StaffError.DISPLAY_NAME_REQUIRED: "--name is required",
    StaffError.PERSONAL_CODE_INVALID: "not a valid personal code",
    StaffError.PERSONAL_CODE_TAKEN: "another account has that personal code",
    StaffError.NO_ROLES: "give at least one --role",
    StaffError.UNKNOWN_ROLE: "roles are clerk, archivist, signatory, admin",
    StaffError.PASSWORD_TOO_SHORT: "the password must have at least 10 characters",
    StaffError.PASSWORD_IS_USERNAME: "the password must not be the username",
    StaffError.NO_SIGN_IN_METHOD: "the account needs a password or a personal code (ID card)",
    StaffError.SIGNATORY_NEEDS_CARD: "a signatory signs with the ID card: give --personal-code",
    StaffError.FIRST_ACCOUNT_NOT_ADMIN: "the first account must have the admin role",
    StaffError.LAST_ADMIN: "that would leave no active admin",
    StaffError.NOT_FOUND: "no such account",
    StaffError.OLD_PASSWORD_WRONG: "the old password does not match",
}


def signin_service(ctx: Workstation) -> SignInService:
    s = ctx.settings
    return SignInService(
        ctx.uow_factory(),
        None,  # the CLI signs in with passwords; cards sign in through the desktop app
        SignatoryPolicy.from_settings(s.authorised_signatories),
        LockoutPolicy(s.password_max_failures, timedelta(minutes=s.password_lockout_minutes)),
        ctx.workstation,
    )


def ask_secret(prompt: str, env: str | None = None, confirm: bool = False) -> str | None:
    if env and os.environ.get(env):
        return os.environ[env]
    if not sys.stdin.isatty():
        return None
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("again: ") != first:
        raise CliRefused("the two entries differ")
    return first


def cli_passphrase(new: bool) -> str | None:
    if new:
        return ask_secret(
            "new database passphrase: ", "CLERK_DB_NEW_PASSPHRASE", confirm=True
        ) or os.environ.get("CLERK_DB_PASSPHRASE")
    return ask_secret("database passphrase: ", "CLERK_DB_PASSPHRASE")


def principal(ctx: Workstation, username: str | None) -> Principal:
    """The signed-in principal for this command (bootstrap while no staff exists)."""
    if ctx.principal is not None:
        return ctx.principal
    with ctx.uow_factory()() as uow:
        has_staff = uow.staff.count() > 0
    if not has_staff:
        ctx.principal = Principal.bootstrap(ctx.actor, datetime.now(UTC))
        return ctx.principal
    username = username or os.environ.get("CLERK_USER")
    if not username:
        raise CliRefused("staff accounts exist: sign in with --as USER (or CLERK_USER)")
    password = ask_secret(f"password for {username}: ", "CLERK_PASSWORD")
    if password is None:
        raise CliRefused("no password: set CLERK_PASSWORD or run on a terminal")
    ctx.principal = signin_service(ctx).sign_in_password(username, password)
    ctx.actor = ctx.principal.username
    return ctx.principal


def authorise(ctx: Workstation, username: str | None, permission: Permission) -> Principal:
    return require(principal(ctx, username), permission)
