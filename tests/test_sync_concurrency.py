"""Ten writers on the server commit out of sequence order while a workstation pulls: the
(txid, seq) cursor with the visibility bound never skips a row (sync.md §3, "Pull")."""

from __future__ import annotations

import itertools
import random
import threading
import time
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import insert, select, text
from sync_support import Hub, workstation

from clerk_app.store import models
from clerk_app.store.database import open_database

WRITERS = 10
PER_WRITER = 15


def _request_row(uid: str, number: str) -> dict[str, object]:
    now = datetime.now(UTC)
    return {
        "uid": uid, "reg_number": number, "registered_on": date.today(), "registered_at": now,
        "regime": "ee", "applicant_name": "Server Writer", "applicant_phone": "1",
        "subject": "employment", "person_name": "Concurrent Person", "languages": "et",
        "channel": "partner", "received_on": date.today(), "deadline": date.today(),
        "status": "registered", "created_by": "exchange", "row_version": 1, "updated_at": now,
    }  # fmt: skip


def test_ten_concurrent_writers_never_make_a_pull_skip_a_row(pg_url: str, tmp_path: Path) -> None:
    hub = Hub(pg_url, tmp_path / "hub").start()
    engine = open_database(pg_url)
    try:
        b = workstation(tmp_path / "b", hub, "W2")
        commits: list[tuple[int, int]] = []  # (max seq of the transaction, commit order)
        order = [0]
        guard = threading.Lock()
        failures: list[BaseException] = []

        def writer(w: int) -> None:
            rng = random.Random(w)
            try:
                for n in range(PER_WRITER):
                    with engine.begin() as conn:
                        uid = f"00000000-0000-7000-8000-{w:04d}{n:08d}"
                        conn.execute(
                            insert(models.Request.__table__),
                            _request_row(uid, f"NRV-2026-S{w}-{n:05d}"),
                        )
                        seq = conn.execute(
                            text("SELECT max(seq) FROM change_log WHERE entity_id = :u"),
                            {"u": uid},
                        ).scalar_one()
                        time.sleep(rng.uniform(0, 0.06))  # hold the seq, let others commit
                    with guard:
                        order[0] += 1
                        commits.append((int(seq), order[0]))
            except BaseException as exc:  # surfaced below
                failures.append(exc)

        threads = [threading.Thread(target=writer, args=(w,)) for w in range(WRITERS)]
        for t in threads:
            t.start()
        pulls = 0
        while any(t.is_alive() for t in threads):
            b.sync_service().sync_now(catalogue=False)
            pulls += 1
        for t in threads:
            t.join()
        assert not failures, failures
        b.sync_service().sync_now(catalogue=False)

        # the writers really did commit out of sequence order
        by_seq = [o for _, o in sorted(commits)]
        inversions = sum(1 for x, y in itertools.pairwise(by_seq) if x > y)
        assert inversions > 0
        assert pulls > 3  # the workstation pulled while they wrote
        with b.engine.connect() as conn:
            got = set(conn.execute(select(models.Request.uid)).scalars())
        with engine.connect() as conn:
            want = set(conn.execute(select(models.Request.uid)).scalars())
        assert len(want) == WRITERS * PER_WRITER
        assert got == want
    finally:
        engine.dispose()
        hub.stop()


def test_a_long_transaction_in_another_database_does_not_hold_pulls_back(
    pg_url: str, pg_admin_url: str, tmp_path: Path
) -> None:
    """pg_snapshot_xmin is cluster-wide; the bound the hub uses only looks at its own
    database, so an idle-in-transaction writer elsewhere does not stop the office's sync."""
    import psycopg

    hub = Hub(pg_url, tmp_path / "hub").start()
    other = psycopg.connect(pg_admin_url)
    try:
        a = workstation(tmp_path / "a", hub, "W1")
        b = workstation(tmp_path / "b", hub, "W2")
        other.execute("CREATE TEMP TABLE hold_xid (x int)")
        other.execute("INSERT INTO hold_xid VALUES (1)")  # an xid, left open
        r = a.requests().register(_new())
        a.sync_service().sync_now(catalogue=False)
        report = b.sync_service().sync_now(catalogue=False)
        assert report.pulled["data"] == 2
        assert b.requests().get(r.uid).request.reg_number == r.reg_number
        # while a writer of the office database itself holds its transaction, later rows wait
        engine = open_database(pg_url)
        try:
            with engine.connect() as conn:
                tx = conn.begin()
                conn.execute(
                    insert(models.Request.__table__),
                    _request_row("00000000-0000-7000-8000-999900000001", "NRV-2026-S9-99999"),
                )
                r2 = a.requests().register(_new())
                a.sync_service().sync_now(catalogue=False)
                held = b.sync_service().sync_now(catalogue=False)
                assert held.pulled["data"] == 0  # r2 committed after the open writer began
                tx.commit()
            b.sync_service().sync_now(catalogue=False)
            assert b.requests().get(r2.uid).request.reg_number == r2.reg_number
            assert b.requests().get("NRV-2026-S9-99999").request.created_by == "exchange"
        finally:
            engine.dispose()
    finally:
        other.close()
        hub.stop()


def _new():  # type: ignore[no-untyped-def]
    from sync_support import new_request

    return new_request()
