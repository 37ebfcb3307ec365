"""Archive commands: import, demo, search, index maintenance, info and the access log."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from functools import partial
from pathlib import Path

from clerk_app.bootstrap import Workstation
from clerk_app.core.search_types import SearchFilters, SearchHit, record_types
from clerk_app.core.services.import_records import ImportReport, import_records
from clerk_app.core.services.person_search import PersonSearch

TYPE_CHOICES = ["personnel", "payroll", "birth", "marriage", "death", "residence", "civil"]


def _progress(total: int | None, enabled: bool, unit: str = "rows"):  # type: ignore[no-untyped-def]
    from tqdm import tqdm

    bar = tqdm(total=total, unit=unit, disable=not enabled, file=sys.stderr, smoothing=0.1)
    state = {"n": 0}

    def update(n: int) -> None:
        bar.update(n - state["n"])
        state["n"] = n

    return bar, update


def _print_report(report: ImportReport) -> None:
    out = sys.stdout
    c = report.counts
    for issue in report.issues[:50]:
        print(f"  {issue.message()}", file=sys.stderr)
    if report.issue_count > 50:
        print(f"  … and {report.issue_count - 50} more bad rows", file=sys.stderr)
    if report.committed:
        print(
            f"{report.source}: {report.rows_read} rows read, {c.inserted} records added, "
            f"{c.updated} updated, {c.unchanged} unchanged, {c.payroll_written} payroll months, "
            f"{report.issue_count} rows skipped; {report.seconds:.1f} s "
            f"({report.rows_per_second:,.0f} rows/s)",
            file=out,
        )
    else:
        print(
            f"{report.source}: {report.issue_count} bad rows; nothing was imported "
            "(fix the rows or use --skip-invalid to import the others)",
            file=sys.stderr,
        )


def _items(source, rows: int):  # type: ignore[no-untyped-def]
    """Big imports parse in a second process while this one writes (imports/pipeline.py)."""
    from clerk_app.imports import pipeline
    from clerk_app.store.rows import prepare_item

    return pipeline.import_items(source, rows, prepare_item)


def cmd_import_persons(ctx: Workstation, args: argparse.Namespace) -> int:
    from clerk_app.imports import ImportFileError, open_table
    from clerk_app.imports.pipeline import table_items

    archive = args.archive or ctx.settings.default_archive
    try:
        with open_table(args.file) as table:  # refuses a bad file before anything starts
            total = table.count_rows()
    except ImportFileError as exc:
        print(f"error: {args.file}: {exc.detail} [{exc.code}]", file=sys.stderr)
        return 1
    show = args.progress or sys.stderr.isatty()
    bar, update = _progress(total if show else None, show)
    try:
        with bar, _items(partial(table_items, str(args.file), archive), total) as items:
            report = import_records(
                ctx.uow_factory(),
                items,
                source=str(args.file),
                actor=ctx.actor,
                workstation=ctx.workstation,
                skip_invalid=args.skip_invalid,
                progress=update,
            )
    except ImportFileError as exc:  # the file turned bad part-way: nothing was imported
        print(f"error: {args.file}: {exc} [{exc.code}]; nothing was imported", file=sys.stderr)
        return 1
    _print_report(report)
    return 0 if report.committed else 1


def cmd_demo(ctx: Workstation, args: argparse.Namespace) -> int:
    from clerk_app.demo import demo_rows

    show = args.progress or sys.stderr.isatty()
    bar, update = _progress(None, show, "records")
    source = partial(demo_rows, args.persons, args.seed, not args.no_payroll)
    # about 1.5 records a person (more with payroll months)
    with bar, _items(source, args.persons * 3 // 2) as items:
        report = import_records(
            ctx.uow_factory(),
            items,
            source=f"demo(persons={args.persons}, seed={args.seed})",
            actor=ctx.actor,
            workstation=ctx.workstation,
            progress=update,
        )
    _print_report(report)
    print(f"database: {ctx.url}")
    return 0 if report.committed else 1


def hit_json(hit: SearchHit) -> dict[str, object]:
    data = asdict(hit)
    data["score"] = round(hit.score, 4)
    data["matches"] = [asdict(m) for m in hit.matches]
    data["reference"] = {
        k: data.pop(k) for k in ("archive", "fonds", "inventory", "file", "sheets")
    }
    data["reference"]["citation"] = hit.citation()
    return data


def cmd_search(ctx: Workstation, args: argparse.Namespace) -> int:
    filters = SearchFilters(
        born_from=args.born_from,
        born_to=args.born_to,
        types=record_types(args.type or []),
        enterprise=args.enterprise,
        period_from=args.period_from,
        period_to=args.period_to,
    )
    search = PersonSearch(ctx.uow_factory(), ctx.actor, ctx.workstation)
    result = search.search(args.query, filters, args.limit)
    if args.json:
        json.dump([hit_json(h) for h in result.hits], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if not result.hits:
        print("no records found")
        return 0
    for h in result.hits:
        name = " ".join(p for p in (h.surname, h.given_name, h.patronymic) if p)
        print(
            f"{h.score:5.3f}  {h.record_id:<16} {name:<40} {h.birth_date or '':<10} "
            f"{h.record_type:<10} {h.citation()}"
        )
    if result.relaxed:
        print("(looser spelling match used: check the names carefully)", file=sys.stderr)
    return 0


def cmd_index_rebuild(ctx: Workstation, args: argparse.Namespace) -> int:
    with ctx.uow_factory()() as uow:
        changed = uow.search.rebuild(force=args.all)
        uow.commit()
    print(f"search keys rebuilt for {changed} records")
    return 0


def cmd_info(ctx: Workstation, args: argparse.Namespace) -> int:
    with ctx.uow_factory()() as uow:
        count = uow.records.count()
    info = {"home": str(ctx.home.root), "database": ctx.url, "records": count}
    print(json.dumps(info, indent=2))
    return 0


def cmd_access_log(ctx: Workstation, args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from clerk_app.store.models import AccessLog

    with ctx.uow_factory()() as uow:
        rows = uow.session.execute(
            select(AccessLog).order_by(AccessLog.id.desc()).limit(args.limit)
        ).scalars()
        entries = [
            {
                "at": r.at.isoformat(),
                "actor": r.actor,
                "workstation": r.workstation,
                "action": r.action,
                "query": r.query,
                "filters": json.loads(r.filters or "{}"),
                "result_count": r.result_count,
            }
            for r in rows
        ]
    json.dump(entries, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    imp = sub.add_parser("import", help="import records from a spreadsheet")
    imp_sub = imp.add_subparsers(dest="what", required=True)
    persons = imp_sub.add_parser("persons", help="person records from CSV or XLSX")
    persons.add_argument("file", type=Path)
    persons.add_argument("--skip-invalid", action="store_true", help="import the good rows")
    persons.add_argument("--archive", help="archive code for rows without an archive column")
    persons.add_argument("--progress", action="store_true", help="show progress when piped")
    persons.set_defaults(func=cmd_import_persons)

    demo = sub.add_parser("demo", help="fill the database with a realistic demo archive")
    demo.add_argument("--persons", type=int, default=2000)
    demo.add_argument("--seed", type=int, default=42)
    demo.add_argument("--no-payroll", action="store_true", help="skip monthly payroll ledgers")
    demo.add_argument("--progress", action="store_true")
    demo.set_defaults(func=cmd_demo)

    s = sub.add_parser("search", help="find a person in any script or transliteration")
    s.add_argument("query")
    s.add_argument("--born-from", type=int)
    s.add_argument("--born-to", type=int)
    s.add_argument("--type", action="append", choices=TYPE_CHOICES)
    s.add_argument("--enterprise")
    s.add_argument("--period-from", type=int)
    s.add_argument("--period-to", type=int)
    s.add_argument("--limit", type=int, default=20)
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_search)

    idx = sub.add_parser("index", help="search index maintenance")
    idx_sub = idx.add_subparsers(dest="what", required=True)
    rb = idx_sub.add_parser("rebuild", help="recompute search keys made by an older fold")
    rb.add_argument("--all", action="store_true", help="recompute every record")
    rb.set_defaults(func=cmd_index_rebuild)

    sub.add_parser("info", help="where the data is and how much").set_defaults(func=cmd_info)
    log = sub.add_parser("access-log", help="recent searches and imports (newest first)")
    log.add_argument("--limit", type=int, default=50)
    log.set_defaults(func=cmd_access_log)
