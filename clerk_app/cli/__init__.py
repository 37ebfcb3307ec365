"""The `clerk` command line: the same services the desktop app uses, for admins and scripts.

Each command group lives in its own module with a `register(subparsers)` function; add new
groups to GROUPS. Exit codes: 0 done, 1 the work was refused (bad file, bad rows, refused
operation), 2 usage errors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from clerk_app.bootstrap import Workstation
from clerk_app.cli import (
    archive,
    audit,
    card,
    certificates,
    db,
    exchange,
    requests,
    server,
    signing,
    staff,
    sync,
)
from clerk_app.cli.auth import (
    AT_REST_MESSAGES,
    COMMAND_PERMISSIONS,
    SIGN_IN_MESSAGES,
    STAFF_MESSAGES,
    CliRefused,
    authorise,
    cli_passphrase,
)
from clerk_app.core.data_at_rest import AtRestRefused
from clerk_app.core.services.audit import record_denial
from clerk_app.core.services.signin import SignInError
from clerk_app.core.staff import PermissionDenied, StaffRefused

GROUPS = [
    archive,
    requests,
    card,
    certificates,
    signing,
    staff,
    audit,
    db,
    server,
    exchange,
    sync,
]


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="clerk", description="Clerk archive tools")
    p.add_argument("--home", help="data folder (default: $CLERK_HOME or the user data dir)")
    p.add_argument("--db", help="database URL (default: $CLERK_DB or SQLite in the data folder)")
    p.add_argument(
        "--as",
        dest="as_user",
        metavar="USER",
        help="staff account to act as (or $CLERK_USER; password from $CLERK_PASSWORD or a prompt)",
    )
    sub = p.add_subparsers(dest="command", required=True)
    for group in GROUPS:
        group.register(sub)
    return p


def _refusal(exc: Exception) -> str:
    if isinstance(exc, AtRestRefused):
        return f"{AT_REST_MESSAGES.get(exc.code, exc.code)} [{exc.code}]"
    if isinstance(exc, SignInError):
        text = SIGN_IN_MESSAGES.get(exc.code, str(exc.code)).format(until=exc.until)
        return f"sign-in refused: {text} [{exc.code}]"
    if isinstance(exc, PermissionDenied):
        who = exc.principal.username if exc.principal else "nobody"
        return f"{who} may not {exc.permission.replace('_', ' ')} [permission-denied]"
    if isinstance(exc, StaffRefused):
        detail = f" ({exc.detail})" if exc.detail else ""
        return f"{STAFF_MESSAGES.get(exc.code, exc.code)}{detail} [{exc.code}]"
    return str(exc)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not getattr(args, "uses_workstation", True):  # office server commands: no data home
        return int(args.func(None, args))
    try:
        ctx = Workstation(args.home, args.db, cli_passphrase)
    except ValueError as exc:  # e.g. settings written by a newer version
        print(f"error: {exc}", file=sys.stderr)
        return 1
    try:
        needed = COMMAND_PERMISSIONS.get(args.command)
        if needed is not None:
            authorise(ctx, args.as_user, needed)
        return int(args.func(ctx, args))
    except (AtRestRefused, SignInError, PermissionDenied, StaffRefused, CliRefused) as exc:
        if isinstance(exc, PermissionDenied):
            where = " ".join(a for a in (args.command, getattr(args, "what", None)) if a)
            record_denial(ctx.uow_factory(), exc, ctx.workstation, f"clerk {where}")
        print(f"error: {_refusal(exc)}", file=sys.stderr)
        return 1
    finally:
        ctx.close()


if __name__ == "__main__":
    sys.exit(main())
