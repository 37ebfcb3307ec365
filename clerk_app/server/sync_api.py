"""The sync API of the office server (see clerk_app/sync/protocol.py for the wire format).

Workstations authenticate with the device id and secret they got at enrolment
(`Authorization: Bearer <device_id>:<secret>`); bodies are JSON, gzip both ways.
"""

# no `from __future__ import annotations`: FastAPI reads the local `Device` annotation below
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel, Field

from clerk_app.server.sync_snapshots import SnapshotManager
from clerk_app.sync.entities import STREAMS
from clerk_app.sync.hub import MAX_PULL, DeviceInfo, HubError, HubService
from clerk_app.sync.protocol import Change, Cursor, decode_body, dumps, encode_body

MAX_BODY = 64 * 1024 * 1024
_STATUS = {
    "bad_token": 403,
    "token_used": 403,
    "token_expired": 403,
    "code_taken": 409,
    "unauthorized": 401,
    "resync_required": 409,
    "bad_request": 400,
    "bad_code": 400,
    "chain_broken": 409,
}


class EnrolBody(BaseModel):
    token: str = Field(min_length=8, max_length=200)
    name: str | None = Field(default=None, max_length=200)
    nonce: str = Field(default="", max_length=64)


class SnapshotBody(BaseModel):
    scope: list[str] = Field(default_factory=list, max_length=200)


def error_response(code: str, detail: str = "", status: int | None = None) -> JSONResponse:
    return JSONResponse(
        {"code": code, "detail": detail}, status_code=status or _STATUS.get(code, 400)
    )


def _reply(request: Request, payload: Any) -> Response:
    if "gzip" in request.headers.get("accept-encoding", ""):
        return Response(
            encode_body(payload),
            media_type="application/json",
            headers={"Content-Encoding": "gzip"},
        )
    return Response(dumps(payload), media_type="application/json")


def build_sync_router(hub: HubService, snapshots: SnapshotManager) -> APIRouter:
    router = APIRouter(prefix="/sync", tags=["sync"])

    async def device(authorization: Annotated[str | None, Header()] = None) -> DeviceInfo:
        scheme, _, credentials = (authorization or "").partition(" ")
        device_id, _, secret = credentials.partition(":")
        if scheme.lower() != "bearer" or not device_id or not secret:
            raise HTTPException(401, {"code": "unauthorized", "detail": "device credentials"})
        try:
            return await run_in_threadpool(hub.authenticate, device_id, secret)
        except HubError as exc:
            raise HTTPException(401, {"code": exc.code, "detail": exc.detail}) from None

    Device = Annotated[DeviceInfo, Depends(device)]

    @router.post("/enrol")
    async def enrol(body: EnrolBody) -> Response:
        try:
            done = await run_in_threadpool(hub.enrol, body.token, body.name, body.nonce)
        except HubError as exc:
            return error_response(exc.code, exc.detail)
        return JSONResponse(done.to_json())

    @router.post("/push")
    async def push(request: Request, dev: Device) -> Response:
        raw = await request.body()
        if len(raw) > MAX_BODY:
            return error_response("bad_request", "body too large", 413)
        try:
            data = decode_body(raw, request.headers.get("content-encoding"))
            changes = [Change.from_json(c) for c in data["changes"]]
        except (ValueError, KeyError, TypeError, OSError) as exc:
            return error_response("bad_request", f"malformed push: {exc}"[:300])
        try:
            results = await run_in_threadpool(hub.push, dev, changes)
        except HubError as exc:
            return error_response(exc.code, exc.detail)
        return _reply(request, {"results": [r.__dict__ for r in results]})

    @router.post("/access-log")
    async def access_log(request: Request, dev: Device) -> Response:
        raw = await request.body()
        if len(raw) > MAX_BODY:
            return error_response("bad_request", "body too large", 413)
        try:
            data = decode_body(raw, request.headers.get("content-encoding"))
            entries = list(data["entries"])
            if not all(isinstance(e, dict) for e in entries):
                raise TypeError("entries must be objects")
        except (ValueError, KeyError, TypeError, OSError) as exc:
            return error_response("bad_request", f"malformed access log: {exc}"[:300])
        try:
            kept = await run_in_threadpool(hub.access_log, dev, entries)
        except HubError as exc:
            return error_response(exc.code, exc.detail)
        return JSONResponse({"kept": kept})

    @router.get("/pull")
    async def pull(
        request: Request,
        dev: Device,
        stream: Annotated[str, Query(pattern="^(data|catalogue)$")] = "data",
        after: Annotated[str, Query(max_length=60)] = "0,0",
        limit: Annotated[int, Query(ge=1, le=MAX_PULL)] = 500,
        scope: Annotated[str, Query(max_length=4000)] = "",
    ) -> Response:
        try:
            cursor = Cursor.parse(after)
        except ValueError:
            return error_response("bad_request", f"cursor {after!r}")
        parts = [s for s in scope.split(",") if s.strip()]
        try:
            page = await run_in_threadpool(hub.pull, dev, stream, cursor, limit, parts)
        except HubError as exc:
            return error_response(exc.code, exc.detail)
        return _reply(request, page.to_json())

    @router.get("/rows")
    async def rows(
        request: Request,
        dev: Device,
        entity: Annotated[str, Query(max_length=40)],
        after: Annotated[str | None, Query(max_length=400)] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_PULL)] = 500,
    ) -> Response:
        try:
            page = await run_in_threadpool(hub.rows, entity, after, limit)
        except HubError as exc:
            return error_response(exc.code, exc.detail)
        except ValueError as exc:
            return error_response("bad_request", str(exc))
        return _reply(request, page)

    @router.get("/cursor")
    async def cursor(
        dev: Device, stream: Annotated[str, Query(pattern="^(data|catalogue)$")] = "data"
    ) -> Response:
        c = await run_in_threadpool(hub.cursor, stream)
        return JSONResponse({"stream": stream, "cursor": c.encode()})

    @router.post("/snapshot")
    async def snapshot(body: SnapshotBody, dev: Device) -> Response:
        floor = await run_in_threadpool(hub.floor, "catalogue")
        state = await run_in_threadpool(snapshots.request, body.scope, floor)
        return JSONResponse(state)

    @router.get("/snapshot/{snapshot_id}")
    async def snapshot_file(snapshot_id: str, dev: Device) -> Response:
        path = snapshots.file(snapshot_id)
        if path is None:
            return error_response("not_found", snapshot_id, 404)
        return FileResponse(path, media_type="application/octet-stream")

    @router.get("/status")
    async def status(dev: Device) -> Response:
        cursors = {s: (await run_in_threadpool(hub.cursor, s)).encode() for s in STREAMS}
        return JSONResponse(
            {
                "device_id": dev.device_id,
                "device_code": dev.device_code,
                "office": dev.office,
                "cursors": cursors,
            }
        )

    return router
