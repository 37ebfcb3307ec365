"""Staff commands: add, list, roles, passwd, disable/enable, personal code."""

from __future__ import annotations

import argparse
import json
import os
import sys

from clerk_app.bootstrap import Workstation
from clerk_app.cli.auth import CliRefused, ask_secret, principal
from clerk_app.core.services.staff import NewStaff, StaffService
from clerk_app.core.staff import StaffAccount


def _service(
    ctx: Workstation, args: argparse.Namespace, bootstrap_ok: bool = False
) -> StaffService:
    with ctx.uow_factory()() as uow:
        empty = uow.staff.count() == 0
    who = None if (empty and bootstrap_ok) else principal(ctx, args.as_user)
    country = {"lv": "LV"}.get(ctx.settings.legal_regime, "EE")
    return StaffService(ctx.uow_factory(), who, ctx.workstation, default_country=country)


def _new_password(username: str) -> str | None:
    return ask_secret(f"new password for {username}: ", "CLERK_NEW_PASSWORD", confirm=True)


def _row(a: StaffAccount) -> dict[str, object]:
    return {
        "username": a.username,
        "name": a.display_name,
        "roles": sorted(a.roles),
        "personal_code": a.personal_code,
        "head_of_archive": a.head_of_archive,
        "active": a.active,
        "password": a.password_hash is not None,
        "locked_until": a.locked_until.isoformat() if a.locked_until else None,
        "uid": a.uid,
    }


def cmd_add(ctx: Workstation, args: argparse.Namespace) -> int:
    password = None if args.no_password else _new_password(args.username)
    if password is None and not args.no_password:
        raise CliRefused(
            "no password: set CLERK_NEW_PASSWORD, run on a terminal, or use "
            "--no-password for a card-only account"
        )
    roles = [r for arg in args.role for r in arg.split(",")]
    account = _service(ctx, args, bootstrap_ok=True).add(
        NewStaff(
            args.username,
            args.name or "",
            roles,
            args.personal_code,
            password,
            args.head_of_archive,
        )
    )
    print(f"added {account.username} ({', '.join(sorted(account.roles))})")
    return 0


def cmd_list(ctx: Workstation, args: argparse.Namespace) -> int:
    rows = [_row(a) for a in _service(ctx, args).list()]
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for r in rows:
        flags = [] if r["active"] else ["disabled"]
        flags += ["head of archive"] if r["head_of_archive"] else []
        flags += [f"locked until {r['locked_until']}"] if r["locked_until"] else []
        print(
            f"{r['username']:<16} {r['name']:<30} {','.join(r['roles']):<30} "  # type: ignore[arg-type]
            f"{r['personal_code'] or '':<20} {'; '.join(flags)}"
        )
    return 0


def cmd_roles(ctx: Workstation, args: argparse.Namespace) -> int:
    roles = [r for r in args.roles.split(",")]
    head = {"yes": True, "no": False}.get(args.head_of_archive or "")
    a = _service(ctx, args).set_roles(args.username, roles, head)
    print(
        f"{a.username}: {', '.join(sorted(a.roles))}"
        + (" (head of archive)" if a.head_of_archive else "")
    )
    return 0


def cmd_passwd(ctx: Workstation, args: argparse.Namespace) -> int:
    service = _service(ctx, args)
    password = _new_password(args.username)
    if password is None:
        raise CliRefused("no password: set CLERK_NEW_PASSWORD or run on a terminal")
    service.set_password(args.username, password, old_password=os.environ.get("CLERK_PASSWORD"))
    print(f"password of {args.username} changed")
    return 0


def cmd_active(ctx: Workstation, args: argparse.Namespace) -> int:
    a = _service(ctx, args).set_active(args.username, args.active)
    print(f"{a.username} {'enabled' if a.active else 'disabled'}")
    return 0


def cmd_code(ctx: Workstation, args: argparse.Namespace) -> int:
    a = _service(ctx, args).set_personal_code(args.username, None if args.remove else args.code)
    print(f"{a.username}: personal code {a.personal_code or 'removed'}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    staff = sub.add_parser("staff", help="staff accounts and roles (admin)")
    s = staff.add_subparsers(dest="what", required=True)
    add = s.add_parser("add", help="add a person (the first one, an admin, needs no sign-in)")
    add.add_argument("username")
    add.add_argument("--name", required=True, help="display name")
    add.add_argument(
        "--role",
        action="append",
        required=True,
        help="clerk, archivist, signatory, admin (repeat or comma-separate)",
    )
    add.add_argument("--personal-code", help="for ID-card sign-in and signing")
    add.add_argument("--head-of-archive", action="store_true", help="may sign certificates")
    add.add_argument("--no-password", action="store_true", help="card-only account")
    add.set_defaults(func=cmd_add)
    ls = s.add_parser("list", help="all accounts")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=cmd_list)
    roles = s.add_parser("roles", help="set a person's roles")
    roles.add_argument("username")
    roles.add_argument("roles", help="comma-separated: clerk,archivist,signatory,admin")
    roles.add_argument("--head-of-archive", choices=["yes", "no"])
    roles.set_defaults(func=cmd_roles)
    pw = s.add_parser("passwd", help="set a password (yours, or anyone's as admin)")
    pw.add_argument("username")
    pw.set_defaults(func=cmd_passwd)
    for name, active in (("disable", False), ("enable", True)):
        p = s.add_parser(name, help=f"{name} an account")
        p.add_argument("username")
        p.set_defaults(func=cmd_active, active=active)
    code = s.add_parser("code", help="set or remove a person's personal code (ID card)")
    code.add_argument("username")
    code.add_argument("code", nargs="?")
    code.add_argument("--remove", action="store_true")
    code.set_defaults(func=cmd_code)
