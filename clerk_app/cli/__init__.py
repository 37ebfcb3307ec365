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
from clerk_app.cli import archive, requests, sync

GROUPS = [archive, requests, sync]


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="clerk", description="Clerk archive tools")
    p.add_argument("--home", help="data folder (default: $CLERK_HOME or the user data dir)")
    p.add_argument("--db", help="database URL (default: $CLERK_DB or SQLite in the data folder)")
    sub = p.add_subparsers(dest="command", required=True)
    for group in GROUPS:
        group.register(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    ctx = Workstation(args.home, args.db)
    try:
        return int(args.func(ctx, args))
    finally:
        ctx.close()


if __name__ == "__main__":
    sys.exit(main())
