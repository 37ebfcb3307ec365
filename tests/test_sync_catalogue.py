"""The catalogue reaches workstations: a snapshot first (resumable download, resumable copy),
then the server's changes through the change log, limited to the chosen archives."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

import pytest
from factories import PEOPLE, month, person
from sqlalchemy import func, select, text
from sync_support import Hub, workstation

from clerk_app.bootstrap import Workstation
from clerk_app.core.services.import_records import import_records
from clerk_app.core.services.person_search import PersonSearch
from clerk_app.demo import generate_archive
from clerk_app.store import models
from clerk_app.sync import client as client_module
from clerk_app.sync import service as service_module
from clerk_app.sync.client import CancelToken, SyncError
from clerk_app.sync.service import Phase, Progress


def _import(ws: Workstation, rows) -> None:  # type: ignore[no-untyped-def]
    report = import_records(ws.uow_factory(), rows, source="test", actor="admin")
    assert report.committed


def _demo(persons: int, seed: int = 7) -> list:  # type: ignore[type-arg]
    return list(itertools.chain.from_iterable(r for _, r in generate_archive(persons, seed)))


def _count(ws: Workstation, where: str = "") -> int:
    with ws.engine.connect() as conn:
        return int(conn.execute(text(f"SELECT count(*) FROM person_record {where}")).scalar_one())


def _ids(ws: Workstation) -> set[str]:
    with ws.engine.connect() as conn:
        return set(conn.execute(select(models.PersonRecord.record_id)).scalars())


def _assert_index_complete(ws: Workstation) -> None:
    """FTS5 and the vocabulary hold every copied record's tokens; no flag was left behind."""
    with ws.engine.connect() as conn:
        conn.execute(text("INSERT INTO person_fts(person_fts) VALUES ('integrity-check')"))
        tokens = conn.execute(
            text("SELECT search_tokens FROM person_record ORDER BY id DESC LIMIT 5")
        ).scalars()
        for token in {line.split()[0] for line in tokens}:
            indexed = conn.execute(
                text("SELECT count(*) FROM person_fts WHERE person_fts MATCH :t"), {"t": token}
            ).scalar_one()
            stored = conn.execute(
                text("SELECT count(*) FROM person_record WHERE ' ' || search_tokens || ' ' "
                     "LIKE :t"), {"t": f"% {token} %"}
            ).scalar_one()  # fmt: skip
            assert indexed == stored > 0
        vocab = set(conn.execute(select(models.NameVocab.token)).scalars())
        words = {w for (line,) in conn.execute(text("SELECT search_tokens FROM person_record"))
                 for w in line.split()}  # fmt: skip
        assert words <= vocab
        flags = models.StoreMeta.key.in_(["fts_deferred", "sync_applying"])
        left = select(func.count()).select_from(models.StoreMeta).where(flags)
        assert conn.execute(left).scalar_one() == 0


def _found(ws: Workstation, query: str) -> list[str]:
    hits = PersonSearch(ws.uow_factory(), "test").search(query).hits
    return [h.record_id for h in hits]


