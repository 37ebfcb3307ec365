"""Parallel import (parser process → writing caller) and the bulk load into an empty table:
same result as the in-process import, and still all or nothing."""

from __future__ import annotations

import csv
import multiprocessing
import os
import sqlite3
from functools import partial
from pathlib import Path

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from clerk_app.core.services.import_records import import_records
from clerk_app.demo import demo_rows
from clerk_app.imports import ImportFileError
from clerk_app.imports.pipeline import ParserProcessError, parallel_items, table_items
from clerk_app.store import models
from clerk_app.store.database import open_database
from clerk_app.store.rows import prepare_item
from clerk_app.store.uow import SqlUnitOfWork
from tests.factories import PEOPLE, person

HEADER = ["record_id", "record_type", "surname", "given_name", "patronymic", "birth_date",
          "fonds", "inventory", "file", "sheets", "pay_year", "pay_month", "amount",
          "currency"]  # fmt: skip
TABLES = ("archive", "fonds", "inventory", "file_unit", "person_record", "payroll_entry",
          "name_vocab")  # fmt: skip


def _write_csv(path: Path, n: int, bad_row: int | None = None) -> Path:
    """n rows: personnel records and 12-month payroll accounts (an account's months span
    message and batch boundaries); row `bad_row` (spreadsheet numbering) has a bad date."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        for i in range(n):
            row_no = i + 2
            born = "31.02.1950" if row_no == bad_row else f"19{20 + i % 60}"
            if i % 10 < 6:
                w.writerow([f"P{i}", "personnel", "Иванов", ["Иван", "Пётр", "Юри"][i % 3],
                            "", born, "Р-1", "1", str(i % 50), str(i % 300 + 1),
                            "", "", "", ""])  # fmt: skip
            else:
                acct = i // 10
                w.writerow([f"L{acct}", "payroll", "Тамм", "Мари", "", "1955", "Р-2", "1", "7",
                            "3", "1978", str(i % 10 - 5), "100,50", "SUR"])  # fmt: skip
    return path


def _snapshot(engine) -> dict[str, list]:  # type: ignore[type-arg]
    out = {}
    with engine.connect() as conn:
        for table in TABLES:
            rows = conn.execute(text(f"SELECT * FROM {table} ORDER BY 1")).mappings().all()
            out[table] = [
                {k: v for k, v in r.items() if k not in ("created_at", "updated_at")} for r in rows
            ]
    return out


def _import(engine, items, **kw):  # type: ignore[no-untyped-def]
    return import_records(lambda: SqlUnitOfWork(engine), items, source="t", actor="t", **kw)


def _sqlite(tmp_path: Path, name: str):  # type: ignore[no-untyped-def]
    return open_database(f"sqlite:///{tmp_path / name}")


def test_parallel_import_writes_what_the_in_process_import_writes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    f = _write_csv(tmp_path / "p.csv", 3000)
    serial, parallel = _sqlite(tmp_path, "a.db"), _sqlite(tmp_path, "b.db")
    a = _import(serial, table_items(f, "NRV"), batch_size=500)
    with parallel_items(partial(table_items, str(f), "NRV"), prepare_item, batch=70) as items:
        b = _import(parallel, items, batch_size=500)
    assert a.committed and b.committed and a.counts == b.counts
    assert b.counts.inserted == 1800 + 300 and b.counts.payroll_written == 1200
    assert _snapshot(serial) == _snapshot(parallel)
    # the demo goes the same way
    with parallel_items(partial(demo_rows, 300, 5, True), prepare_item, batch=50) as items:
        demo = _import(parallel, items)
    assert demo.committed and demo.counts.inserted > 300


def test_parallel_import_on_each_database(engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    f = _write_csv(tmp_path / "p.csv", 2000)
    with parallel_items(partial(table_items, str(f), "NRV"), prepare_item, batch=64) as items:
        report = _import(engine, items, batch_size=300)
    assert report.committed and report.counts.inserted == 1200 + 200
    with engine.connect() as conn:
        months = conn.execute(
            text(
                "SELECT count(*) FROM payroll_entry p JOIN person_record r "
                "ON r.id = p.person_record_id WHERE r.record_id = 'L7'"
            )
        ).scalar()
    assert months == 4  # the account's months from four rows, across batches
    with parallel_items(partial(table_items, str(f), "NRV"), prepare_item) as items:
        again = _import(engine, items)
    assert again.counts.inserted == 0 and again.counts.updated == 0


def test_a_bad_row_late_in_a_parallel_import_imports_nothing(engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    f = _write_csv(tmp_path / "p.csv", 3000, bad_row=2903)
    before = _snapshot(engine)
    with parallel_items(partial(table_items, str(f), "NRV"), prepare_item, batch=100) as items:
        report = _import(engine, items, batch_size=400)
    assert not report.committed and report.issue_count == 1
    assert report.issues[0].row == 2903 and report.issues[0].column == "birth_date"
    assert _snapshot(engine) == before
    with parallel_items(partial(table_items, str(f), "NRV"), prepare_item) as items:
        report = _import(engine, items, skip_invalid=True)
    assert report.committed and report.counts.inserted == 1800 + 300 - 1


def test_a_file_turning_undecodable_half_way_changes_nothing(engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    f = _write_csv(tmp_path / "p.csv", 12_000)  # > the 256 kB the encoding sniffer reads
    with f.open("ab") as fh:
        fh.write("X1,personnel,Ка".encode() + b"\xff\xfe" + b",,,1950,1,1,1,1,,,,\n")
    _import(engine, PEOPLE[:2])
    before = _snapshot(engine)
    with (
        pytest.raises(ImportFileError) as err,
        parallel_items(partial(table_items, str(f), "NRV"), prepare_item, batch=100) as items,
    ):
        _import(engine, items, batch_size=500)
    assert err.value.code == "encoding" and err.value.row == 12_002
    assert _snapshot(engine) == before


def _rows_then_die(n: int):  # type: ignore[no-untyped-def]
    for i in range(n):
        yield person(f"Z{i}", "Сидоров", "Пётр", sheets=str(i + 1))
    os._exit(3)  # the parser process is killed: no error message, no "done"


def test_a_killed_parser_process_changes_nothing(engine) -> None:  # type: ignore[no-untyped-def]
    _import(engine, PEOPLE[:2])
    before = _snapshot(engine)
    with (
        pytest.raises(ParserProcessError, match="exit code 3"),
        parallel_items(partial(_rows_then_die, 2500), prepare_item, batch=100) as items,
    ):
        _import(engine, items, batch_size=500)
    assert _snapshot(engine) == before


class _Boom(Exception):
    pass


def test_a_failing_writer_stops_the_parser_and_changes_nothing(engine) -> None:  # type: ignore[no-untyped-def]
    before = _snapshot(engine)

    def fail(n: int) -> None:
        if n >= 3000:
            raise _Boom("disk full")

    with (
        pytest.raises(_Boom),
        parallel_items(partial(demo_rows, 20_000, 1, False), prepare_item) as items,
    ):
        _import(engine, items, batch_size=1000, progress=fail)
    assert multiprocessing.active_children() == []
    assert _snapshot(engine) == before


def _indexes(engine) -> set[str]:  # type: ignore[no-untyped-def]
    sql = (
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'person_record'"
        if engine.dialect.name == "sqlite"
        else "SELECT indexname FROM pg_indexes WHERE tablename = 'person_record'"
    )
    with engine.connect() as conn:
        return set(conn.execute(text(sql)).scalars())


def _schema_diff(engine) -> list:  # type: ignore[type-arg]
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), models.Base.metadata)
    return [
        d
        for d in diff
        if not (d[0] == "remove_table" and d[1].name.startswith("person_fts"))
        and not (d[0] == "remove_index" and d[1].name == "ix_person_record_tokens")
    ]


def test_bulk_load_into_an_empty_table_rebuilds_its_indexes(engine) -> None:  # type: ignore[no-untyped-def]
    indexes = _indexes(engine)
    assert {"ix_person_record_birth_year", "ix_person_record_file_unit"} <= indexes
    report = _import(engine, demo_rows(400, 2, True), batch_size=100)
    assert report.committed
    assert _indexes(engine) == indexes and _schema_diff(engine) == []
    with engine.connect() as conn:
        plan = " ".join(
            str(r)
            for r in conn.execute(
                text(
                    "EXPLAIN QUERY PLAN SELECT id FROM person_record WHERE birth_year = 1950"
                    if engine.dialect.name == "sqlite"
                    else "EXPLAIN SELECT id FROM person_record WHERE birth_year = 1950"
                )
            )
        )
        if engine.dialect.name == "sqlite":
            assert "ix_person_record_birth_year" in plan
            conn.execute(text("INSERT INTO person_fts(person_fts) VALUES ('integrity-check')"))


def test_crash_during_a_bulk_load_keeps_the_schema_and_no_rows(engine) -> None:  # type: ignore[no-untyped-def]
    indexes = _indexes(engine)

    def rows():  # type: ignore[no-untyped-def]
        yield from demo_rows(600, 3, True)
        raise _Boom("power cut")

    with pytest.raises(_Boom):
        _import(engine, rows(), batch_size=200)
    assert _indexes(engine) == indexes and _schema_diff(engine) == []
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM person_record")).scalar() == 0
    assert _import(engine, PEOPLE).committed  # and the store works as before


def test_a_repeated_record_id_from_a_source_without_checks_fails_whole(engine) -> None:  # type: ignore[no-untyped-def]
    """parse_rows reports duplicate record_ids; a source that does not (a program) gets the
    database's unique constraint, also in the empty-table bulk load: nothing is written."""
    rows = [person(f"Q{i}", "Сидоров", "Пётр", sheets=str(i + 1)) for i in range(30)]
    rows.append(person("Q3", "Петров", "Иван"))
    with pytest.raises((IntegrityError, sqlite3.IntegrityError, psycopg.IntegrityError)):
        _import(engine, rows, batch_size=10)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM person_record")).scalar() == 0


def test_a_corrected_payroll_month_is_updated_and_the_others_kept(engine) -> None:  # type: ignore[no-untyped-def]
    from tests.factories import month

    def account(amount_march: str):  # type: ignore[no-untyped-def]
        return [
            person("L9", "Тамм", "Мари", record_type=_payroll(), payroll=[month(1978, m, a)])
            for m, a in ((1, "100"), (2, "100.50"), (3, amount_march))
        ]

    assert _import(engine, account("101")).counts.payroll_written == 3
    report = _import(engine, account("110.25"))
    assert report.committed
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT pay_month, amount FROM payroll_entry ORDER BY pay_month")
        ).all()
        period = conn.execute(
            text("SELECT period_from, period_to FROM person_record WHERE record_id = 'L9'")
        ).one()
    assert [(m, float(a)) for m, a in rows] == [(1, 100.0), (2, 100.5), (3, 110.25)]
    assert tuple(period) == (1978, 1978)


def _payroll():  # type: ignore[no-untyped-def]
    from clerk_app.core.records import RecordType

    return RecordType.PAYROLL
