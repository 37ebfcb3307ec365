"""Sync commands: enrol this workstation, sync now, status, conflicts; and the office
server's admin side (enrolment tokens, devices, change-log retention)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import timedelta
from typing import Any

from clerk_app.bootstrap import Workstation
from clerk_app.sync.client import SyncError
from clerk_app.sync.service import Keep, Phase, Progress, ResolveError

ERRORS = {
    "offline": "the office server cannot be reached",
    "unauthorized": "the server does not know this workstation (enrol again)",
    "not_enrolled": "this workstation is not enrolled: clerk enrol URL TOKEN",
    "already_enrolled": "this workstation is already enrolled with",
    "bad_token": "the enrolment token is not valid",
    "token_used": "the enrolment token was already used",
    "token_expired": "the enrolment token has expired",
    "code_taken": "that workstation code is already enrolled",
    "cancelled": "cancelled; the next sync resumes where this one stopped",
    "busy": "another sync of this workstation is running",
    "server_error": "the office server failed; try again later",
    "bad_response": "the office server sent a damaged answer; try again",
    "chain_broken": "the office server refused the access log: its chain is broken here "
    "(clerk audit verify)",
}
RESOLVE_ERRORS = {
    "not_found": "no such conflict",
    "already_resolved": "that conflict is already resolved",
    "bad_choice": "--field takes FIELD=local or FIELD=server",
    "final_here": "this certificate is final here and cannot take the server's version; "
    "keep local and issue a correction",
}


def _fail(exc: SyncError) -> int:
    text = ERRORS.get(exc.code, exc.code)
    print(f"sync: {text}{': ' + exc.detail if exc.detail else ''}", file=sys.stderr)
    return 1


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("enrol", help="join this workstation to its office server")
    p.add_argument("url", help="the office server, e.g. https://clerk.narva.ee:8443")
    p.add_argument("token", help="the one-time token from the admin")
    p.add_argument("--ca", help="CA certificate(s) that sign the server's TLS certificate")
    p.add_argument("--name", help="a name for this workstation (default: the host name)")
    p.add_argument("--scope", default="", help="catalogue to keep: ARCHIVE or ARCHIVE/FONDS,…")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_enrol)

    s = sub.add_parser("sync", help="sync with the office server (push, then pull)")
    s.add_argument("--json", action="store_true")
    s.add_argument("--no-catalogue", action="store_true", help="only requests and history")
    s.add_argument("--quiet", action="store_true", help="no progress lines")
    s.set_defaults(func=cmd_sync)
    ss = s.add_subparsers(dest="sync_command")

    st = ss.add_parser("status", help="last success, pending changes, conflicts")
    st.add_argument("--json", action="store_true")
    st.set_defaults(func=cmd_status)

    c = ss.add_parser("conflicts", help="changes the server did not take as they were")
    c.add_argument("--json", action="store_true")
    c.add_argument("--all", action="store_true", help="also resolved ones")
    c.set_defaults(func=cmd_conflicts)

    r = ss.add_parser("resolve", help="decide a conflict")
    r.add_argument("id", type=int)
    r.add_argument("--keep", choices=[k.value for k in Keep], required=True)
    r.add_argument("--field", action="append", default=[], metavar="NAME=local|server")
    r.set_defaults(func=cmd_resolve)

    t = ss.add_parser("token", help="(office server) a one-time enrolment token")
    t.add_argument("--code", required=True, help="the workstation code it grants, e.g. W3")
    t.add_argument("--office", default=None, help="office code (default: settings office_code)")
    t.add_argument("--days", type=int, default=7)
    t.add_argument("--json", action="store_true")
    t.set_defaults(func=cmd_token)

    d = ss.add_parser("devices", help="(office server) enrolled workstations")
    d.add_argument("--json", action="store_true")
    d.set_defaults(func=cmd_devices)

    k = ss.add_parser("compact", help="(office server) forget the change log older than N days")
    k.add_argument("--keep-days", type=int, required=True)
    k.set_defaults(func=cmd_compact)

    rv = ss.add_parser("revoke", help="(office server) revoke a workstation's credentials")
    rv.add_argument("code")
    rv.set_defaults(func=cmd_revoke)


# -- workstation ------------------------------------------------------------------------------
def cmd_enrol(ctx: Workstation, args: argparse.Namespace) -> int:
    import socket

    from clerk_app.sync.enrolment import enrol

    try:
        done = enrol(
            ctx.uow_factory(),
            ctx.sync_config_path,
            ctx.home.settings,
            args.url,
            args.token,
            ca_file=args.ca,
            name=args.name or socket.gethostname(),
            scope=args.scope.split(","),
        )
    except SyncError as exc:
        return _fail(exc)
    if args.json:
        print(json.dumps(done.__dict__))
    else:
        print(
            f"enrolled as {done.office}/{done.device_code}; {done.pending} local changes "
            "will be sent at the next sync (clerk sync)"
        )
    return 0


class _Printer:
    def __init__(self, quiet: bool) -> None:
        self._quiet = quiet
        self._last = 0.0
        self._phase: Phase | None = None

    def __call__(self, p: Progress) -> None:
        if self._quiet:
            return
        now = time.monotonic()
        if p.phase == self._phase and now - self._last < 1.0 and p.done != p.total:
            return
        self._phase, self._last = p.phase, now
        if p.phase is Phase.SNAPSHOT_DOWNLOAD and p.total:
            text = f"catalogue download {p.done * 100 // p.total}% of {p.total / 1e6:.1f} MB"
        elif p.total:
            text = f"{p.phase.value} {p.done:,}/{p.total:,}"
        else:
            text = f"{p.phase.value} {p.done:,}" if p.done else p.phase.value
        print(text, file=sys.stderr, flush=True)


def _status_lines(st: Any) -> list[str]:
    lines = [
        f"server        {st.server or '-'} ({st.office}/{st.device_code})",
        f"last success  {st.last_success or 'never'}",
        f"pending       {st.pending} change(s)"
        + (f", oldest from {st.oldest_unsent}" if st.oldest_unsent else ""),
        f"conflicts     {st.conflicts}" + (f" ({st.held} change(s) held)" if st.held else ""),
        f"access log    {st.access_log_unsent} entr(y/ies) not yet at the server",
        f"catalogue     {st.catalogue_phase or 'not downloaded'}"
        + (
            f" ({st.catalogue_done:,}/{st.catalogue_total:,} records)"
            if st.catalogue_total and st.catalogue_phase != "done"
            else ""
        ),
    ]
    if st.last_error:
        lines.append(f"last error    {ERRORS.get(st.last_error, st.last_error)}")
    return lines


def cmd_sync(ctx: Workstation, args: argparse.Namespace) -> int:
    _may(ctx, args, "send")
    service = ctx.sync_service()
    try:
        report = service.sync_now(
            _Printer(args.quiet or args.json), catalogue=not args.no_catalogue
        )
    except SyncError as exc:
        if args.json:
            print(json.dumps({"ok": False, "error": exc.code, **service.status().to_json()}))
        return _fail(exc)
    st = service.status()
    if args.json:
        print(json.dumps({"ok": True, "report": report.__dict__, **st.to_json()}))
        return 0
    print(
        f"sent {report.pushed} change(s) ({report.merged} merged, {report.conflicts} "
        f"conflict(s), {report.rejected} refused); received "
        + ", ".join(f"{n} {s}" for s, n in report.pulled.items())
        + (f"; catalogue {report.catalogue_copied:,} records" if report.catalogue_copied else "")
    )
    print("\n".join(_status_lines(st)))
    return 0


def cmd_status(ctx: Workstation, args: argparse.Namespace) -> int:
    st = ctx.sync_service().status()
    print(json.dumps(st.to_json()) if args.json else "\n".join(_status_lines(st)))
    return 0


def cmd_conflicts(ctx: Workstation, args: argparse.Namespace) -> int:
    _may(ctx, args, "send")  # shows request and certificate contents
    items = ctx.sync_service().conflicts(include_resolved=args.all)
    if args.json:
        print(json.dumps([c.to_json() for c in items], ensure_ascii=False, default=str))
        return 0
    if not items:
        print("no conflicts")
    for c in items:
        what = ", ".join(c.fields) or c.code or ""
        print(f"#{c.id}  {c.entity} {c.label}  {c.kind}: {what}")
        for f in c.fields:
            local = (c.local or {}).get(f)
            server = (c.server or {}).get(f)
            base = (c.base or {}).get(f)
            print(f"      {f}: local {local!r} | server {server!r} | was {base!r}")
    return 0


def _may(ctx: Workstation, args: argparse.Namespace, permission: str) -> None:
    """Syncing and reading conflicts is a clerk's (send); deciding conflicts changes requests
    and certificates (register_request); the office-server commands are the admin's (enrol)."""
    from clerk_app.cli.auth import authorise
    from clerk_app.core.staff import Permission

    authorise(ctx, args.as_user, Permission(permission))


