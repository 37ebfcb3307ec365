"""A dropped link or a killed server mid-push and mid-pull loses nothing and doubles nothing:
the hub is SIGKILLed at a chosen moment (before its commit, after it, before a pull answer)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sync_support import Hub, Tls, new_request, wait_for, workstation

from clerk_app.bootstrap import Workstation
from clerk_app.core.requests import RequestStatus
from clerk_app.store import models, models_sync
from clerk_app.sync.client import SyncError


def _count(ws: Workstation, table) -> int:  # type: ignore[no-untyped-def]
    with ws.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def _offline_work(a: Workstation) -> list[str]:
    uids = [a.requests().register(new_request(f"Person {i}")).uid for i in range(5)]
    a.requests().assign(uids[0], "maria")
    a.requests().change_status(uids[1], RequestStatus.IN_SEARCH)
    return uids  # 14 changes: 5 requests + 5 events, 2 updates + 2 events


def _sync_in_thread(ws: Workstation) -> tuple[threading.Thread, list[BaseException]]:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            ws.sync_service().sync_now(catalogue=False)
        except SyncError as exc:
            errors.append(exc)

    t = threading.Thread(target=run)
    t.start()
    return t, errors


def _check_server(hub: Hub, uids: list[str]) -> None:
    admin = hub.admin()
    try:
        assert _count(admin, models.Request.__table__) == 5
        assert _count(admin, models.RequestEvent.__table__) == 7
        assert _count(admin, models_sync.PushReceipt.__table__) == 14
        with admin.engine.connect() as conn:
            # every row written exactly once (the batch writes each row in its final state;
            # a replay applied again would have logged it twice), versions bumped once
            per_row = conn.execute(
                text("SELECT entity_id, count(*) FROM change_log GROUP BY entity_id")
            ).all()
            assert len(per_row) == 12 and {n for _, n in per_row} == {1}
            versions = dict(conn.execute(text("SELECT uid, row_version FROM request")).all())
        assert versions[uids[0]] == 2 and versions[uids[1]] == 2 and versions[uids[2]] == 1
    finally:
        admin.close()


@pytest.mark.parametrize("moment", ["push_before_commit", "push_committed"])
def test_server_killed_mid_push(pg_url: str, tmp_path: Path, moment: str) -> None:
    hub = Hub(pg_url, tmp_path / "hub", Tls.make(tmp_path / "tls")).start()
    try:
        a = workstation(tmp_path / "a", hub, "W1")
        b = workstation(tmp_path / "b", hub, "W2")
        uids = _offline_work(a)
        hub.stop()
        marker = tmp_path / "paused"
        hub.start(pause_at=moment, marker=marker)
        thread, errors = _sync_in_thread(a)
        wait_for(marker)
        hub.kill()  # mid-push: the answer never leaves the server
        hub.start()
        thread.join(120)
        assert not thread.is_alive()
        if errors:  # the client's retries ran out while the server was down: sync again
            assert isinstance(errors[0], SyncError) and errors[0].code == "offline"
            a.sync_service().sync_now(catalogue=False)
        st = a.sync_service().status()
        assert st.pending == 0 and st.conflicts == 0 and st.held == 0
        _check_server(hub, uids)
        b.sync_service().sync_now(catalogue=False)
        assert _count(b, models.Request.__table__) == 5
        assert _count(b, models.RequestEvent.__table__) == 7
        detail = b.requests().get(uids[0])
        assert detail.request.assignee == "maria" and detail.request.row_version == 2
    finally:
        hub.stop()


def test_server_killed_mid_pull(pg_url: str, tmp_path: Path) -> None:
    hub = Hub(pg_url, tmp_path / "hub", Tls.make(tmp_path / "tls")).start()
    try:
        a = workstation(tmp_path / "a", hub, "W1")
        b = workstation(tmp_path / "b", hub, "W2")
        uids = _offline_work(a)
        a.sync_service().sync_now(catalogue=False)
        hub.stop()
        marker = tmp_path / "paused"
        hub.start(pause_at="pull_ready", marker=marker)
        thread, errors = _sync_in_thread(b)
        wait_for(marker)
        hub.kill()  # the page was read, the answer never arrives
        assert _count(b, models.Request.__table__) == 0
        hub.start()
        thread.join(120)
        if errors:
            b.sync_service().sync_now(catalogue=False)
        _check_server(hub, uids)
        assert _count(b, models.Request.__table__) == 5
        assert _count(b, models.RequestEvent.__table__) == 7
        again = b.sync_service().sync_now(catalogue=False)
        assert again.pulled.get("data", 0) == 0  # the cursor moved exactly once
        assert b.requests().get(uids[1]).request.status is RequestStatus.IN_SEARCH
    finally:
        hub.stop()
