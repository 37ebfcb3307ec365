"""Exchange commands of a workstation: enrol with the office server, the partner directory, the
outbox (list, send, retry, cancel, and queueing answers from the request register) and the inbox
(fetch, list)."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from pathlib import Path
from typing import Any
from uuid import UUID

from clerk_app.bootstrap import Workstation
from clerk_app.core.exchange import InboxState, OutboxState

ERROR_WORDS = {
    "not_found": "no such message",
    "not_retryable": "cannot be retried in its state",
    "not_cancellable": "cannot be cancelled in its state",
    "partner_unknown": "the partner is not in the directory (clerk partners refresh)",
    "not_configured": "this workstation is not enrolled (clerk exchange enrol)",
    "no_partner": "the request did not come from a partner municipality",
    "no_partner_case": "the request has no partner case number",
    "language_not_accepted": "the partner does not accept that language",
    "not_pdf": "the document must be a signed PDF",
}


def _say_refused(exc: Any) -> int:
    words = ERROR_WORDS.get(exc.code, exc.code)
    print(f"error: {words}{': ' + exc.detail if exc.detail else ''} [{exc.code}]", file=sys.stderr)
    return 1


def _dt(value: Any) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M:%S") if value else "-"


def _json_default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    return str(value)


def _dump(rows: list[Any]) -> None:
    from dataclasses import asdict

    print(
        json.dumps([asdict(r) for r in rows], default=_json_default, ensure_ascii=False, indent=2)
    )


# -- enrolment and directory -------------------------------------------------------------


def cmd_enrol(ctx: Workstation, args: argparse.Namespace) -> int:
    from clerk_app.exchange.directory import DirectoryError, PartnerDirectory
    from clerk_app.exchange.http import OfficeClient, OfficeError
    from clerk_app.exchange.workstation_config import ExchangeConfig

    folder = ctx.exchange_folder()
    try:
        ca = Path(args.ca).read_bytes()
        cert = Path(args.client_cert).read_bytes()
        key = Path(args.client_key).read_bytes()
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    folder.install_identity(ca, cert, key)
    office = OfficeClient(args.server, folder.office_ca, args.token)
    try:
        me = office.whoami()
        directory = PartnerDirectory.from_json(office.directory_json(), "office directory")
    except (OfficeError, DirectoryError) as exc:
        print(f"error: the office server refused or is unreachable: {exc}", file=sys.stderr)
        return 1
    finally:
        office.close()
    folder.save(ExchangeConfig(args.server, args.token, me["org_code"], me["device"]))
    folder.save_directory(directory)
    print(
        f"enrolled as {me['device']!r} of {me['org_code']} ({me['org_name']}); "
        f"{len(directory.partners)} partners in the directory"
    )
    return 0


def _office(ctx: Workstation):  # type: ignore[no-untyped-def]
    from clerk_app.exchange.http import OfficeClient

    folder = ctx.exchange_folder()
    cfg = folder.load()
    return OfficeClient(cfg.office_url, folder.office_ca, cfg.token)


def _refresh_directory(ctx: Workstation, quiet: bool = False) -> bool:
    from clerk_app.exchange.directory import DirectoryError, PartnerDirectory
    from clerk_app.exchange.http import OfficeError

    office = _office(ctx)
    try:
        directory = PartnerDirectory.from_json(office.directory_json(), "office directory")
    except (OfficeError, DirectoryError) as exc:
        if not quiet:
            print(f"warning: directory not refreshed: {exc}", file=sys.stderr)
        return False
    finally:
        office.close()
    ctx.exchange_folder().save_directory(directory)
    return True


def cmd_partners_list(ctx: Workstation, args: argparse.Namespace) -> int:
    from clerk_app.exchange.workstation_config import NotConfigured

    try:
        directory = ctx.exchange_folder().load_directory()
    except NotConfigured as exc:
        print(f"error: no partner directory ({exc}); run clerk exchange enrol", file=sys.stderr)
        return 1
    if args.json:
        rows = [
            {
                "org_code": p.org_code,
                "name": p.name,
                "endpoint": p.endpoint,
                "languages": p.languages,
                "formats": p.formats,
            }
            for p in directory
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    print(f"directory version {directory.version} of {directory.own_org}")
    for p in directory:
        print(f"  {p.org_code:16s} {p.name}  {p.endpoint}  [{','.join(p.languages)}]")
    return 0


def cmd_partners_refresh(ctx: Workstation, args: argparse.Namespace) -> int:
    from clerk_app.exchange.workstation_config import NotConfigured

    try:
        ok = _refresh_directory(ctx)
    except NotConfigured:
        return _not_enrolled()
    if ok:
        print(f"directory version {ctx.exchange_folder().load_directory().version}")
    return 0 if ok else 1


def _not_enrolled() -> int:
    print("error: this workstation is not enrolled (clerk exchange enrol)", file=sys.stderr)
    return 1


# -- outbox -----------------------------------------------------------------------------


def cmd_outbox_list(ctx: Workstation, args: argparse.Namespace) -> int:
    states = [OutboxState(s) for s in args.state or []]
    rows = ctx.exchange().list_outbox(states, args.limit)
    if args.json:
        _dump(rows)
        return 0
    if not rows:
        print("outbox is empty")
    for r in rows:
        line = (
            f"{_dt(r.created_at)}  {r.message_id}  {r.type.value:17s} → {r.recipient:16s} "
            f"{r.state.value:10s} tries {r.attempts}"
        )
        if r.state in (OutboxState.QUEUED, OutboxState.SENT) and r.next_attempt_at:
            line += f"  next {_dt(r.next_attempt_at)}"
        if r.last_error_code and r.state is not OutboxState.RECEIPTED:
            line += f"  [{r.last_error_code}] {(r.last_error or '')[:80]}"
        print(line)
    return 0


def cmd_outbox_send(ctx: Workstation, args: argparse.Namespace) -> int:
    from clerk_app.exchange.sender import OutboxSender
    from clerk_app.exchange.workstation_config import NotConfigured

    try:
        _refresh_directory(ctx, quiet=True)
        sender = OutboxSender(
            ctx.exchange(), ctx.exchange_folder().load_directory(), ctx.exchange_folder()
        )
    except (NotConfigured, ValueError):
        return _not_enrolled()
    try:
        if args.watch:
            stop = threading.Event()
            for sig in (signal.SIGINT, signal.SIGTERM):
                signal.signal(sig, lambda *_: stop.set())
            sender.run(stop, args.interval)
            return 0
        report = sender.send_due(args.limit)
    finally:
        sender.close()
    for err in report.errors:
        print(f"  {err}", file=sys.stderr)
    print(f"{report.receipted} receipted, {report.rejected} rejected, {report.failed} to retry")
    return 0 if report.rejected == 0 and report.failed == 0 else 1


def _message_action(ctx: Workstation, args: argparse.Namespace, action: str) -> int:
    from clerk_app.exchange.service import ExchangeRefused

    try:
        mid = UUID(args.message_id)
    except ValueError:
        print(f"error: {args.message_id!r} is not a message id", file=sys.stderr)
        return 2
    try:
        item = getattr(ctx.exchange(), action)(mid)
    except ExchangeRefused as exc:
        return _say_refused(exc)
    print(f"{item.message_id}: {item.state.value}")
    return 0


def cmd_outbox_retry(ctx: Workstation, args: argparse.Namespace) -> int:
    return _message_action(ctx, args, "retry")


def cmd_outbox_cancel(ctx: Workstation, args: argparse.Namespace) -> int:
    return _message_action(ctx, args, "cancel")


def cmd_outbox_show(ctx: Workstation, args: argparse.Namespace) -> int:
    from clerk_app.exchange.service import ExchangeRefused

    try:
        entry = ctx.exchange().outbox_message(UUID(args.message_id))
    except ValueError:
        print(f"error: {args.message_id!r} is not a message id", file=sys.stderr)
        return 2
    except ExchangeRefused as exc:
        return _say_refused(exc)
    out = {
        "message_id": str(entry.message_id),
        "state": entry.state.value,
        "attempts": entry.attempts,
        "last_error_code": entry.last_error_code,
        "last_error": entry.last_error,
        "envelope": json.loads(entry.envelope_json),
        "receipt": json.loads(entry.receipt_json) if entry.receipt_json else None,
    }
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


def _queue(ctx: Workstation, args: argparse.Namespace, kind: str) -> int:
    from clerk_app.core.requests import TransitionError
    from clerk_app.core.services.requests import RequestNotFound
    from clerk_app.exchange.service import ExchangeRefused

    try:
        document = Path(args.file).read_bytes()
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    svc = ctx.exchange()
    try:
        if kind == "request":
            item = svc.send_request(args.request, args.to, document, language=args.language)
        elif kind == "certificate":
            item = svc.send_certificate(args.request, document, language=args.language)
        elif kind == "refusal":
            item = svc.send_refusal(args.request, args.reason, document, language=args.language)
        else:
            item = svc.send_forwarding_notice(
                args.request, args.to, args.reason, document, language=args.language
            )
    except RequestNotFound:
        print(f"error: no request {args.request}", file=sys.stderr)
        return 1
    except TransitionError as exc:
        print(
            f"error: the request cannot go {exc.current} → {exc.wanted} ({exc.code})",
            file=sys.stderr,
        )
        return 1
    except ExchangeRefused as exc:
        return _say_refused(exc)
    print(f"queued {item.type.value} {item.message_id} for {item.recipient}")
    return 0


# -- inbox ------------------------------------------------------------------------------


def cmd_inbox_fetch(ctx: Workstation, args: argparse.Namespace) -> int:
    from clerk_app.exchange.http import OfficeError
    from clerk_app.exchange.inbox import InboxFetcher
    from clerk_app.exchange.workstation_config import NotConfigured

    try:
        _refresh_directory(ctx, quiet=True)
        office = _office(ctx)
    except NotConfigured:
        return _not_enrolled()
    try:
        report = InboxFetcher(office, ctx.exchange()).fetch()
    except OfficeError as exc:
        print(f"error: office server: {exc}", file=sys.stderr)
        return 1
    finally:
        office.close()
    for p in report.problems:
        print(f"  {p}", file=sys.stderr)
    print(
        f"{report.fetched} fetched: {report.applied} applied, {report.invalid} invalid, "
        f"{report.duplicates} already here"
    )
    return 0


def cmd_inbox_list(ctx: Workstation, args: argparse.Namespace) -> int:
    states = [InboxState(s) for s in args.state or []]
    rows = ctx.exchange().list_inbox(states, args.limit)
    if args.json:
        _dump(rows)
        return 0
    if not rows:
        print("inbox is empty")
    for r in rows:
        line = (
            f"{_dt(r.received_at)}  {r.message_id}  {r.type.value:17s} ← {r.sender:16s} "
            f"case {r.sender_case or '-'}  {r.state.value}"
        )
        if r.result_code:
            line += f"  [{r.result_code}] {(r.result_detail or '')[:80]}"
        print(line)
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    ex = sub.add_parser("exchange", help="enrol this workstation with the office server")
    exs = ex.add_subparsers(dest="exchange_command", required=True)
    e = exs.add_parser("enrol", help="enrol with the office server (token from the admin)")
    e.add_argument("--server", required=True, help="https://office-server:8444")
    e.add_argument("--ca", required=True, help="CA certificate of the office server (PEM)")
    e.add_argument("--token", required=True, help="enrolment token (clerk server enrol-token)")
    e.add_argument("--client-cert", required=True, help="the office's mTLS client certificate")
    e.add_argument("--client-key", required=True, help="its private key (PEM)")
    e.set_defaults(func=cmd_enrol)

    pa = sub.add_parser("partners", help="the partner directory")
    pas = pa.add_subparsers(dest="partners_command", required=True)
    pl = pas.add_parser("list")
    pl.add_argument("--json", action="store_true")
    pl.set_defaults(func=cmd_partners_list)
    pas.add_parser("refresh", help="fetch the directory from the office server").set_defaults(
        func=cmd_partners_refresh
    )

    ob = sub.add_parser("outbox", help="messages to partners")
    obs = ob.add_subparsers(dest="outbox_command", required=True)
    ol = obs.add_parser("list")
    ol.add_argument("--json", action="store_true")
    ol.add_argument("--state", action="append", choices=[s.value for s in OutboxState])
    ol.add_argument("--limit", type=int, default=500)
    ol.set_defaults(func=cmd_outbox_list)
    os_ = obs.add_parser("send", help="send what is due (once, or --watch)")
    os_.add_argument("--watch", action="store_true", help="keep sending until interrupted")
    os_.add_argument("--interval", type=float, default=10.0)
    os_.add_argument("--limit", type=int, default=500)
    os_.set_defaults(func=cmd_outbox_send)
    for name, fn, text in (
        ("retry", cmd_outbox_retry, "send again now (same message id)"),
        ("cancel", cmd_outbox_cancel, "stop sending a message"),
        ("show", cmd_outbox_show, "envelope, state and receipt of a message"),
    ):
        a = obs.add_parser(name, help=text)
        a.add_argument("message_id")
        a.set_defaults(func=fn)
    for kind, text in (
        ("request", "ask a partner archive (request → in search)"),
        ("certificate", "send the signed certificate (signed → sent)"),
        ("refusal", "send a refusal (→ refused)"),
        ("forwarding", "tell the partner it was forwarded (→ forwarded)"),
    ):
        q = obs.add_parser(f"add-{kind}", help=text)
        q.add_argument("request", help="request uid or registration number")
        q.add_argument("file", help="the signed PDF")
        if kind in ("request", "forwarding"):
            q.add_argument("--to", required=True, help="organisation code")
        if kind in ("refusal", "forwarding"):
            q.add_argument("--reason", required=True)
        q.add_argument("--language")
        q.set_defaults(func=lambda c, a, k=kind: _queue(c, a, k))

    ib = sub.add_parser("inbox", help="messages from partners")
    ibs = ib.add_subparsers(dest="inbox_command", required=True)
    il = ibs.add_parser("list")
    il.add_argument("--json", action="store_true")
    il.add_argument("--state", action="append", choices=[s.value for s in InboxState])
    il.add_argument("--limit", type=int, default=500)
    il.set_defaults(func=cmd_inbox_list)
    ibs.add_parser("fetch", help="fetch from the office server and apply").set_defaults(
        func=cmd_inbox_fetch
    )
