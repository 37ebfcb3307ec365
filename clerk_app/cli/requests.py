"""Request register commands: register, list, show, status, assign, extend, collect records."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from clerk_app.bootstrap import Workstation
from clerk_app.core.records import PartialDate
from clerk_app.core.requests import (
    LANGUAGES,
    Applicant,
    ExtensionError,
    NewRequest,
    Request,
    RequestChannel,
    RequestError,
    RequestFilter,
    RequestStatus,
    RequestSubject,
    RequestValidationError,
    TransitionError,
)
from clerk_app.core.services.requests import RequestNotFound, UnknownRecords

FIELD_MESSAGES = {
    RequestError.REQUIRED: "is required",
    RequestError.INVALID_DATE: "is not a date",
    RequestError.FUTURE_DATE: "is in the future",
    RequestError.RECEIVED_AFTER_REGISTRATION: "is after the registration date",
    RequestError.DEADLINE_BEFORE_REGISTRATION: "is before the registration date",
    RequestError.PERIOD_ORDER: "is before the start of the period",
    RequestError.PERIOD_RANGE: "is not a year between 1800 and this year",
    RequestError.UNKNOWN_LANGUAGE: f"must be among {', '.join(LANGUAGES)}",
    RequestError.CONTACT_REQUIRED: "needs a postal address, phone or e-mail",
    RequestError.INVALID_EMAIL: "is not an e-mail address",
    RequestError.TOO_LONG: "is too long",
}
TRANSITION_MESSAGES = {
    "not_allowed": "is not allowed from the current status",
    "reason_required": "needs a reason (--reason)",
    "target_required": "needs the archive or office it goes to (--to)",
}
EXTENSION_MESSAGES = {
    "closed": "the request is closed",
    "already_extended": "the deadline was already extended once",
    "not_positive": "the extension must be at least one day",
    "too_long": "the extension is longer than the law allows",
    "notice_required": "the notice to the applicant is required (--notice)",
}


class _Usage(Exception):
    pass


def _date(text: str | None, name: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _Usage(f"{name}: {text!r} is not a date (YYYY-MM-DD)") from None


def _partial(text: str | None, name: str) -> PartialDate | None:
    if not text:
        return None
    from clerk_app.imports.values import parse_date

    try:
        return parse_date(text)
    except ValueError as exc:
        raise _Usage(f"{name}: {exc}") from None


def request_json(r: Request, today: date) -> dict[str, Any]:
    return {
        "uid": r.uid,
        "reg_number": r.reg_number,
        "registered_on": r.registered_on.isoformat(),
        "status": r.status.value,
        "status_reason": r.status_reason,
        "forwarded_to": r.forwarded_to,
        "regime": r.regime.value,
        "deadline": r.deadline.isoformat(),
        "extended_deadline": r.extended_deadline.isoformat() if r.extended_deadline else None,
        "deadline_state": r.deadline_state(today).value,
        "applicant": {
            "name": r.applicant.name,
            "address": r.applicant.address,
            "phone": r.applicant.phone,
            "email": r.applicant.email,
            "id_document": r.applicant.id_document,
        },
        "subject": r.subject.value,
        "person_name": r.person_name,
        "person_birth_date": r.person_birth_date.iso() if r.person_birth_date else None,
        "person_other_names": r.person_other_names,
        "period": [r.period_from, r.period_to],
        "languages": list(r.languages),
        "channel": r.channel.value,
        "received_on": r.received_on.isoformat(),
        "partner_org": r.partner_org,
        "partner_case_number": r.partner_case_number,
        "assignee": r.assignee,
        "records": r.record_ids,
        "row_version": r.row_version,
    }


def _print_line(r: Request, today: date) -> None:
    state = r.deadline_state(today).value
    print(
        f"{r.reg_number:<24} {r.status.value:<21} {r.effective_deadline.isoformat()} "
        f"{state:<9} {r.applicant.name} — {r.person_name}"
    )


def cmd_register(ctx: Workstation, args: argparse.Namespace) -> int:
    service = ctx.requests()
    new = NewRequest(
        applicant=Applicant(
            name=args.applicant,
            address=args.address,
            phone=args.phone,
            email=args.email,
            id_document=args.id_document,
        ),
        subject=RequestSubject(args.subject),
        person_name=args.person or args.applicant,
        person_birth_date=_partial(args.born, "--born"),
        person_other_names=args.other_names,
        period_from=args.period_from,
        period_to=args.period_to,
        languages=tuple(x.strip() for x in args.lang.split(",") if x.strip()),
        channel=RequestChannel(args.channel),
        received_on=_date(args.received, "--received"),
        partner_org=args.partner,
        partner_case_number=args.partner_case,
        description=args.description,
        assignee=args.assignee,
        deadline=_date(args.deadline, "--deadline"),
    )
    request = service.register(new)
    if args.json:
        _dump(request_json(request, service.today()))
    else:
        print(f"registered {request.reg_number}, deadline {request.deadline.isoformat()}")
    return 0


def cmd_list(ctx: Workstation, args: argparse.Namespace) -> int:
    service = ctx.requests()
    flt = RequestFilter(
        text=args.search,
        statuses=frozenset(RequestStatus(s) for s in args.status or []),
        assignee=args.assignee,
        open_only=args.open,
        overdue_only=args.overdue,
        limit=args.limit,
    )
    requests = service.list(flt)
    today = service.today()
    if args.json:
        _dump([request_json(r, today) for r in requests])
    elif not requests:
        print("no requests")
    for r in [] if args.json else requests:
        _print_line(r, today)
    return 0


def cmd_show(ctx: Workstation, args: argparse.Namespace) -> int:
    service = ctx.requests()
    detail = service.get(args.request)
    today = service.today()
    data = request_json(detail.request, today)
    data["history"] = [
        {
            "at": e.at.isoformat(),
            "actor": e.actor,
            "kind": e.kind,
            "from": e.from_status.value if e.from_status else None,
            "to": e.to_status.value if e.to_status else None,
            "detail": e.detail,
        }
        for e in detail.events
    ]
    if args.json:
        _dump(data)
        return 0
    _print_line(detail.request, today)
    for e in data["history"]:
        change = f" {e['from'] or ''} → {e['to']}" if e["to"] else ""
        print(f"  {e['at'][:19]}  {e['actor']:<12} {e['kind']}{change} {e['detail'] or ''}")
    return 0


def cmd_status(ctx: Workstation, args: argparse.Namespace) -> int:
    r = ctx.requests().change_status(args.request, RequestStatus(args.status), args.reason, args.to)
    print(f"{r.reg_number}: {r.status.value}")
    return 0


def cmd_assign(ctx: Workstation, args: argparse.Namespace) -> int:
    r = ctx.requests().assign(args.request, args.assignee)
    print(f"{r.reg_number}: assigned to {r.assignee or 'nobody'}")
    return 0


def cmd_extend(ctx: Workstation, args: argparse.Namespace) -> int:
    r = ctx.requests().extend_deadline(args.request, args.days, args.notice)
    assert r.extended_deadline is not None
    print(f"{r.reg_number}: deadline extended to {r.extended_deadline.isoformat()}")
    return 0


def cmd_records(ctx: Workstation, args: argparse.Namespace) -> int:
    service = ctx.requests()
    ids = [x for x in args.records.split(",") if x.strip()]
    if args.remove:
        changed = service.remove_records(args.request, ids)
        print(f"removed {len(changed)} record(s)")
    else:
        changed = service.add_records(args.request, ids)
        print(f"added {len(changed)} record(s)")
    return 0


def _dump(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    print()


def _guarded(func):  # type: ignore[no-untyped-def]
    """Turn the register's typed refusals into one clear line and exit code 1."""

    def run(ctx: Workstation, args: argparse.Namespace) -> int:
        try:
            return int(func(ctx, args))
        except RequestValidationError as exc:
            for e in exc.errors:
                print(f"error: {e.field} {FIELD_MESSAGES[e.code]}", file=sys.stderr)
        except TransitionError as exc:
            print(
                f"error: {exc.current} → {exc.wanted} {TRANSITION_MESSAGES[exc.code]}",
                file=sys.stderr,
            )
        except ExtensionError as exc:
            print(f"error: {EXTENSION_MESSAGES[exc.code]}", file=sys.stderr)
        except RequestNotFound as exc:
            print(f"error: no request {exc}", file=sys.stderr)
        except UnknownRecords as exc:
            print(f"error: no archive records {exc}; nothing was added", file=sys.stderr)
        except _Usage as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        return 1

    return run


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    req = sub.add_parser("request", help="the request register")
    rs = req.add_subparsers(dest="what", required=True)

    r = rs.add_parser("register", help="register a new request")
    r.add_argument("--applicant", required=True, help="applicant's full name")
    r.add_argument("--address", help="postal address with postcode")
    r.add_argument("--phone")
    r.add_argument("--email")
    r.add_argument("--id-document", help="identity document shown, e.g. 'passport 4510 123456'")
    r.add_argument("--subject", required=True, choices=[s.value for s in RequestSubject])
    r.add_argument("--person", help="whose records are sought (default: the applicant)")
    r.add_argument("--born", help="that person's birth date (YYYY, YYYY-MM, YYYY-MM-DD, …)")
    r.add_argument("--other-names", help="maiden names and other spellings")
    r.add_argument("--period-from", type=int)
    r.add_argument("--period-to", type=int)
    r.add_argument("--lang", default="et", help="certificate languages, e.g. et,ru")
    r.add_argument("--channel", default="counter", choices=[c.value for c in RequestChannel])
    r.add_argument("--received", help="date received (YYYY-MM-DD; default today)")
    r.add_argument("--partner", help="partner municipality's organisation code")
    r.add_argument("--partner-case", help="the partner's case number")
    r.add_argument("--description")
    r.add_argument("--assignee")
    r.add_argument("--deadline", help="explicit deadline (default: the legal one)")
    r.add_argument("--json", action="store_true")
    r.set_defaults(func=_guarded(cmd_register))

    ls = rs.add_parser("list", help="requests by deadline")
    ls.add_argument("--status", action="append", choices=[s.value for s in RequestStatus])
    ls.add_argument("--open", action="store_true", help="only requests not yet closed")
    ls.add_argument("--overdue", action="store_true")
    ls.add_argument("--search", help="number, applicant, person or partner case number")
    ls.add_argument("--assignee")
    ls.add_argument("--limit", type=int, default=500)
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=_guarded(cmd_list))

    sh = rs.add_parser("show", help="one request with its history")
    sh.add_argument("request", help="registration number or uid")
    sh.add_argument("--json", action="store_true")
    sh.set_defaults(func=_guarded(cmd_show))

    st = rs.add_parser("status", help="move a request to another status")
    st.add_argument("request")
    st.add_argument("status", choices=[s.value for s in RequestStatus])
    st.add_argument("--reason", help="required for refused and forwarded")
    st.add_argument("--to", help="where a forwarded request went")
    st.set_defaults(func=_guarded(cmd_status))

    a = rs.add_parser("assign", help="assign a request to a clerk (empty: nobody)")
    a.add_argument("request")
    a.add_argument("assignee", nargs="?", default="")
    a.set_defaults(func=_guarded(cmd_assign))

    e = rs.add_parser("extend", help="extend the deadline once, with notice to the applicant")
    e.add_argument("request")
    e.add_argument("--days", type=int, required=True)
    e.add_argument("--notice", required=True, help="what the applicant was told")
    e.set_defaults(func=_guarded(cmd_extend))

    rec = rs.add_parser("records", help="collect archive records for the certificate")
    rec.add_argument("request")
    rec.add_argument("records", help="record ids, comma-separated")
    rec.add_argument("--remove", action="store_true")
    rec.set_defaults(func=_guarded(cmd_records))
