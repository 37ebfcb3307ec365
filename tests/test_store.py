"""The store on SQLite and PostgreSQL: schema = models, upsert, idempotence, atomicity."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select, text

from clerk_app.core.services.import_records import import_records
from clerk_app.search.fold import fold_token
from clerk_app.store import models
from clerk_app.store.database import schema_is_current, upgrade
from clerk_app.store.uow import SqlUnitOfWork
from tests.factories import PEOPLE, month, person


def _uow(engine):  # type: ignore[no-untyped-def]
    return lambda: SqlUnitOfWork(engine)


def _import(engine, rows, **kw):  # type: ignore[no-untyped-def]
    return import_records(_uow(engine), rows, source="test", actor="tester", **kw)


def _snapshot(engine) -> dict[str, list]:  # type: ignore[type-arg]
    out = {}
    with engine.connect() as conn:
        for table in (
            "archive",
            "fonds",
            "inventory",
            "file_unit",
            "person_record",
            "payroll_entry",
            "name_vocab",
            "name_variant",
        ):
            out[table] = [tuple(r) for r in conn.execute(text(f"SELECT * FROM {table} ORDER BY 1"))]
    return out


def test_migrations_match_models(engine) -> None:  # type: ignore[no-untyped-def]
    assert schema_is_current(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), models.Base.metadata)
    # the search index (FTS5 tables on SQLite, a GIN expression index on PostgreSQL) is made by
    # the migration only
    diff = [
        d
        for d in diff
        if not (d[0] == "remove_table" and d[1].name.startswith("person_fts"))
        and not (d[0] == "remove_index" and d[1].name == "ix_person_record_tokens")
    ]
    assert diff == []
    upgrade(engine)  # a second upgrade is a no-op


def test_import_builds_hierarchy_and_keys(engine) -> None:  # type: ignore[no-untyped-def]
    report = _import(engine, PEOPLE)
    assert report.committed and report.counts.inserted == len(PEOPLE)
    assert report.counts.payroll_written == 2
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM fonds")).scalar() == 2  # Р-45 and R-45
        row = conn.execute(
            text(
                "SELECT surname, script, name_key, search_tokens, birth_year, period_from "
                "FROM person_record WHERE record_id = 'P1'"
            )
        ).one()
    assert row.surname == "Щербаков" and row.script == "cyrl"  # stored as written
    assert row.name_key.split("|")[0] == "serbakov"
    assert "petr" in row.search_tokens.split()
    assert row.birth_year == 1948 and row.period_from == 1970
    with engine.connect() as conn:
        pay = conn.execute(
            text(
                "SELECT pay_year, pay_month, amount, currency FROM payroll_entry ORDER BY pay_month"
            )
        ).all()
    assert [(p.pay_year, p.pay_month, Decimal(p.amount), p.currency) for p in pay] == [
        (1978, 1, Decimal("120.50"), "SUR"),
        (1978, 2, Decimal("121.00"), "SUR"),
    ]


def test_reimport_changes_nothing(engine) -> None:  # type: ignore[no-untyped-def]
    _import(engine, PEOPLE)
    before = _snapshot(engine)
    again = _import(engine, PEOPLE)
    assert again.counts.inserted == 0 and again.counts.updated == 0
    assert again.counts.unchanged == len(PEOPLE)
    assert _snapshot(engine) == before  # not even updated_at moved


def test_changed_row_updates_in_place(engine) -> None:  # type: ignore[no-untyped-def]
    _import(engine, PEOPLE)
    fixed = dataclasses.replace(PEOPLE[1], given_name="Наталия")
    report = _import(engine, [fixed])
    assert report.counts.updated == 1
    with engine.connect() as conn:
        n = conn.execute(text("SELECT count(*) FROM person_record")).scalar()
        given, tokens = conn.execute(
            text("SELECT given_name, search_tokens FROM person_record WHERE record_id='P2'")
        ).one()
    assert n == len(PEOPLE) and given == "Наталия"
    assert fold_token("Наталия") in tokens.split()


def test_payroll_months_accumulate_over_rows(engine) -> None:  # type: ignore[no-untyped-def]
    rows = [
        person("L1", "Тамм", "Мари", record_type=_payroll(), payroll=[month(1978, m, "100")])
        for m in range(1, 13)
    ] + [person("L1", "Тамм", "Мари", record_type=_payroll(), payroll=[month(1979, 1, "105")])]
    report = _import(engine, rows, batch_size=5)
    assert report.counts.inserted == 1 and report.counts.payroll_written == 13
    with engine.connect() as conn:
        lo, hi = conn.execute(
            text("SELECT period_from, period_to FROM person_record WHERE record_id='L1'")
        ).one()
        assert conn.execute(text("SELECT count(*) FROM payroll_entry")).scalar() == 13
    assert (lo, hi) == (1978, 1979)


def _payroll():  # type: ignore[no-untyped-def]
    from clerk_app.core.records import RecordType

    return RecordType.PAYROLL


class _Boom(Exception):
    pass


def test_crash_mid_import_leaves_database_as_it_was(engine) -> None:  # type: ignore[no-untyped-def]
    _import(engine, PEOPLE[:2])
    before = _snapshot(engine)

    def rows():  # type: ignore[no-untyped-def]
        for i in range(5000):
            yield person(f"X{i}", "Сидоров", "Пётр")
        raise _Boom("disk pulled")

    with pytest.raises(_Boom):
        _import(engine, rows(), batch_size=1000)  # four batches were already written
    assert _snapshot(engine) == before


def test_bad_row_rejects_whole_import_unless_skipped(engine) -> None:  # type: ignore[no-untyped-def]
    @dataclasses.dataclass(frozen=True)
    class Bad:
        row: int
        column: str | None = "birth_date"
        code: str = "bad_date"

        def message(self) -> str:
            return f"row {self.row}: bad"

    items = [*PEOPLE[:3], Bad(5), *PEOPLE[3:]]
    report = _import(engine, items)
    assert not report.committed and report.issue_count == 1
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(models.PersonRecord)).scalar() == 0
    report = _import(engine, items, skip_invalid=True)
    assert report.committed and report.counts.inserted == len(PEOPLE)


def test_rebuild_recomputes_stale_keys(engine) -> None:  # type: ignore[no-untyped-def]
    _import(engine, PEOPLE)
    with engine.begin() as conn:
        conn.execute(text("UPDATE person_record SET search_tokens='zzz', fold_version=0"))
    with SqlUnitOfWork(engine) as uow:
        assert uow.search.rebuild() == len(PEOPLE)
        uow.commit()
    with engine.connect() as conn:
        tokens = conn.execute(
            text("SELECT search_tokens FROM person_record WHERE record_id='P1'")
        ).scalar()
        vocab = set(conn.execute(text("SELECT token FROM name_vocab")).scalars())
    assert "serbakov" in tokens.split() and "zzz" not in vocab and "serbakov" in vocab


def test_fts_index_matches_table_after_bulk_and_single_inserts(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Bulk import indexes a batch at once; a plain INSERT is indexed by the trigger."""
    from clerk_app.store.database import open_database

    engine = open_database(f"sqlite:///{tmp_path / 'fts.db'}")
    _import(engine, [person(f"B{i}", "Сидоров", "Пётр", sheets=str(i + 1)) for i in range(50)])
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO person_record (record_id, record_type, file_unit_id, sheets, "
                "sheet_first, sheet_last, surname, script, name_key, search_tokens, "
                "fold_version, content_hash, created_at, updated_at) SELECT 'S1', record_type, "
                "file_unit_id, '9', 9, 9, 'Ozols', 'latn', 'ozol', 'ozol', 1, '', created_at, "
                "updated_at FROM person_record LIMIT 1"
            )
        )
    with engine.connect() as conn:
        deferred = "SELECT count(*) FROM store_meta WHERE key = 'fts_deferred'"
        assert conn.execute(text(deferred)).scalar() == 0
        indexed = conn.execute(
            text("SELECT count(*) FROM person_fts WHERE person_fts MATCH 'sidorov'")
        ).scalar()
        single = conn.execute(
            text("SELECT count(*) FROM person_fts WHERE person_fts MATCH 'ozol'")
        ).scalar()
        conn.execute(text("INSERT INTO person_fts(person_fts) VALUES ('integrity-check')"))
    assert (indexed, single) == (50, 1)
