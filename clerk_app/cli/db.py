"""Database commands: status, encrypt a plain database, change its passphrase or rotate its key."""

from __future__ import annotations

import argparse
import json
import sys

from clerk_app.bootstrap import Workstation
from clerk_app.cli.auth import CliRefused, authorise, cli_passphrase
from clerk_app.core.data_at_rest import Protector
from clerk_app.core.staff import Permission


def cmd_status(ctx: Workstation, args: argparse.Namespace) -> int:
    status = ctx.at_rest.status()
    if args.json:
        json.dump(status.as_dict(), sys.stdout, indent=2)
        print()
        return 0
    state = "encrypted (SQLCipher)" if status.encrypted else "NOT encrypted"
    if not status.exists:
        state = "not created yet"
    print(f"database: {status.database}: {state}")
    if status.protector:
        print(
            f"key: {status.key_id}, protected by {status.protector}"
            + (
                " (a key rotation is unfinished: run clerk db rekey --rotate)"
                if status.rotation_pending
                else ""
            )
        )
    print(f"documents: {status.documents}")
    return 0


def _protection(args: argparse.Namespace) -> tuple[Protector | None, str | None]:
    if args.keyring:
        return Protector.KEYRING, None
    if args.passphrase:
        passphrase = cli_passphrase(new=True)
        if not passphrase:
            raise CliRefused("no passphrase: set CLERK_DB_NEW_PASSPHRASE or run on a terminal")
        return Protector.PASSPHRASE, passphrase
    return None, None


def cmd_encrypt(ctx: Workstation, args: argparse.Namespace) -> int:
    authorise(ctx, args.as_user, Permission.MANAGE_DATABASE)
    protector, passphrase = _protection(args)
    ctx.close()  # no connection may hold the plain file while it is replaced
    rows = ctx.at_rest.encrypt(protector, passphrase)
    status = ctx.at_rest.status()
    print(f"{status.database} encrypted ({rows} rows), key protected by {status.protector}")
    return 0


def cmd_rekey(ctx: Workstation, args: argparse.Namespace) -> int:
    authorise(ctx, args.as_user, Permission.MANAGE_DATABASE)
    protector, passphrase = _protection(args)
    if protector is None and not args.rotate:
        raise CliRefused("say what changes: --passphrase, --keyring and/or --rotate")
    ctx.close()
    if protector is not None:
        ctx.at_rest.change_protection(protector, passphrase)
        print(f"the data key is now protected by {protector}")
    if args.rotate:
        moved = ctx.at_rest.rotate()
        print(
            f"new data key {ctx.at_rest.status().key_id}: database and {moved} documents "
            "re-encrypted"
        )
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    db = sub.add_parser("db", help="the workstation database: encryption at rest")
    d = db.add_subparsers(dest="what", required=True)
    st = d.add_parser("status", help="encrypted or not, and what protects the key")
    st.add_argument("--json", action="store_true")
    st.set_defaults(func=cmd_status)
    for name, helptext in (
        ("encrypt", "encrypt a plain database in place (SQLCipher)"),
        ("rekey", "new passphrase, move the key to the OS key store, or --rotate the key"),
    ):
        p = d.add_parser(name, help=helptext)
        how = p.add_mutually_exclusive_group()
        how.add_argument(
            "--passphrase",
            action="store_true",
            help="protect the key with a passphrase (CLERK_DB_NEW_PASSPHRASE or prompt)",
        )
        how.add_argument("--keyring", action="store_true", help="keep the key in the OS key store")
        if name == "rekey":
            p.add_argument(
                "--rotate",
                action="store_true",
                help="a new data key: re-encrypts the database and documents",
            )
        p.set_defaults(func=cmd_encrypt if name == "encrypt" else cmd_rekey)
