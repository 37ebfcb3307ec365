"""Certificate commands: create, edit, finalise, correct, export, show, list and batch."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from clerk_app.bootstrap import Workstation
from clerk_app.core.certificates.content import SearchScope
from clerk_app.core.certificates.ports import CertificateSummary
from clerk_app.core.certificates.sources import Subject
from clerk_app.core.certificates.types import (
    FREE_TEXT_PARTS,
    CertificateRefused,
    CertificateStatus,
    CertificateType,
    Issue,
    IssueCode,
)

MESSAGES: dict[IssueCode, str] = {
    IssueCode.NO_RECORDS: "no records were given; for a 'no records found' answer use "
    "--type negative",
    IssueCode.UNKNOWN_RECORD: "record {record_id} is not in the archive",
    IssueCode.WRONG_RECORD_TYPE: "record {record_id} is a {record_type} record; this "
    "certificate takes {accepted}",
    IssueCode.UNKNOWN_CURRENCY: "record {record_id}: currency {currency} ({months}) is not one "
    "the certificate can explain ({known})",
    IssueCode.PAYROLL_MONTH_CONFLICT: "month {month} has different amounts in records "
    "{records}: {amounts}",
    IssueCode.PAYROLL_EMPTY: "payroll record {record_id} has no months",
    IssueCode.RECORDS_ON_NEGATIVE: "an information letter (no records found) cannot cite "
    "records ({records})",
    IssueCode.NO_SEARCH_SCOPE: "an information letter needs where was searched (--searched)",
    IssueCode.NO_SUBJECT: "an information letter needs the person (--person or --request)",
    IssueCode.BAD_LANGUAGES: "languages: one or two of et, ru, lv, en, the issuer's first "
    "(e.g. et,ru)",
    IssueCode.BAD_FREE_TEXT: "free text refused ({detail})",
    IssueCode.NOT_FOUND: "no certificate {uid}",
    IssueCode.IMMUTABLE: "certificate {number} is final and cannot change; make a correction "
    "(clerk certificate correct)",
    IssueCode.NOT_FINAL: "certificate {uid} is a draft; only a final certificate is corrected",
    IssueCode.ALREADY_SUPERSEDED: "this version already has a correction ({by})",
    IssueCode.REQUEST_NOT_FOUND: "no request {ref} in the register",
    IssueCode.TYPE_REQUIRED: "give --type (no request subject says which certificate)",
    IssueCode.PAYROLL_MONTH_MISSING: "record {record_id}: no payroll entry for {months} "
    "(stated on the certificate)",
    IssueCode.DATE_MISSING: "record {record_id}: {field} is not in the record (stated on the "
    "certificate)",
    IssueCode.RESIDENCE_END_UNKNOWN: "record {record_id}: the end of registration is not in "
    "the record (stated on the certificate)",
    IssueCode.NAME_FORMS_DIFFER: "the records write the name differently: {names} (each line "
    "shows its record's form)",
    IssueCode.BIRTH_DATES_DIFFER: "the records give different birth dates: {dates} (listed on "
    "the certificate)",
}


class _Usage(Exception):
    pass


def _text(value: object) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def message(issue: Issue) -> str:
    values = {k: _text(v) for k, v in issue.detail.items()}
    values["record_id"] = issue.record_id or "?"
    values["detail"] = "; ".join(f"{k}: {_text(v)}" for k, v in issue.detail.items())
    try:
        return MESSAGES[issue.code].format_map(values)
    except (KeyError, IndexError):
        return issue.describe()


def _split(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    return tuple(x.strip() for x in text.replace(";", ",").split(",") if x.strip())


def _free_text(items: Sequence[str], files: Sequence[str]) -> dict[str, dict[str, str]]:
    """--text et:remarks=TEXT and --text-file ru:opening=PATH."""
    out: dict[str, dict[str, str]] = {}
    for raw, from_file in [*((t, False) for t in items), *((f, True) for f in files)]:
        head, sep, value = raw.partition("=")
        lang, colon, part = head.partition(":")
        if not (sep and colon and lang and part):
            raise _Usage(f"--text{'-file' if from_file else ''} {raw!r}: write LANG:PART=…")
        if part not in FREE_TEXT_PARTS:
            raise _Usage(f"{part!r} is not an editable part ({', '.join(FREE_TEXT_PARTS)})")
        if from_file:
            try:
                value = Path(value).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise _Usage(f"--text-file {value}: {exc}") from None
        out.setdefault(lang.strip(), {})[part] = value.replace("\\n", "\n")
    return out


def _period(text: str | None) -> tuple[int | None, int | None]:
    if not text:
        return None, None
    start, _, end = text.partition("-")
    try:
        return (int(start) if start.strip() else None, int(end) if end.strip() else None)
    except ValueError:
        raise _Usage(f"--period {text!r}: write YEAR-YEAR, YEAR- or -YEAR") from None


def _partial(text: str | None):  # type: ignore[no-untyped-def]
    if not text:
        return None
    from clerk_app.imports.values import parse_date

    try:
        return parse_date(text)
    except ValueError as exc:
        raise _Usage(f"--born: {exc}") from None


def _check_output(path: str | None) -> Path | None:
    if not path:
        return None
    out = Path(path)
    if not out.parent.is_dir():
        raise _Usage(f"-o {path}: folder {out.parent} does not exist")
    return out


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)


def _spec(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from clerk_app.core.services.certificates import CertificateSpec

    search = None
    if args.searched or args.period or args.name_form:
        start, end = _period(args.period)
        search = SearchScope(tuple(args.searched or ()), start, end, tuple(args.name_form or ()))
    subject = Subject(args.person, _partial(args.born)) if args.person else None
    return CertificateSpec(
        type=CertificateType(args.type) if args.type else None,
        record_ids=_split(args.records) if args.records is not None else None,
        languages=args.lang or None,
        request_ref=args.request,
        subject=subject,
        search=search,
        free_text=_free_text(args.text or [], args.text_file or []),
    )


def _report(view, out: Path | None, as_json: bool) -> None:  # type: ignore[no-untyped-def]
    if out is not None:
        _write(out, view.pdf)
    if as_json:
        _dump(view_json(view, out))
        return
    for w in view.warnings:
        print(f"warning: {message(w)}", file=sys.stderr)
    number = view.registry_number or "(number on finalising)"
    version = f" version {view.version}" if view.version > 1 else ""
    where = f" -> {out}" if out else ""
    print(f"{view.status.value} {number}{version} {view.uid} {view.page_count} page(s){where}")


def view_json(view, out: Path | None = None) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return {
        "uid": view.uid,
        "registry_number": view.registry_number,
        "version": view.version,
        "status": view.status.value,
        "type": view.type.value,
        "languages": list(view.languages),
        "subject": view.subject.name,
        "records": list(view.record_ids),
        "request_uid": view.request_uid,
        "supersedes": view.supersedes_uid,
        "issued_on": view.issued_on.isoformat() if view.issued_on else None,
        "pages": view.page_count,
        "sha256": view.pdf_sha256,
        "signature_box": asdict(view.signature_box),
        "warnings": [{"code": w.code.value, "message": message(w)} for w in view.warnings],
        "free_text": view.free_text,
        "file": str(out) if out else None,
    }


def cmd_create(ctx: Workstation, args: argparse.Namespace) -> int:
    out = _check_output(args.output)
    service = ctx.certificates()
    spec = _spec(args)
    view = service.create_final(spec) if args.final else service.create_draft(spec)
    _report(view, out, args.json)
    return 0


def cmd_edit(ctx: Workstation, args: argparse.Namespace) -> int:
    out = _check_output(args.output)
    texts = _free_text(args.text or [], args.text_file or [])
    if not texts:
        raise _Usage("nothing to change: give --text or --text-file")
    view = ctx.certificates().update_draft(args.uid, texts)
    _report(view, out, args.json)
    return 0


def cmd_finalise(ctx: Workstation, args: argparse.Namespace) -> int:
    out = _check_output(args.output)
    _report(ctx.certificates().finalise(args.uid), out, args.json)
    return 0


def cmd_correct(ctx: Workstation, args: argparse.Namespace) -> int:
    out = _check_output(args.output)
    service = ctx.certificates()
    view = service.correct(
        args.uid,
        args.reason,
        record_ids=_split(args.records) if args.records is not None else None,
        free_text=_free_text(args.text or [], args.text_file or []),
        languages=args.lang or None,
    )
    if args.final:
        view = service.finalise(view.uid)
    _report(view, out, args.json)
    return 0


def _find(ctx: Workstation, ref: str, version: int | None):  # type: ignore[no-untyped-def]
    service = ctx.certificates()
    views = service.find(ref)
    if not views:
        return service.get(ref)
    if version is None:
        return views[-1]
    for v in views:
        if v.version == version:
            return v
    raise _Usage(
        f"{ref} has no version {version} (versions {', '.join(str(v.version) for v in views)})"
    )


def cmd_export(ctx: Workstation, args: argparse.Namespace) -> int:
    out = _check_output(args.output)
    assert out is not None
    view = _find(ctx, args.ref, args.version)
    _write(out, view.pdf)
    print(f"{view.registry_number or view.uid} version {view.version} -> {out}")
    return 0


def cmd_show(ctx: Workstation, args: argparse.Namespace) -> int:
    view = _find(ctx, args.ref, args.version)
    data = view_json(view)
    if args.json:
        _dump(data)
        return 0
    for key in ("registry_number", "version", "status", "type", "languages", "subject",
                "records", "issued_on", "pages", "sha256", "uid", "supersedes"):  # fmt: skip
        print(f"{key:>16}: {_text(data[key]) if data[key] is not None else '—'}")
    print(f"{'signature box':>16}: page {view.signature_box.page + 1}, "
          f"({view.signature_box.x1}, {view.signature_box.y1})–"
          f"({view.signature_box.x2}, {view.signature_box.y2}) pt")  # fmt: skip
    for w in data["warnings"]:
        print(f"{'warning':>16}: {w['message']}")
    for lang, parts in view.free_text.items():
        for part, text in parts.items():
            if text:
                print(f"{lang + ':' + part:>16}: {text}")
    return 0


def _summary_json(s: CertificateSummary) -> dict[str, Any]:
    return {
        "uid": s.uid,
        "registry_number": s.registry_number,
        "version": s.version,
        "status": s.status.value,
        "superseded_by": s.superseded_by,
        "type": s.type.value,
        "languages": list(s.languages),
        "subject": s.subject_name,
        "request": s.request_number,
        "created_at": s.created_at.isoformat(),
        "issued_on": s.issued_on.isoformat() if s.issued_on else None,
        "warnings": list(s.warnings),
    }


def cmd_list(ctx: Workstation, args: argparse.Namespace) -> int:
    rows = ctx.certificates().list(
        CertificateStatus(args.status) if args.status else None,
        CertificateType(args.type) if args.type else None,
        args.limit,
    )
    if args.json:
        _dump([_summary_json(s) for s in rows])
        return 0
    if not rows:
        print("no certificates")
    for s in rows:
        state = "superseded" if s.superseded_by else s.status.value
        number = (s.registry_number or "—") + (f"/{s.version}" if s.version > 1 else "")
        issued = s.issued_on.isoformat() if s.issued_on else s.created_at.date().isoformat()
        print(
            f"{number:<24} {state:<10} {s.type.value:<12} {','.join(s.languages):<5} {issued} "
            f"{s.subject_name}"
            + (f"  [{s.request_number}]" if s.request_number else "")
            + f"  {s.uid}"
        )
    return 0


# -- batch -------------------------------------------------------------------------------

BATCH_FIELDS = ("type", "records", "request", "lang", "person", "born", "searched", "period",
                "name_forms", "out")  # fmt: skip


def _batch_items(path: Path) -> Iterator[dict[str, Any]]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _Usage(f"{path}: {exc}") from None
    text = raw.decode("utf-8-sig", errors="strict") if raw else ""
    if path.suffix.lower() == ".json":
        try:
            items = json.loads(text)
        except json.JSONDecodeError as exc:
            raise _Usage(f"{path}: not JSON ({exc})") from None
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise _Usage(f"{path}: expected a JSON list of objects")
        yield from items
        return
    reader = csv.DictReader(io.StringIO(text))
    unknown = [f for f in reader.fieldnames or [] if f not in BATCH_FIELDS]
    if unknown:
        raise _Usage(
            f"{path}: unknown columns {', '.join(unknown)} (known: {', '.join(BATCH_FIELDS)})"
        )
    yield from reader


def _item_spec(item: dict[str, Any]):  # type: ignore[no-untyped-def]
    from clerk_app.core.services.certificates import CertificateSpec

    unknown = [k for k in item if k not in BATCH_FIELDS]
    if unknown:
        raise _Usage(f"unknown field(s) {', '.join(unknown)}")

    def items(key: str, sep: str) -> tuple[str, ...]:
        value = item.get(key)
        if isinstance(value, list):
            return tuple(str(v).strip() for v in value if str(v).strip())
        return tuple(x.strip() for x in str(value or "").split(sep) if x.strip())

    try:
        cert_type = CertificateType(item["type"]) if item.get("type") else None
    except ValueError:
        raise _Usage(f"type {item['type']!r} is not one of "
                     f"{', '.join(t.value for t in CertificateType)}") from None  # fmt: skip
    records = item.get("records")
    search = None
    if item.get("searched") or item.get("period") or item.get("name_forms"):
        start, end = _period(str(item.get("period") or ""))
        search = SearchScope(items("searched", "|"), start, end, items("name_forms", "|"))
    person = str(item.get("person") or "").strip()
    return CertificateSpec(
        type=cert_type,
        record_ids=_split(",".join(records) if isinstance(records, list) else records)
        if records not in (None, "")
        else None,
        languages=str(item.get("lang") or "") or None,
        request_ref=str(item.get("request") or "") or None,
        subject=Subject(person, _partial(str(item.get("born") or ""))) if person else None,
        search=search,
    )


def cmd_batch(ctx: Workstation, args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from clerk_app.core.services.certificates import BatchResult

    out_dir = Path(args.out_dir)
    if not out_dir.is_dir():
        raise _Usage(f"--out-dir {out_dir}: not a folder")
    specs, names, bad = [], [], {}
    for n, item in enumerate(_batch_items(Path(args.file))):
        try:
            specs.append(_item_spec(item))
        except _Usage as exc:
            bad[n] = str(exc)
            specs.append(None)
        names.append(str(item.get("out") or "").strip() or None)
    service = ctx.certificates()
    show = args.progress or sys.stderr.isatty()
    bar = tqdm(total=len(specs), unit="cert", disable=not show, file=sys.stderr)
    results: list[dict[str, Any]] = []
    runnable = [(n, s) for n, s in enumerate(specs) if s is not None]

    def progress(_done: int, result: BatchResult) -> None:
        bar.update(1)
        n = runnable[result.index][0]
        entry: dict[str, Any] = {"item": n + 1}
        if result.view is not None:
            view = result.view
            name = names[n] or f"{n + 1:04d}-{view.registry_number or view.uid}.pdf"
            path = out_dir / Path(name).name
            _write(path, view.pdf)
            entry |= {"ok": True, **view_json(view, path)}
        else:
            entry |= {
                "ok": False,
                "issues": [{"code": i.code.value, "message": message(i)} for i in result.issues],
                "error": result.error,
            }
        results.append(entry)

    with bar:
        bar.update(len(bad))
        service.batch([s for _, s in runnable], finalise=args.final, progress=progress)
    results += [{"item": n + 1, "ok": False, "error": msg} for n, msg in bad.items()]
    results.sort(key=lambda r: r["item"])
    for r in results:
        if r["ok"]:
            print(f"  #{r['item']} ok {r['registry_number'] or r['uid']} -> {r['file']}")
        else:
            reasons = [i["message"] for i in r.get("issues") or []] + [r["error"]] * bool(
                r.get("error")
            )
            print(f"  #{r['item']} refused: {'; '.join(reasons)}")
    ok = sum(1 for r in results if r["ok"])
    print(f"{ok} of {len(results)} certificate(s) made, {len(results) - ok} refused")
    if args.report:
        Path(args.report).write_text(
            json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8"
        )
    return 0 if ok == len(results) else 1


def _dump(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    print()


def _guarded(func):  # type: ignore[no-untyped-def]
    """Refusals become clear lines on stderr and exit code 1; usage errors exit 2."""

    def run(ctx: Workstation, args: argparse.Namespace) -> int:
        from clerk_app.core.certificates.office import OfficeProfileError

        try:
            return int(func(ctx, args))
        except CertificateRefused as exc:
            for issue in exc.issues:
                print(f"error: {message(issue)}", file=sys.stderr)
            if func in (cmd_create, cmd_correct):
                print("nothing was stored", file=sys.stderr)
        except OfficeProfileError as exc:
            print(f"error: office profile: {exc}", file=sys.stderr)
        except _Usage as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        return 1

    return run


def _content_options(p: argparse.ArgumentParser) -> None:
    parts = ", ".join(FREE_TEXT_PARTS)
    p.add_argument(
        "--text",
        action="append",
        metavar="LANG:PART=TEXT",
        help=f"replace an editable part ({parts}); \\n is a new line",
    )
    p.add_argument(
        "--text-file", action="append", metavar="LANG:PART=FILE", help="the same, from a file"
    )
    p.add_argument("-o", "--output", help="write the PDF here")
    p.add_argument("--json", action="store_true")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    cert = sub.add_parser("certificate", help="archival certificates (PDF/A)")
    cs = cert.add_subparsers(dest="what", required=True)
    types = [t.value for t in CertificateType]

    c = cs.add_parser("create", help="build a certificate (a draft unless --final)")
    c.add_argument("--type", choices=types, help="default: from the request's subject")
    c.add_argument("--records", help="archive record ids, comma-separated (default: the "
                   "records collected for the request)")  # fmt: skip
    c.add_argument("--request", help="request registration number or uid")
    c.add_argument("--lang", help="languages, issuer first, e.g. et,ru (default: the "
                   "request's, else et)")  # fmt: skip
    c.add_argument("--person", help="the person named (default: from the records / request)")
    c.add_argument("--born", help="the person's birth date")
    c.add_argument("--searched", action="append", help="negative: a place searched (repeat)")
    c.add_argument("--period", help="negative: years searched, e.g. 1950-1975")
    c.add_argument("--name-form", action="append", help="negative: a name form searched")
    c.add_argument("--final", action="store_true", help="finalise at once (draws the number)")
    _content_options(c)
    c.set_defaults(func=_guarded(cmd_create))

    e = cs.add_parser("edit", help="change the free-text parts of a draft")
    e.add_argument("uid")
    _content_options(e)
    e.set_defaults(func=_guarded(cmd_edit))

    f = cs.add_parser("finalise", help="number and freeze a draft")
    f.add_argument("uid")
    f.add_argument("-o", "--output", help="write the PDF here")
    f.add_argument("--json", action="store_true")
    f.set_defaults(func=_guarded(cmd_finalise))

    k = cs.add_parser("correct", help="a new version superseding a final certificate")
    k.add_argument("uid")
    k.add_argument("--reason", required=True, help="why (printed on the new version)")
    k.add_argument("--records", help="the corrected record selection")
    k.add_argument("--lang")
    k.add_argument("--final", action="store_true")
    _content_options(k)
    k.set_defaults(func=_guarded(cmd_correct))

    x = cs.add_parser("export", help="write a stored certificate's PDF")
    x.add_argument("ref", help="uid or registry number (latest version)")
    x.add_argument("--version", type=int)
    x.add_argument("-o", "--output", required=True)
    x.set_defaults(func=_guarded(cmd_export))

    s = cs.add_parser("show", help="a certificate's details, warnings and texts")
    s.add_argument("ref", help="uid or registry number (latest version)")
    s.add_argument("--version", type=int)
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=_guarded(cmd_show))

    ls = cs.add_parser("list", help="certificates, newest first")
    ls.add_argument("--status", choices=[s.value for s in CertificateStatus])
    ls.add_argument("--type", choices=types)
    ls.add_argument("--limit", type=int, default=200)
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=_guarded(cmd_list))

    b = cs.add_parser("batch", help="many certificates from a CSV or JSON list")
    b.add_argument("file", help=f"CSV or JSON; fields: {', '.join(BATCH_FIELDS)}")
    b.add_argument("--out-dir", required=True, help="folder for the PDFs")
    b.add_argument("--final", action="store_true", help="finalise each certificate")
    b.add_argument("--report", help="write the per-item results as JSON here")
    b.add_argument("--progress", action="store_true", help="progress bar (default on a tty)")
    b.set_defaults(func=_guarded(cmd_batch))
