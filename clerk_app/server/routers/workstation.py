"""The office's own workstations: enrolment-token auth, the partner directory, the inbox of
messages partners sent (fetch, then acknowledge)."""

from __future__ import annotations

import base64
import json
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel

from clerk_app.core.exchange import Device, ExchangeError
from clerk_app.core.services import office
from clerk_app.exchange.directory import DirectoryDocument
from clerk_app.exchange.protocol import (
    AckRequest,
    AckResult,
    Envelope,
    InboxBatch,
    InboxItem,
    Problem,
    SignedReceipt,
)
from clerk_app.exchange.receiver import Refused

router = APIRouter(prefix="/v1/workstation", tags=["workstation"])
_bearer = HTTPBearer(auto_error=False, description="the workstation's enrolment token")
_AUTH = {401: {"model": Problem, "description": "missing, unknown or revoked token"}}


def require_device(
    request: Request,
    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Device:
    if creds is None or not creds.credentials:
        raise Refused(401, ExchangeError.TOKEN_INVALID, "send `Authorization: Bearer <token>`")
    device = office.authenticate(request.app.state.ctx.uow_factory(), creds.credentials)
    if device is None:
        raise Refused(401, ExchangeError.TOKEN_INVALID, "unknown or revoked enrolment token")
    return device


DeviceDep = Annotated[Device, Depends(require_device)]


class WhoAmI(BaseModel):
    device: str
    org_code: str
    org_name: str
    directory_version: str


@router.get("/whoami", response_model=WhoAmI, responses=_AUTH)
def whoami(request: Request, device: DeviceDep) -> WhoAmI:
    ctx = request.app.state.ctx
    return WhoAmI(
        device=device.name,
        org_code=ctx.config.server.org_code,
        org_name=ctx.config.server.name,
        directory_version=ctx.directory.version,
    )


@router.get("/directory", response_model=DirectoryDocument, responses=_AUTH)
def directory(request: Request, device: DeviceDep) -> DirectoryDocument:
    return request.app.state.ctx.directory.document()  # type: ignore[no-any-return]


@router.get("/inbox", response_model=InboxBatch, responses=_AUTH)
def inbox(
    request: Request, device: DeviceDep, limit: Annotated[int, Query(ge=1, le=200)] = 50
) -> InboxBatch:
    ctx = request.app.state.ctx
    rows = office.pending_for(ctx.uow_factory(), device, limit + 1)
    items = [
        InboxItem(
            envelope=Envelope.model_validate(json.loads(m.envelope_json)),
            document=base64.b64encode(m.document).decode("ascii") if m.document else None,
            received_at=m.received_at,
            receipt=SignedReceipt.model_validate_json(m.receipt_json),
            signer=m.signer,
        )
        for m in rows[:limit]
    ]
    return InboxBatch(messages=items, more=len(rows) > limit)


@router.post("/inbox/ack", response_model=AckResult, responses=_AUTH)
def ack(request: Request, device: DeviceDep, body: AckRequest) -> AckResult:
    n = office.acknowledge(request.app.state.ctx.uow_factory(), device, body.message_ids)
    return AckResult(acknowledged=n)
