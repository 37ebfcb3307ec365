"""Sync end to end: a real hub (uvicorn over TLS, PostgreSQL) and two SQLite workstations."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sync_support import Hub, Tls, new_request, workstation

from clerk_app.core.requests import RequestStatus


@pytest.fixture
def hub(pg_url: str, tmp_path: Path) -> Iterator[Hub]:
    h = Hub(pg_url, tmp_path / "hub", Tls.make(tmp_path / "tls")).start()
    yield h
    h.stop()


def test_offline_edits_on_both_sides_merge(hub: Hub, tmp_path: Path) -> None:
    a = workstation(tmp_path / "a", hub, "W1")
    b = workstation(tmp_path / "b", hub, "W2")
    ra = a.requests().register(new_request("Petrov Pyotr"))
    rb = b.requests().register(new_request("Tamm Mari"))
    assert ra.reg_number.startswith("NRV-") and "-W1-" in ra.reg_number
    assert "-W2-" in rb.reg_number
    a.sync_service().sync_now(catalogue=False)
    b.sync_service().sync_now(catalogue=False)
    a.sync_service().sync_now(catalogue=False)
    numbers_a = sorted(r.reg_number for r in a.requests().list())
    numbers_b = sorted(r.reg_number for r in b.requests().list())
    assert numbers_a == numbers_b == sorted([ra.reg_number, rb.reg_number])

    # offline: A assigns, B moves the status, of the same request — different fields merge
    a.requests().assign(ra.uid, "maria")
    b.requests().change_status(ra.uid, RequestStatus.IN_SEARCH)
    a.sync_service().sync_now(catalogue=False)
    report = b.sync_service().sync_now(catalogue=False)
    assert report.merged >= 1 and report.conflicts == 0
    a.sync_service().sync_now(catalogue=False)
    for ws in (a, b):
        got = ws.requests().get(ra.uid)
        assert got.request.assignee == "maria"
        assert got.request.status is RequestStatus.IN_SEARCH
        kinds = sorted(e.kind for e in got.events)
        assert kinds == ["assigned", "registered", "status"]
        st = ws.sync_service().status()
        assert st.pending == 0 and st.conflicts == 0
