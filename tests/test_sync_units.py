"""Sync rules and storage pieces on their own: merge decisions, HLC, keys, back-off, capture
triggers, the codec across SQLite and PostgreSQL, the hub's push and pull (in process)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sync_support import new_request

from clerk_app.core.requests import LegalRegime
from clerk_app.core.services.requests import Office, RequestService
from clerk_app.store import sync_capture
from clerk_app.store.database import open_database
from clerk_app.store.sync_codec import to_wire
from clerk_app.store.uow import SqlUnitOfWork
from clerk_app.sync import merge
from clerk_app.sync.client import backoff_delays
from clerk_app.sync.entities import CERTIFICATE, REQUEST, REQUEST_EVENT, REQUEST_RECORD, encode_key
from clerk_app.sync.hlc import Hlc, Stamp
from clerk_app.sync.hub import DeviceInfo, HubService
from clerk_app.sync.merge import Outcome
from clerk_app.sync.protocol import Change, Cursor

BASE = {
    "uid": "u1",
    "reg_number": "NRV-2026-W1-00001",
    "assignee": None,
    "status": "registered",
    "status_reason": None,
    "row_version": 1,
    "updated_at": "2026-12-01T10:00:00.000000+00:00",
}


def _edit(**changes: object) -> dict[str, object]:
    return BASE | changes


# -- merge rules ---------------------------------------------------------------------------
def test_change_on_the_current_version_is_accepted() -> None:
    d = merge.decide_update(REQUEST, BASE, BASE, _edit(assignee="maria", row_version=2), 1)
    assert d.outcome is Outcome.ACCEPTED
    assert d.values == {"assignee": "maria", "row_version": 2, "updated_at": BASE["updated_at"]}


def test_stale_change_merges_when_fields_are_disjoint_else_conflicts() -> None:
    server = _edit(status="in_search", row_version=2, updated_at="2026-12-01T11:00:00.000000+00:00")
    mine = _edit(assignee="maria", row_version=2)
    d = merge.decide_update(REQUEST, server, BASE, mine, 1)
    assert d.outcome is Outcome.MERGED
    assert d.values == {"assignee": "maria", "row_version": 3,
                        "updated_at": "2026-12-01T11:00:00.000000+00:00"}  # fmt: skip
    clash = merge.decide_update(REQUEST, server, BASE, _edit(status="refused", row_version=2), 1)
    assert clash.outcome is Outcome.CONFLICT and clash.fields == ("status",)
    assert clash.values is None
    same = merge.decide_update(REQUEST, server, BASE, _edit(status="in_search", row_version=2), 1)
    assert same.outcome is Outcome.MERGED  # both made the same change: no conflict


def test_registry_numbers_history_and_frozen_rows_are_never_overwritten() -> None:
    d = merge.decide_update(REQUEST, BASE, BASE, _edit(reg_number="X-1", row_version=2), 1)
    assert d.outcome is Outcome.REJECTED and d.code == "immutable" and d.fields == ("reg_number",)
    ev = {"uid": "e1", "request_uid": "u1", "kind": "status"}
    assert (
        merge.decide_update(REQUEST_EVENT, ev, ev, ev | {"kind": "x"}, None).code == "append_only"
    )
    frozen = replace(REQUEST, frozen_when=("status", "signed"))
    signed = _edit(status="signed")
    d = merge.decide_update(frozen, signed, signed, signed | {"assignee": "x"}, 1)
    assert d.code == "frozen"
    assert merge.decide_delete(REQUEST, BASE).code == "not_deletable"
    assert merge.decide_insert(REQUEST_EVENT, ev, ev).outcome is Outcome.ACCEPTED
    assert merge.decide_insert(REQUEST, BASE, _edit(person_name="other")).code == "exists"
    # a registry number drawn on finalising fills an empty field; once set it stays
    draft = {"uid": "c1", "registry_number": None, "status": "draft", "free_text": "{}"}
    final = draft | {"registry_number": "NRV-2026-W1-00001", "status": "final"}
    assert merge.decide_update(CERTIFICATE, draft, draft, final, None).outcome is Outcome.ACCEPTED
    renumber = final | {"registry_number": "NRV-2026-W2-00001"}
    assert merge.decide_update(CERTIFICATE, final, final, renumber, None).code == "frozen"
    stale = merge.decide_update(
        CERTIFICATE, draft | {"free_text": '{"et": 1}'}, draft, draft | {"free_text": "{}x"}, None
    )
    assert stale.outcome is Outcome.CONFLICT and stale.fields == ("free_text",)


def test_resolution_lays_local_changes_over_the_server_row() -> None:
    base = _edit()
    local = _edit(assignee="juhan", status="refused", reg_number="HACK", row_version=3)
    server = _edit(assignee="maria", status_reason="moved", row_version=2)
    keep_local = merge.merge_for_resolution(REQUEST, local, server, base, None)
    assert keep_local["assignee"] == "juhan" and keep_local["status"] == "refused"
    assert keep_local["status_reason"] == "moved" and keep_local["reg_number"] == BASE["reg_number"]
    merged = merge.merge_for_resolution(REQUEST, local, server, base, {"assignee": "server"})
    assert merged["assignee"] == "maria" and merged["status"] == "refused"


# -- clocks, keys, cursors, back-off ---------------------------------------------------------
def test_hlc_orders_events_across_skewed_clocks() -> None:
    fast = Hlc("W1", clock=lambda: 2000.0)
    slow = Hlc("W2", clock=lambda: 1000.0)
    a = fast.now()
    slow.receive(a)
    b = slow.now()
    assert b > a and b.encode() > a.encode()
    assert Stamp.decode(b.encode()) == b
    assert slow.now() > b  # same wall time: the counter moves on


def test_keys_cursors_and_backoff() -> None:
    assert encode_key(["u1"]) == "u1"
    key = encode_key(["u1", "Р-45/1"])
    assert REQUEST_RECORD.decode_key(key) == ("u1", "Р-45/1")
    assert REQUEST_RECORD.decode_key('["u1", "Р-45/1"]') == ("u1", "Р-45/1")  # PostgreSQL's form
    assert Cursor.parse("12,7") == Cursor(12, 7) and Cursor(12, 7) > Cursor(11, 900)
    with pytest.raises(ValueError):
        Cursor.parse("-1,2")
    delays = backoff_delays(6, base=0.5, cap=4.0, rng=random.Random(1))
    assert all(0 <= d <= min(4.0, 0.5 * 2**n) for n, d in enumerate(delays))


# -- capture triggers --------------------------------------------------------------------------
def _workstation_db(tmp_path: Path) -> Engine:
    engine = open_database(f"sqlite:///{tmp_path / 'w.db'}")
    with SqlUnitOfWork(engine) as uow:
        uow.sync.become_workstation(seed_outbox=True)
        uow.commit()
    return engine


def _service(engine: Engine) -> RequestService:
    return RequestService(lambda: SqlUnitOfWork(engine), Office("NRV", "W1", LegalRegime.EE), "t")


def test_outbox_is_written_in_the_same_transaction_as_the_change(tmp_path: Path) -> None:
    engine = _workstation_db(tmp_path)
    r = _service(engine).register(new_request())
    with SqlUnitOfWork(engine) as uow:
        entries = uow.sync.pending(10)
    assert [(e.entity, e.op) for e in entries] == [("request", "I"), ("request_event", "I")]
    assert entries[0].new["reg_number"] == r.reg_number
    assert entries[0].new["registered_at"].endswith("+00:00")
    # a change rolled back leaves no outbox row; one made by applying leaves none either
    with SqlUnitOfWork(engine) as uow:
        uow.session.execute(text("UPDATE request SET assignee = 'x', row_version = 2"))
        uow.rollback()
    with SqlUnitOfWork(engine) as uow:
        with uow.sync.applying():
            uow.session.execute(text("UPDATE request SET assignee = 'server'"))
        uow.commit()
    with SqlUnitOfWork(engine) as uow:
        assert uow.sync.counts().pending == 2
        assert uow.session.execute(text("SELECT count(*) FROM store_meta")).scalar() == 2
        uow.session.execute(text("UPDATE request SET assignee = 'mine', row_version = 2"))
        uow.commit()
    with SqlUnitOfWork(engine) as uow:
        last = uow.sync.pending(10)[-1]
    assert (last.op, last.base_version, last.new_version) == ("U", 1, 2)
    assert (last.old["assignee"], last.new["assignee"]) == ("server", "mine")


def test_a_commit_inside_applying_never_leaves_capture_switched_off(tmp_path: Path) -> None:
    engine = _workstation_db(tmp_path)
    _service(engine).register(new_request())
    with SqlUnitOfWork(engine) as uow, uow.sync.applying():
        uow.commit()  # too early, but the flag goes with it
    with SqlUnitOfWork(engine) as uow:
        uow.session.execute(text("UPDATE request SET assignee = 'a', row_version = 2"))
        uow.commit()
    with SqlUnitOfWork(engine) as uow:
        assert uow.sync.counts().pending == 3


def test_enrolment_seeds_what_the_workstation_had_and_triggers_follow_migrations(
    tmp_path: Path,
) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'w.db'}")
    _service(engine).register(new_request())
    with SqlUnitOfWork(engine) as uow:
        uow.sync.become_workstation(seed_outbox=True)
        uow.commit()
    with SqlUnitOfWork(engine) as uow:
        assert [e.entity for e in uow.sync.pending(10)] == ["request", "request_event"]
    with engine.begin() as conn:  # a batch migration recreated the table: its triggers went
        conn.execute(text("DROP TRIGGER clerk_sync_request_au"))
        conn.execute(text("UPDATE store_meta SET value = 'old' WHERE key = 'sync_capture_rev'"))
    sync_capture.refresh_capture(engine)
    with engine.connect() as conn:
        names = set(
            conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars()
        )
    assert "clerk_sync_request_au" in names


def test_roles_do_not_mix(tmp_path: Path, pg_url: str) -> None:
    engine = _workstation_db(tmp_path)
    with pytest.raises(sync_capture.RoleError, match="already_workstation"):
        sync_capture.ensure_hub(engine)
    pg = open_database(pg_url)
    try:
        with SqlUnitOfWork(pg) as uow, pytest.raises(sync_capture.RoleError, match="needs_sqlite"):
            uow.sync.become_workstation(seed_outbox=False)
    finally:
        pg.dispose()


# -- the same row looks the same from both databases --------------------------------------------
def test_codec_gives_one_canonical_form_on_sqlite_and_postgresql(
    tmp_path: Path, pg_url: str
) -> None:
    forms = []
    for url in (f"sqlite:///{tmp_path / 'c.db'}", pg_url):
        engine = open_database(url)
        try:
            r = _service(engine).register(new_request())
            with engine.connect() as conn:
                row = conn.execute(text("SELECT * FROM request")).mappings().one()
            wire = to_wire("request", dict(row))
            forms.append({k: v for k, v in wire.items() if k not in ("uid", "updated_at")})
            assert wire["registered_at"] == r.registered_at.astimezone(UTC).isoformat(
                timespec="microseconds"
            )
        finally:
            engine.dispose()
    forms[0].pop("registered_at"), forms[1].pop("registered_at")
    assert forms[0] == forms[1]


# -- the hub in process, on SQLite and PostgreSQL ------------------------------------------------
def _hub(engine: Engine) -> tuple[HubService, DeviceInfo]:
    sync_capture.ensure_hub(engine)
    hub = HubService(lambda: SqlUnitOfWork(engine))
    token = hub.create_token("NRV", "W1")
    done = hub.enrol(token, "t", "n1")
    return hub, hub.authenticate(done.device_id, done.secret)


def _row(uid: str, number: str) -> dict[str, object]:
    now = datetime(2026, 12, 1, 10, tzinfo=UTC).isoformat(timespec="microseconds")
    today = date(2026, 12, 1).isoformat()
    return {"uid": uid, "reg_number": number, "registered_on": today, "registered_at": now,
            "regime": "ee", "applicant_name": "A", "applicant_phone": "1", "subject": "other",
            "person_name": "P", "languages": "et", "channel": "counter", "received_on": today,
            "deadline": today, "status": "registered", "created_by": "t", "row_version": 1,
            "updated_at": now}  # fmt: skip


def test_hub_push_is_idempotent_and_refuses_bad_changes(engine: Engine) -> None:
    hub, dev = _hub(engine)
    ins = Change("c1", "request", "u1", "I", None, 1, None, _row("u1", "NRV-2026-W1-00001"), None)
    first = hub.push(dev, [ins])
    again = hub.push(dev, [ins])
    assert first[0].status == again[0].status == "accepted"
    assert first[0].row == again[0].row and first[0].row_version == 1
    dup = Change("c2", "request", "u2", "I", None, 1, None, _row("u2", "NRV-2026-W1-00001"))
    bad = [
        dup,  # the same registry number: the database refuses it
        Change("c3", "nosuch", "x", "I", new={"a": 1}),
        Change("c4", "request", "u1", "U", 1, 2, _row("u1", "N"), _row("u1", "N") | {"zzz": 1}),
        Change("c5", "request", "u9", "I", None, 1, None, _row("u1", "NRV-2026-W1-00009")),
        Change("c6", "person_record", "P1", "D"),
        Change("c7", "request_event", "e1", "I", new={"uid": "e1", "request_uid": "nope",
               "at": _row("x", "y")["registered_at"], "actor": "t", "kind": "k", "detail": "{}"}),
    ]  # fmt: skip
    got = {r.change_id: (r.status, r.code) for r in hub.push(dev, bad)}
    assert got == {
        "c2": ("rejected", "constraint"),
        "c3": ("rejected", "unknown_entity"),
        "c4": ("rejected", "unknown_field"),
        "c5": ("rejected", "bad_change"),  # the key does not match the row
        "c6": ("rejected", "not_pushable"),
        "c7": ("rejected", "constraint"),  # its request does not exist
    }
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM request")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM change_log")).scalar() == 1
    assert hub.pull(dev, "data", Cursor(), 10).changes == []  # its own change: no echo
    done = hub.enrol(hub.create_token("NRV", "W2"), "other", "n2")
    other = hub.authenticate(done.device_id, done.secret)
    page = hub.pull(other, "data", Cursor(), 10)
    assert [(c.entity, c.key) for c in page.changes] == [("request", "u1")]
    assert hub.pull(other, "data", page.next, 10).changes == []


def test_hub_skips_later_changes_of_a_row_behind_its_conflict(engine: Engine) -> None:
    hub, dev = _hub(engine)
    row = _row("u1", "NRV-2026-W1-00001")
    hub.push(dev, [Change("c1", "request", "u1", "I", None, 1, None, row)])
    hub.push(dev, [Change("c2", "request", "u1", "U", 1, 2, row,
                          row | {"assignee": "maria", "row_version": 2})])  # fmt: skip
    # another device's lineage, also at version 2: the second change must not slip through
    mine1 = row | {"assignee": "juhan", "row_version": 2}
    mine2 = mine1 | {"status_reason": "x", "row_version": 3}
    res = hub.push(dev, [Change("c3", "request", "u1", "U", 1, 2, row, mine1),
                         Change("c4", "request", "u1", "U", 2, 3, mine1, mine2)])  # fmt: skip
    assert [r.status for r in res] == ["conflict", "skipped"]
    with engine.connect() as conn:
        assert conn.execute(text("SELECT status_reason FROM request")).scalar() is None


def test_one_sync_at_a_time_per_workstation(tmp_path: Path) -> None:
    from clerk_app.sync.client import SyncError
    from clerk_app.sync.service import _ProcessLock

    with (
        _ProcessLock(tmp_path / "sync.lock"),
        pytest.raises(SyncError) as err,
        _ProcessLock(tmp_path / "sync.lock"),
    ):
        pass
    assert err.value.code == "busy"
    with _ProcessLock(tmp_path / "sync.lock"):  # released
        pass
