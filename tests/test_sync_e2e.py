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


def test_concurrent_edit_of_one_request_is_one_conflict_for_a_clerk(
    hub: Hub, tmp_path: Path
) -> None:
    a = workstation(tmp_path / "a", hub, "W1")
    b = workstation(tmp_path / "b", hub, "W2")
    r = a.requests().register(new_request())
    a.sync_service().sync_now(catalogue=False)
    b.sync_service().sync_now(catalogue=False)
    # both assign the same request to different people while offline
    a.requests().assign(r.uid, "maria")
    b.requests().assign(r.uid, "juhan")
    b.requests().extend_deadline(r.uid, 10, "archive closed for moving")  # follows on B
    a.sync_service().sync_now(catalogue=False)
    report = b.sync_service().sync_now(catalogue=False)
    assert report.conflicts == 1
    conflicts = b.sync_service().conflicts()
    assert len(conflicts) == 1
    c = conflicts[0]
    assert c.kind == "edit" and c.fields == ["assignee"]
    assert c.label == r.reg_number
    assert c.local["assignee"] == "juhan" and c.server["assignee"] == "maria"
    assert c.base["assignee"] is None
    assert c.local["extended_deadline"] is not None  # the held change is in the local version
    st = b.sync_service().status()
    assert st.conflicts == 1 and st.held >= 2 and st.pending == 0
    # a pull does not overwrite the row while the conflict is open
    b.sync_service().sync_now(catalogue=False)
    assert b.requests().get(r.uid).request.assignee == "juhan"

    # the clerk keeps B's assignee; B's later extension goes along (it touched other fields)
    b.sync_service().resolve(c.id, "local")
    assert b.sync_service().conflicts() == []
    b.sync_service().sync_now(catalogue=False)
    a.sync_service().sync_now(catalogue=False)
    for ws in (a, b):
        got = ws.requests().get(r.uid).request
        assert got.assignee == "juhan" and got.extended_deadline is not None
        assert ws.sync_service().status().pending == 0
    assert (
        a.requests().get(r.uid).request.row_version == b.requests().get(r.uid).request.row_version
    )


def test_conflict_kept_from_server_or_merged_per_field(hub: Hub, tmp_path: Path) -> None:
    a = workstation(tmp_path / "a", hub, "W1")
    b = workstation(tmp_path / "b", hub, "W2")
    r1 = a.requests().register(new_request("First Person"))
    r2 = a.requests().register(new_request("Second Person"))
    a.sync_service().sync_now(catalogue=False)
    b.sync_service().sync_now(catalogue=False)
    a.requests().assign(r1.uid, "maria")
    b.requests().assign(r1.uid, "juhan")
    a.requests().change_status(r2.uid, RequestStatus.REFUSED, reason="no such records")
    b.requests().change_status(r2.uid, RequestStatus.FORWARDED, reason="wrong archive",
                               forwarded_to="Ivangorod archive")  # fmt: skip
    a.sync_service().sync_now(catalogue=False)
    b.sync_service().sync_now(catalogue=False)
    by_label = {c.label: c for c in b.sync_service().conflicts()}
    assert set(by_label) == {r1.reg_number, r2.reg_number}
    assert by_label[r2.reg_number].fields == ["status", "status_reason"]
    b.sync_service().resolve(by_label[r1.reg_number].id, "server")
    # merged: the server's status, B's reason and forwarding target
    b.sync_service().resolve(
        by_label[r2.reg_number].id, "merged", {"status": "server", "status_reason": "local"}
    )
    b.sync_service().sync_now(catalogue=False)
    a.sync_service().sync_now(catalogue=False)
    for ws in (a, b):
        one = ws.requests().get(r1.uid).request
        two = ws.requests().get(r2.uid).request
        assert one.assignee == "maria"
        assert two.status is RequestStatus.REFUSED
        assert two.status_reason == "wrong archive"
        assert two.forwarded_to == "Ivangorod archive"  # only B changed it: kept
    # each history keeps every event from both sides, once
    events = [e.kind for e in a.requests().get(r2.uid).events]
    assert sorted(events) == ["registered", "status", "status"]


def test_background_sync_runs_while_the_server_answers(hub: Hub, tmp_path: Path) -> None:
    import threading
    import time

    from clerk_app.sync.service import BackgroundSync

    a = workstation(tmp_path / "a", hub, "W1")
    b = workstation(tmp_path / "b", hub, "W2")
    results: list[tuple[object, object]] = []
    got_error = threading.Event()

    def on_result(report: object, error: object) -> None:
        results.append((report, error))
        if error is not None:
            got_error.set()

    bg = BackgroundSync(a.sync_service(), interval=0.2, on_result=on_result)
    bg.start()
    try:
        r = a.requests().register(new_request())
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not (
            any(rep is not None for rep, _ in results) and a.sync_service().status().pending == 0
        ):
            time.sleep(0.1)
        assert a.sync_service().status().pending == 0
        b.sync_service().sync_now(catalogue=False)
        assert b.requests().get(r.uid).request.reg_number == r.reg_number
        assert any(rep is not None for rep, _ in results)
        hub.stop()  # the link goes down: the rounds report it and back off
        assert got_error.wait(60)
        assert a.sync_service().status().last_error == "offline"
    finally:
        bg.stop()
    assert not bg._thread.is_alive()