def cmd_resolve(ctx: Workstation, args: argparse.Namespace) -> int:
    _may(ctx, args, "register_request")
    fields: dict[str, str] = {}
    for item in args.field:
        name, _, side = item.partition("=")
        if not name or side not in ("local", "server"):
            print(f"sync resolve: {RESOLVE_ERRORS['bad_choice']}", file=sys.stderr)
            return 2
        fields[name] = side
    try:
        ctx.sync_service().resolve(args.id, args.keep, fields or None)
    except ResolveError as exc:
        print(f"sync resolve: {RESOLVE_ERRORS.get(exc.code, exc.code)}", file=sys.stderr)
        return 1
    print(f"conflict #{args.id} resolved ({args.keep}); it is sent at the next sync")
    return 0


class _NotAHub(Exception):
    pass


def _hub(ctx: Workstation):  # type: ignore[no-untyped-def]
    from clerk_app.store.sync_capture import RoleError

    try:
        return ctx.hub_service()
    except RoleError as exc:
        raise _NotAHub(exc.code) from None


def office_server(handler):  # type: ignore[no-untyped-def]
    """The admin commands run on the office server's database; refuse a workstation's."""

    def run(ctx: Workstation, args: argparse.Namespace) -> int:
        try:
            return int(handler(ctx, args))
        except _NotAHub:
            print(
                "sync: this is a workstation's database; run the command on the office "
                "server's (clerk --db URL sync …)",
                file=sys.stderr,
            )
            return 1

    return run