@pytest.fixture
def hub(pg_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    h = Hub(pg_url, tmp_path / "hub").start()
    yield h
    h.stop()


def test_initial_catalogue_then_incremental_changes(hub: Hub, tmp_path: Path) -> None:
    admin = hub.admin()
    _import(admin, [*PEOPLE, *_demo(150)])
    a = workstation(tmp_path / "a", hub, "W1")
    seen: list[Progress] = []
    report = a.sync_service().sync_now(seen.append)
    server_total = _count(admin)
    assert report.catalogue_copied == server_total == _count(a)
    assert _ids(a) == _ids(admin)
    phases = {p.phase for p in seen}
    assert {Phase.SNAPSHOT_DOWNLOAD, Phase.SNAPSHOT_COPY, Phase.SNAPSHOT_INDEX} <= phases
    copy = [p for p in seen if p.phase is Phase.SNAPSHOT_COPY]
    assert copy[-1].done == copy[-1].total == server_total
    # the local search index and payroll came along
    assert {"P1", "P5"} <= set(_found(a, "Shcherbakov Pyotr"))
    with a.engine.connect() as conn:
        months = text(
            "SELECT count(*) FROM payroll_entry p JOIN person_record r "
            "ON r.id = p.person_record_id WHERE r.record_id = 'P8'"
        )
        assert conn.execute(months).scalar_one() == 2
    st = a.sync_service().status()
    assert st.catalogue_phase == "done"
    _assert_index_complete(a)

    # the server changes its catalogue: an update, a new record, a deletion, a payroll month
    p8 = next(p for p in PEOPLE if p.record_id == "P8")
    _import(admin, [person("P2", "Иванова", "Наталья", "Юрьевна", "1952"),
                    person("P9", "Сидоров", "Алексей", "Петрович", "1960"),
                    replace(p8, payroll=[month(1978, 3, "99.99")])])  # fmt: skip
    with admin.engine.begin() as conn:
        conn.execute(text("DELETE FROM person_record WHERE record_id = 'P3'"))
    report = a.sync_service().sync_now()
    assert report.catalogue_copied == 0 and report.pulled["catalogue"] == 4
    assert _ids(a) == _ids(admin)
    assert "P9" in _found(a, "Sidorov Aleksei")
    with a.engine.connect() as conn:
        assert (
            conn.execute(
                text("SELECT birth_date FROM person_record WHERE record_id = 'P2'")
            ).scalar_one()
            == "1952"
        )
    assert "P3" not in _found(a, "Pyldmaa Juri")
    with a.engine.connect() as conn:
        march = text(
            "SELECT amount FROM payroll_entry p JOIN person_record r ON r.id = p.person_record_id "
            "WHERE r.record_id = 'P8' AND pay_month = 3"
        )
        assert float(conn.execute(march).scalar_one()) == 99.99
    admin.close()


def test_catalogue_limited_to_chosen_archives(hub: Hub, tmp_path: Path) -> None:
    admin = hub.admin()
    rows = _demo(120)
    _import(admin, rows)
    narva = {r.record_id for r in rows if r.reference.archive == "NRV"}
    assert narva and len(narva) < len({r.record_id for r in rows})
    a = workstation(tmp_path / "a", hub, "W1", scope=("NRV",))
    a.sync_service().sync_now()
    assert _ids(a) == narva
    outside = person("X1", "Ozols", "Janis")
    outside = replace(outside, reference=replace(outside.reference, archive="DGP"))
    _import(admin, [person("P1", "Щербаков", "Пётр", "Сергеевич", "1948-03-02"), outside])
    a.sync_service().sync_now()
    assert _ids(a) == narva | {"P1"}
    admin.close()


def test_initial_catalogue_resumes_after_cancel_and_server_restart(
    hub: Hub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(client_module, "DOWNLOAD_CHUNK", 8 * 1024)
    monkeypatch.setattr(service_module, "COPY_IDS", 300)
    admin = hub.admin()
    _import(admin, _demo(600))
    total = _count(admin)
    a = workstation(tmp_path / "a", hub, "W1")
    svc = a.sync_service()

    # 1. the link drops during the download (cancelled), and the server restarts meanwhile
    cancel = CancelToken()
    sizes: list[int] = []

    def stop_in_download(p: Progress) -> None:
        if p.phase is Phase.SNAPSHOT_DOWNLOAD:
            sizes.append(p.total or 0)
            if p.done > 3 * 8 * 1024:
                cancel.cancel()

    with pytest.raises(SyncError) as err:
        svc.sync_now(stop_in_download, cancel)
    assert err.value.code == "cancelled"
    parts = list((tmp_path / "a" / "sync").glob("snapshot-*.sqlite.gz"))
    assert len(parts) == 1
    partial = parts[0].stat().st_size
    assert 0 < partial < sizes[0]
    hub.kill()
    hub.start()

    # 2. resumed with a Range request; then cancelled again in the middle of the copy
    cancel = CancelToken()
    first: list[int] = []

    def stop_in_copy(p: Progress) -> None:
        if p.phase is Phase.SNAPSHOT_DOWNLOAD and not first:
            first.append(p.done)
        if p.phase is Phase.SNAPSHOT_COPY and p.done >= 600:
            cancel.cancel()

    with pytest.raises(SyncError):
        svc.sync_now(stop_in_copy, cancel)
    assert first[0] > partial  # continued from the partial file, not from zero
    copied = _count(a)
    assert 600 <= copied < total
    st = svc.status()
    assert st.catalogue_phase == "copy" and st.catalogue_done == copied

    # 3. the next sync finishes the copy: every record once
    report = svc.sync_now()
    assert report.catalogue_copied == total - copied
    assert _count(a) == total and _ids(a) == _ids(admin)
    _assert_index_complete(a)
    assert svc.status().catalogue_phase == "done"
    assert not list((tmp_path / "a" / "sync").glob("snapshot-*"))
    admin.close()
