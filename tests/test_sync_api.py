"""The sync API's edges, in process against a real database: enrolment tokens, device
credentials, malformed and oversized input — each refused with a clear code, nothing stored."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from clerk_app.server.sync_app import create_app


@pytest.fixture
def app(db_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    application = create_app(db_url, tmp_path / "snapshots")
    with TestClient(application) as client:
        client.hub = application.state.hub  # type: ignore[attr-defined]
        client.engine = application.state.engine  # type: ignore[attr-defined]
        yield client
    application.state.engine.dispose()


def _enrol(app, code: str = "W1", nonce: str = "n1") -> dict:  # type: ignore[no-untyped-def,type-arg]
    token = app.hub.create_token("NRV", code)
    r = app.post("/sync/enrol", json={"token": token, "name": "pc", "nonce": nonce})
    assert r.status_code == 200, r.text
    return r.json() | {"token": token}


def _auth(d: dict) -> dict[str, str]:  # type: ignore[type-arg]
    return {"Authorization": f"Bearer {d['device_id']}:{d['secret']}"}


def test_enrolment_token_is_one_time_and_a_retry_gets_the_same_device(app) -> None:  # type: ignore[no-untyped-def]
    first = _enrol(app)
    assert first["device_code"] == "W1" and first["office"] == "NRV"
    # the answer was lost: the same workstation asks again with its nonce
    again = app.post("/sync/enrol", json={"token": first["token"], "nonce": "n1"})
    assert again.status_code == 200 and again.json()["device_id"] == first["device_id"]
    assert app.get("/sync/status", headers=_auth(first)).status_code == 401  # old secret
    assert app.get("/sync/status", headers=_auth(again.json())).json()["device_code"] == "W1"
    other = app.post("/sync/enrol", json={"token": first["token"], "nonce": "zz"})
    assert (other.status_code, other.json()["code"]) == (403, "token_used")
    bad = app.post("/sync/enrol", json={"token": "x" * 20, "nonce": "n"})
    assert (bad.status_code, bad.json()["code"]) == (403, "bad_token")
    with pytest.raises(Exception, match="code_taken"):
        app.hub.create_token("NRV", "W1")


def test_expired_token_is_refused(app) -> None:  # type: ignore[no-untyped-def]
    token = app.hub.create_token("NRV", "W2", valid_days=1)
    with app.engine.begin() as conn:
        conn.execute(text("UPDATE sync_enrol_token SET expires_at = :t"),
                     {"t": datetime.now(UTC) - timedelta(minutes=1)})  # fmt: skip
    r = app.post("/sync/enrol", json={"token": token, "nonce": "n"})
    assert (r.status_code, r.json()["code"]) == (403, "token_expired")


def test_requests_without_valid_credentials_are_refused(app) -> None:  # type: ignore[no-untyped-def]
    d = _enrol(app)
    for headers in ({}, {"Authorization": "Basic abc"}, {"Authorization": "Bearer nobody:x"},
                    {"Authorization": f"Bearer {d['device_id']}:wrong"}):  # fmt: skip
        r = app.get("/sync/pull", headers=headers)
        assert (r.status_code, r.json()["code"]) == (401, "unauthorized")
    app.hub.revoke("W1")
    assert app.get("/sync/pull", headers=_auth(d)).status_code == 401


def test_malformed_input_is_refused_and_nothing_stored(app) -> None:  # type: ignore[no-untyped-def]
    auth = _auth(_enrol(app))
    cases = [
        (b"not json", {}),
        (b'{"changes": 5}', {}),
        (b'{"nothing": []}', {}),
        (b"\x1f\x8b garbage", {"Content-Encoding": "gzip"}),
        (json.dumps({"changes": [{"entity": "request"}]}).encode(), {}),
    ]
    for body, extra in cases:
        r = app.post("/sync/push", content=body, headers=auth | extra)
        assert (r.status_code, r.json()["code"]) == (400, "bad_request"), body
    big = gzip.compress(json.dumps({"changes": [{}] * 1001}).encode())
    r = app.post("/sync/push", content=big, headers=auth | {"Content-Encoding": "gzip"})
    assert r.status_code == 400
    for query in ("after=abc", "after=-1,2", "stream=other", "limit=0", "limit=999999"):
        r = app.get(f"/sync/pull?{query}", headers=auth)
        assert r.status_code in (400, 422), query
    assert app.get("/sync/rows?entity=person_record", headers=auth).status_code == 400
    assert app.get("/sync/snapshot/../../etc", headers=auth).status_code == 404
    with app.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM push_receipt")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM change_log")).scalar() == 0


def test_openapi_document_names_the_sync_paths(app) -> None:  # type: ignore[no-untyped-def]
    paths = app.get("/openapi.json").json()["paths"]
    assert {"/sync/enrol", "/sync/push", "/sync/pull", "/sync/snapshot", "/sync/status"} <= set(
        paths
    )


def test_server_can_prebuild_the_catalogue_snapshot(pg_url: str, tmp_path: Path) -> None:
    import time

    from factories import PEOPLE

    from clerk_app.core.services.import_records import import_records
    from clerk_app.store.database import open_database
    from clerk_app.store.uow import SqlUnitOfWork

    engine = open_database(pg_url)
    assert import_records(lambda: SqlUnitOfWork(engine), PEOPLE, source="t", actor="t").committed
    engine.dispose()
    application = create_app(pg_url, tmp_path / "snapshots", prebuild_snapshot=True)
    try:
        with TestClient(application) as client:
            token = client.app.state.hub.create_token("NRV", "W1")  # type: ignore[attr-defined]
            d = client.post("/sync/enrol", json={"token": token, "nonce": "n"}).json()
            deadline = time.monotonic() + 60
            while True:
                state = client.post("/sync/snapshot", json={}, headers=_auth(d)).json()
                if state["state"] == "ready" or time.monotonic() > deadline:
                    break
                time.sleep(0.1)
            assert state["state"] == "ready" and state["rows"] == len(PEOPLE)
            got = client.get(f"/sync/snapshot/{state['id']}", headers=_auth(d))
            assert len(got.content) == state["size"]
            part = client.get(f"/sync/snapshot/{state['id']}",
                              headers=_auth(d) | {"Range": "bytes=100-"})  # fmt: skip
            assert part.status_code == 206 and part.content == got.content[100:]
    finally:
        application.state.engine.dispose()
