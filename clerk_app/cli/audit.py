"""Access-log commands: verify the hash chain, show its head, export for an inquiry."""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from clerk_app.bootstrap import Workstation
from clerk_app.cli.auth import CliRefused, principal
from clerk_app.core.audit import ChainHead, LoggedEntry, canonical_time
from clerk_app.core.ports import AccessQuery
from clerk_app.core.services.audit import AuditService

COLUMNS = [
    "seq",
    "at",
    "actor",
    "staff_uid",
    "staff_name",
    "workstation",
    "action",
    "query",
    "filters",
    "result_count",
    "request_uid",
    "record_id",
    "prev_hash",
    "hash",
]


def _service(ctx: Workstation, args: argparse.Namespace) -> AuditService:
    return AuditService(ctx.uow_factory(), principal(ctx, args.as_user), ctx.workstation)


def _anchor(text: str) -> ChainHead:
    seq, _, digest = text.partition(":")
    if not seq.isdigit() or len(digest) != 64:
        raise argparse.ArgumentTypeError("an anchor is SEQ:SHA256HEX (from clerk audit head)")
    return ChainHead(int(seq), digest.lower())


def cmd_verify(ctx: Workstation, args: argparse.Namespace) -> int:
    report = _service(ctx, args).verify(args.anchor or [])
    p = report.problem
    if args.json:
        out = {
            "ok": report.ok,
            "entries": report.entries,
            "last_seq": report.last_seq,
            "last_hash": report.last_hash,
            "anchors_checked": report.anchors_checked,
            "problem": None
            if p is None
            else {
                "kind": str(p.kind),
                "seq": p.seq,
                "detail": p.detail,
                "expected_hash": p.expected_hash,
                "found_hash": p.found_hash,
            },
        }
        json.dump(out, sys.stdout, indent=2)
        print()
    elif p is None:
        print(
            f"access log intact: {report.entries} entries, head #{report.last_seq or 0} "
            f"{report.last_hash}"
        )
    else:
        print(f"access log BROKEN at entry #{p.seq}: {p.kind} — {p.detail}", file=sys.stderr)
        print(f"({report.entries} entries before it are intact)", file=sys.stderr)
    return 0 if report.ok else 1


def cmd_head(ctx: Workstation, args: argparse.Namespace) -> int:
    head = _service(ctx, args).head()
    seq, digest = (head.seq, head.hash) if head else (0, "0" * 64)
    print(json.dumps({"seq": seq, "hash": digest}) if args.json else f"{seq}:{digest}")
    return 0


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("dates are YYYY-MM-DD") from None


def _local_midnight_utc(d: date) -> datetime:
    return datetime.combine(d, time()).astimezone().astimezone(UTC)


def _row(e: LoggedEntry) -> dict[str, object]:
    row = {c: getattr(e, c) for c in COLUMNS}
    row["at"] = canonical_time(e.at)
    return row


def cmd_export(ctx: Workstation, args: argparse.Namespace) -> int:
    if args.to_day and args.from_day and args.to_day < args.from_day:
        raise CliRefused("--to is before --from")
    q = AccessQuery(
        start=_local_midnight_utc(args.from_day) if args.from_day else None,
        end=_local_midnight_utc(args.to_day + timedelta(days=1)) if args.to_day else None,
        actor=args.actor,
        record_id=args.record,
        request_uid=args.request,
    )
    out: Path = args.output
    tmp = out.with_name(out.name + ".part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # it holds personal data
    with open(fd, "w", encoding="utf-8", newline="") as fh:
        if args.format == "csv":
            writer = csv.DictWriter(fh, COLUMNS)
            writer.writeheader()
            n = _service(ctx, args).export(q, lambda e: writer.writerow(_row(e)))
        else:
            rows: list[dict[str, object]] = []
            n = _service(ctx, args).export(q, lambda e: rows.append(_row(e)))
            json.dump(rows, fh, ensure_ascii=False, indent=1)
    os.replace(tmp, out)
    print(f"{n} entries written to {out}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    audit = sub.add_parser("audit", help="the hash-chained access log")
    a = audit.add_subparsers(dest="what", required=True)
    v = a.add_parser("verify", help="check the chain; names the first broken entry")
    v.add_argument("--json", action="store_true")
    v.add_argument(
        "--anchor",
        type=_anchor,
        action="append",
        help="SEQ:HASH recorded earlier (clerk audit head); repeatable",
    )
    v.set_defaults(func=cmd_verify)
    h = a.add_parser("head", help="the chain head SEQ:HASH, to keep outside the workstation")
    h.add_argument("--json", action="store_true")
    h.set_defaults(func=cmd_head)
    e = a.add_parser("export", help="entries for a data-protection inquiry (admin)")
    e.add_argument("--from", dest="from_day", type=_day, help="first day, YYYY-MM-DD (local)")
    e.add_argument("--to", dest="to_day", type=_day, help="last day, inclusive")
    e.add_argument("--actor", help="username or staff uid")
    e.add_argument("--record", help="archive record id")
    e.add_argument("--request", help="request uid")
    e.add_argument("--format", choices=["csv", "json"], default="csv")
    e.add_argument("-o", "--output", type=Path, required=True)
    e.set_defaults(func=cmd_export)
