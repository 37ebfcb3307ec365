"""The hash-chained access log: append-only in the database, tampering named by verify.

The attacks run as someone with write access to the database file would: first drop the
append-only triggers, then edit, delete, move or insert rows.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from alembic import command
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from clerk_app.core.audit import GENESIS, BreakKind, ChainHead, entry_hash, verify_chain
from clerk_app.core.ports import AccessEntry, AccessQuery
from clerk_app.core.services.audit import AuditService
from clerk_app.core.staff import Permission, PermissionDenied, Principal
from clerk_app.store.database import alembic_config, make_engine
from clerk_app.store.uow import SqlUnitOfWork

T0 = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def _append(engine: Engine, n: int, start: int = 0) -> None:
    with SqlUnitOfWork(engine) as uow:
        for i in range(start, start + n):
            uow.access_log.add(
                AccessEntry(
                    at=T0 + timedelta(minutes=i),
                    actor="kati" if i % 2 else "mari",
                    workstation="NRV/W1",
                    action="search" if i % 3 else "open_record",
                    query=f"Щербаков {i}",
                    filters={"born_from": 1940, "limit": 20},
                    result_count=i,
                    staff_uid=f"uid-{i % 2}",
                    staff_name="Kati Kask" if i % 2 else "Mari Maasikas",
                    request_uid="req-1" if i < 5 else None,
                    record_id=f"NLA-{i}" if i % 3 == 0 else None,
                )
            )
        uow.commit()


def _verify(engine: Engine, anchors=()):  # type: ignore[no-untyped-def]
    with SqlUnitOfWork(engine) as uow:
        log = uow.access_log
        return verify_chain(log.entries(), log.head(), anchors, log.find_by_hash)


def _as_attacker(engine: Engine, *sql: str) -> None:
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("DROP TRIGGER access_log_append_only ON access_log"))
            conn.execute(text("DROP TRIGGER access_log_head_forward ON access_log_head"))
        else:
            for name in ("access_log_no_update", "access_log_no_delete", "access_log_head_forward"):
                conn.execute(text(f"DROP TRIGGER {name}"))
        for statement in sql:
            conn.execute(text(statement))


def test_chain_verifies_and_the_database_refuses_changes(engine) -> None:  # type: ignore[no-untyped-def]
    _append(engine, 12)
    report = _verify(engine)
    assert report.ok and report.entries == 12 and report.last_seq == 12
    with SqlUnitOfWork(engine) as uow:
        assert uow.access_log.head() == ChainHead(12, report.last_hash)
        first = next(uow.access_log.entries())
    assert first.prev_hash == GENESIS and first.filters == '{"born_from":1940,"limit":20}'
    for sql in (
        "UPDATE access_log SET query = 'x' WHERE seq = 3",
        "DELETE FROM access_log WHERE seq = 3",
        "DELETE FROM access_log_head",
        "UPDATE access_log_head SET seq = 2",
    ):
        with pytest.raises(DBAPIError), engine.begin() as conn:
            conn.execute(text(sql))
    assert _verify(engine).ok


def test_edited_entry_is_named(engine) -> None:  # type: ignore[no-untyped-def]
    _append(engine, 10)
    _as_attacker(engine, "UPDATE access_log SET query = 'Иванов' WHERE seq = 5")
    problem = _verify(engine).problem
    assert problem is not None and (problem.kind, problem.seq) == (BreakKind.EDITED, 5)


def test_edit_with_recomputed_hash_breaks_the_next_link(engine) -> None:  # type: ignore[no-untyped-def]
    _append(engine, 10)
    with SqlUnitOfWork(engine) as uow:
        e = next(x for x in uow.access_log.entries() if x.seq == 4)
    fields = {k: getattr(e, k) for k in e.__dataclass_fields__ if k != "hash"}
    fields["actor"] = "somebody-else"
    forged = entry_hash(**fields)
    _as_attacker(
        engine,
        f"UPDATE access_log SET actor = 'somebody-else', hash = '{forged}' WHERE seq = 4",
    )
    problem = _verify(engine).problem
    assert problem is not None and (problem.kind, problem.seq) == (BreakKind.EDITED, 4)


def test_deleted_entry_is_named(engine) -> None:  # type: ignore[no-untyped-def]
    _append(engine, 10)
    _as_attacker(engine, "DELETE FROM access_log WHERE seq = 6")
    problem = _verify(engine).problem
    assert problem is not None and (problem.kind, problem.seq) == (BreakKind.DELETED, 6)


def test_deleted_and_renumbered_is_still_a_deletion(engine) -> None:  # type: ignore[no-untyped-def]
    _append(engine, 10)
    _as_attacker(
        engine,
        "DELETE FROM access_log WHERE seq = 6",
        *(f"UPDATE access_log SET seq = {s - 1} WHERE seq = {s}" for s in range(7, 11)),
        "UPDATE access_log_head SET seq = 9",
    )
    problem = _verify(engine).problem
    assert problem is not None and (problem.kind, problem.seq) == (BreakKind.DELETED, 6)


def test_tail_deletion_is_caught_by_the_head(engine) -> None:  # type: ignore[no-untyped-def]
    _append(engine, 10)
    _as_attacker(engine, "DELETE FROM access_log WHERE seq >= 9")
    problem = _verify(engine).problem
    assert problem is not None and (problem.kind, problem.seq) == (BreakKind.DELETED, 9)


def test_reordered_entries_are_named(engine) -> None:  # type: ignore[no-untyped-def]
    _append(engine, 10)
    _as_attacker(
        engine,
        "UPDATE access_log SET seq = -1 WHERE seq = 5",
        "UPDATE access_log SET seq = 5 WHERE seq = 6",
        "UPDATE access_log SET seq = 6 WHERE seq = -1",
    )
    problem = _verify(engine).problem
    assert problem is not None and (problem.kind, problem.seq) == (BreakKind.REORDERED, 5)
    assert "was entry #6" in problem.detail


def test_inserted_entry_is_named(engine) -> None:  # type: ignore[no-untyped-def]
    _append(engine, 10)
    with SqlUnitOfWork(engine) as uow:
        last = list(uow.access_log.entries())[-1]
    at = (T0 + timedelta(hours=5)).strftime("%Y-%m-%d %H:%M:%S.%f")
    digest = entry_hash(
        seq=11,
        at=T0 + timedelta(hours=5),
        actor="ghost",
        staff_uid=None,
        staff_name=None,
        workstation=None,
        action="search",
        query="x",
        filters="{}",
        result_count=0,
        request_uid=None,
        record_id=None,
        prev_hash=last.hash,
    )
    _as_attacker(
        engine,
        "INSERT INTO access_log (seq, at, actor, action, query, filters, result_count, "
        f"prev_hash, hash) VALUES (11, '{at}', 'ghost', 'search', 'x', '{{}}', 0, "
        f"'{last.hash}', '{digest}')",
    )
    problem = _verify(engine).problem
    assert problem is not None and (problem.kind, problem.seq) == (BreakKind.INSERTED, 11)


def test_an_external_anchor_catches_a_rewritten_tail(engine) -> None:  # type: ignore[no-untyped-def]
    _append(engine, 6)
    anchor = _verify(engine)
    _append(engine, 1, start=6)
    _as_attacker(  # drop #7 and put the head back: the chain alone looks whole
        engine,
        "DELETE FROM access_log WHERE seq = 7",
        f"UPDATE access_log_head SET seq = 6, hash = '{anchor.last_hash}'",
    )
    assert _verify(engine).ok
    later = ChainHead(7, "f" * 64)
    problem = _verify(engine, [ChainHead(6, anchor.last_hash), later]).problem
    assert problem is not None and problem.kind == BreakKind.DELETED and problem.seq == 7


@pytest.mark.postgres
def test_concurrent_writers_do_not_fork_the_chain(pg_url) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(pg_url)
    errors: list[BaseException] = []

    def writer(k: int) -> None:
        try:
            for j in range(15):
                _append(engine, 1, start=k * 100 + j)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    report = _verify(engine)
    assert report.ok and report.entries == 90 and report.last_seq == 90
    engine.dispose()


def test_concurrent_writers_on_sqlite(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.store.database import open_database

    engine = open_database(f"sqlite:///{tmp_path / 'c.db'}")
    threads = [threading.Thread(target=_append, args=(engine, 20, k * 100)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    report = _verify(engine)
    assert report.ok and report.entries == 80
    engine.dispose()


def test_existing_entries_are_chained_by_the_migration(db_url) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(db_url)
    if engine.dialect.name == "postgresql":  # the template is migrated already: start over
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    cfg = alembic_config(engine)
    command.upgrade(cfg, "0005")  # the revision before 0008
    with engine.begin() as conn:
        for i in range(3):
            conn.execute(
                text(
                    "INSERT INTO access_log (at, actor, action, query, filters, result_count) "
                    "VALUES (:at, 'old', 'search', :q, '{}', 1)"
                ),
                {"at": T0 + timedelta(seconds=i), "q": f"q{i}"},
            )
    command.upgrade(cfg, "head")
    report = _verify(engine)
    assert report.ok and report.entries == 3
    _append(engine, 2)
    assert _verify(engine).entries == 5
    engine.dispose()


def test_audit_service_needs_permissions_and_logs_exports(engine) -> None:  # type: ignore[no-untyped-def]
    _append(engine, 10)
    uow = lambda: SqlUnitOfWork(engine)  # noqa: E731
    clerk = Principal(
        "u1", "kati", "Kati", frozenset(), frozenset({Permission.SEARCH}), "password", T0
    )  # type: ignore[arg-type]
    with pytest.raises(PermissionDenied):
        AuditService(uow, clerk).export(AccessQuery(), print)
    admin = Principal.bootstrap("root", T0)
    got: list = []
    n = AuditService(uow, admin, "W1").export(
        AccessQuery(start=T0 + timedelta(minutes=2), end=T0 + timedelta(minutes=8), actor="kati"),
        got.append,
    )
    assert n == 3 and [e.seq for e in got] == [4, 6, 8]
    assert all(e.actor == "kati" for e in got)
    got.clear()
    AuditService(uow, admin).export(AccessQuery(record_id="NLA-3"), got.append)
    assert [e.seq for e in got] == [4]
    report = AuditService(uow, admin).verify()
    assert report.ok and report.entries == 12  # the two exports are in the chain too
    with SqlUnitOfWork(engine) as u:
        last = list(u.access_log.entries())[-1]
    assert last.action == "audit_export" and last.record_id == "NLA-3"
