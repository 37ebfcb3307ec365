"""Certificates (drafts, finals, corrections) travel both ways and a final one is never
overwritten; the access log travels to the office server only, its hash chain checked there."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from factories import PEOPLE
from sqlalchemy import text
from sync_support import Hub, workstation

from clerk_app.core.certificates.types import CertificateStatus, CertificateType
from clerk_app.core.services.certificates import CertificateSpec
from clerk_app.core.services.import_records import import_records
from clerk_app.core.services.person_search import PersonSearch
from clerk_app.sync.client import SyncClient, SyncError
from clerk_app.sync.service import ResolveError


@pytest.fixture
def hub(pg_url: str, tmp_path: Path) -> Iterator[Hub]:
    h = Hub(pg_url, tmp_path / "hub").start()
    admin = h.admin()
    assert import_records(admin.uow_factory(), PEOPLE, source="t", actor="t").committed
    admin.close()
    yield h
    h.stop()


def test_certificate_versions_travel_and_a_final_one_is_never_overwritten(
    hub: Hub, tmp_path: Path
) -> None:
    a = workstation(tmp_path / "a", hub, "W1")
    b = workstation(tmp_path / "b", hub, "W2")
    a.sync_service().sync_now()
    b.sync_service().sync_now()
    draft = a.certificates().create_draft(CertificateSpec(CertificateType.EMPLOYMENT, ("P1",)))
    a.sync_service().sync_now()
    b.sync_service().sync_now()
    there = b.certificates().get(draft.uid)
    assert there.pdf == draft.pdf and there.status is CertificateStatus.DRAFT

    # A finalises while B, offline, still edits the draft: the final one wins, untouched
    final = a.certificates().finalise(draft.uid)
    b.certificates().update_draft(draft.uid, {"et": {"remarks": "B's late remark"}})
    a.sync_service().sync_now()
    report = b.sync_service().sync_now()
    assert report.rejected == 1
    (c,) = b.sync_service().conflicts()
    assert (c.kind, c.code, c.label) == ("rejected", "frozen", final.registry_number)
    b.sync_service().resolve(c.id, "server")
    b.sync_service().sync_now()
    got = b.certificates().get(draft.uid)
    assert got.status is CertificateStatus.FINAL and got.pdf == final.pdf
    assert got.registry_number == final.registry_number and "-W1-" in final.registry_number

    # B corrects it: a new version that supersedes the final one reaches A; the final stays
    corr = b.certificates().correct(draft.uid, "wrong sheet cited")
    corr_final = b.certificates().finalise(corr.uid)
    b.sync_service().sync_now()
    a.sync_service().sync_now()
    with a.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT uid, version, status, supersedes_uid, pdf_sha256 FROM certificate "
                 "ORDER BY version")
        ).all()  # fmt: skip
    assert [(r.version, r.status) for r in rows] == [(1, "final"), (2, "final")]
    assert rows[1].supersedes_uid == draft.uid and rows[0].pdf_sha256 == final.pdf_sha256
    assert rows[1].pdf_sha256 == corr_final.pdf_sha256
    admin = hub.admin()
    with admin.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM certificate")).scalar_one() == 2
    admin.close()


def test_finalised_on_two_workstations_stays_final_on_both(hub: Hub, tmp_path: Path) -> None:
    a = workstation(tmp_path / "a", hub, "W1")
    b = workstation(tmp_path / "b", hub, "W2")
    for ws in (a, b):
        ws.sync_service().sync_now()
    draft = a.certificates().create_draft(CertificateSpec(CertificateType.EMPLOYMENT, ("P1",)))
    a.sync_service().sync_now()
    b.sync_service().sync_now()
    mine = a.certificates().finalise(draft.uid)
    theirs = b.certificates().finalise(draft.uid)  # offline, its own number
    a.sync_service().sync_now()
    assert b.sync_service().sync_now().rejected == 1
    (c,) = b.sync_service().conflicts()
    with pytest.raises(ResolveError) as err:
        b.sync_service().resolve(c.id, "server")
    assert err.value.code == "final_here"
    b.sync_service().resolve(c.id, "local")  # acknowledged: a correction will supersede it
    assert b.sync_service().status().conflicts == 0
    b.sync_service().sync_now()
    assert b.certificates().get(draft.uid).registry_number == theirs.registry_number
    assert a.certificates().get(draft.uid).registry_number == mine.registry_number


def test_access_log_reaches_the_server_with_its_chain_checked(hub: Hub, tmp_path: Path) -> None:
    a = workstation(tmp_path / "a", hub, "W1")
    search = PersonSearch(a.uow_factory(), "clerk-anna", a.workstation)
    for q in ("Shcherbakov", "Ivanova Natalja", "Tamm Mari"):
        search.search(q)
    assert a.sync_service().status().access_log_unsent >= 3
    report = a.sync_service().sync_now(catalogue=False)
    assert report.access_log >= 3
    assert a.sync_service().status().access_log_unsent == 0
    admin = hub.admin()
    with admin.engine.connect() as conn:
        kept = conn.execute(
            text("SELECT seq, query, hash FROM device_access_log ORDER BY seq")
        ).all()
    with a.engine.connect() as conn:
        local = conn.execute(text("SELECT seq, query, hash FROM access_log ORDER BY seq")).all()
    assert [tuple(r) for r in kept] == [tuple(r) for r in local]
    assert {"Shcherbakov", "Tamm Mari"} <= {r.query for r in kept}

    c = a.sync_service().config
    client = SyncClient(c.server_url, c.device_id, c.device_secret)
    try:
        with a.uow_factory()() as uow:
            entries = uow.sync.access_log_after(0, 100)
        assert client.push_access_log(entries) == len(entries)  # a retry: kept once
        forged = dict(entries[-1], seq=entries[-1]["seq"] + 1, prev_hash=entries[-1]["hash"],
                      query="somebody else", hash=entries[-1]["hash"])  # fmt: skip
        gap = dict(forged, seq=forged["seq"] + 5)
        for bad in (forged, gap):
            with pytest.raises(SyncError) as err:
                client.push_access_log([bad])
            assert err.value.code == "chain_broken"
    finally:
        client.close()
    with admin.engine.connect() as conn:
        n = conn.execute(text("SELECT count(*) FROM device_access_log")).scalar_one()
    assert n == len(local)
    admin.close()
