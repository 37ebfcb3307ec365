"""Tombstones and the retention horizon: a workstation away longer than the server keeps its
change log is told to resync (409 resync_required), pushes what it has, and takes the current
state — deletions included."""

from __future__ import annotations

import itertools
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select, text
from sync_support import Hub, new_request, workstation

from clerk_app.core.services.import_records import import_records
from clerk_app.demo import generate_archive
from clerk_app.store import models
from clerk_app.sync.client import SyncClient, SyncError
from clerk_app.sync.protocol import Cursor


def test_device_behind_the_horizon_resyncs_data_and_catalogue(pg_url: str, tmp_path: Path) -> None:
    hub = Hub(pg_url, tmp_path / "hub").start()
    admin = hub.admin()
    try:
        rows = list(itertools.chain.from_iterable(r for _, r in generate_archive(60, 3)))
        assert import_records(admin.uow_factory(), rows, source="t", actor="admin").committed
        ids = sorted(r.record_id for r in rows[:3])
        a = workstation(tmp_path / "a", hub, "W1")
        b = workstation(tmp_path / "b", hub, "W2")
        a.sync_service().sync_now()
        r = a.requests().register(new_request())
        a.requests().add_records(r.uid, ids)
        a.sync_service().sync_now()
        b.sync_service().sync_now()
        assert b.requests().get(r.uid).request.record_ids == ids

        # B is away; A unlinks a record, the server deletes a catalogue record and forgets
        a.requests().remove_records(r.uid, [ids[0]])
        a.sync_service().sync_now()
        with admin.engine.begin() as conn:
            conn.execute(
                text("DELETE FROM person_record WHERE record_id = :r"), {"r": rows[-1].record_id}
            )
        b.requests().assign(r.uid, "juhan")  # B's own offline change must survive the resync
        done = admin.hub_service().compact(timedelta(0))
        assert done["data"] > 0 and done["catalogue"] > 0

        c = b.sync_service().config
        probe = SyncClient(c.server_url, c.device_id, c.device_secret)
        try:
            probe.pull("data", Cursor(), 10)
            raise AssertionError("expected resync_required")
        except SyncError as exc:
            assert exc.code == "resync_required"
        finally:
            probe.close()

        report = b.sync_service().sync_now()
        assert sorted(report.resynced) == ["catalogue", "data"]
        got = b.requests().get(r.uid).request
        assert got.record_ids == ids[1:]  # the unlinked record is gone here too
        assert got.assignee == "juhan"
        with admin.engine.connect() as conn:
            server_ids = set(conn.execute(select(models.PersonRecord.record_id)).scalars())
            assert (
                conn.execute(
                    text("SELECT assignee FROM request WHERE uid = :u"), {"u": r.uid}
                ).scalar_one()
                == "juhan"
            )
        with b.engine.connect() as conn:
            local_ids = set(conn.execute(select(models.PersonRecord.record_id)).scalars())
        assert local_ids == server_ids and rows[-1].record_id not in local_ids
        again = b.sync_service().sync_now()
        assert again.resynced == []
        a.sync_service().sync_now()
        assert a.requests().get(r.uid).request.assignee == "juhan"
    finally:
        admin.close()
        hub.stop()