# -- office server ----------------------------------------------------------------------------
@office_server
def cmd_token(ctx: Workstation, args: argparse.Namespace) -> int:
    _may(ctx, args, "enrol")
    from clerk_app.sync.hub import HubError

    try:
        token = _hub(ctx).create_token(
            args.office or ctx.settings.office_code, args.code, args.days
        )
    except HubError as exc:
        print(f"sync token: {ERRORS.get(exc.code, exc.code)} {exc.detail}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps({"token": token, "code": args.code.upper(), "days": args.days}))
    else:
        print(token)
    return 0


@office_server
def cmd_devices(ctx: Workstation, args: argparse.Namespace) -> int:
    _may(ctx, args, "enrol")
    rows = _hub(ctx).devices()
    if args.json:
        print(json.dumps([{k: v for k, v in r.items() if k != "secret_hash"} for r in rows],
                         default=str))  # fmt: skip
        return 0
    for r in rows:
        state = "revoked" if r["revoked_at"] else f"last seen {r['last_seen'] or 'never'}"
        print(f"{r['office']}/{r['device_code']}  {r['name'] or ''}  {state}")
    return 0


@office_server
def cmd_compact(ctx: Workstation, args: argparse.Namespace) -> int:
    _may(ctx, args, "enrol")
    if args.keep_days < 1:
        print("sync compact: --keep-days must be at least 1", file=sys.stderr)
        return 2
    done = _hub(ctx).compact(timedelta(days=args.keep_days))
    print(", ".join(f"{s}: {n} change(s) forgotten" for s, n in done.items()) or "nothing to do")
    return 0


@office_server
def cmd_revoke(ctx: Workstation, args: argparse.Namespace) -> int:
    _may(ctx, args, "enrol")
    if not _hub(ctx).revoke(args.code):
        print(f"sync revoke: no workstation {args.code}", file=sys.stderr)
        return 1
    print(f"revoked {args.code}")
    return 0
