"""Partner-facing protocol v1: `POST /v1/messages` over mutual TLS."""

from __future__ import annotations

import json
from typing import Annotated, Any

from cryptography import x509
from fastapi import APIRouter, Depends, Request, Response

from clerk_app.exchange.certs import fingerprint
from clerk_app.exchange.protocol import MESSAGES_PATH, Problem, SignedReceipt, Submission
from clerk_app.exchange.receiver import identify_partner

router = APIRouter(tags=["exchange"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem, "description": "malformed body (not JSON, bad base64)"},
    401: {"model": Problem, "description": "no client certificate"},
    403: {"model": Problem, "description": "unknown sender, or certificate of another sender"},
    409: {"model": Problem, "description": "message id already received with other content"},
    413: {"model": Problem, "description": "body larger than the server's limit"},
    415: {"model": Problem, "description": "document media type not accepted"},
    422: {
        "model": Problem,
        "description": "envelope invalid, misaddressed, document hash/size/signature wrong",
    },
}


def client_certificate(request: Request) -> x509.Certificate | None:
    """The TLS client certificate, from the ASGI TLS extension our uvicorn protocol fills."""
    tls = (request.scope.get("extensions") or {}).get("tls") or {}
    chain = tls.get("client_cert_chain") or []
    return x509.load_pem_x509_certificate(chain[0].encode("ascii")) if chain else None


async def raw_body(request: Request) -> Any:
    """The JSON exactly as sent: the envelope hash is taken over it, not over a re-dump."""
    try:
        return json.loads(await request.body())
    except ValueError:
        return None  # FastAPI's own parse reports it


@router.post(
    MESSAGES_PATH,
    status_code=201,
    response_model=SignedReceipt,
    summary="Submit a message (envelope + signed document); answers with a signed receipt",
    responses={
        200: {"model": SignedReceipt, "description": "replay: this message was received before"},
        201: {"model": SignedReceipt, "description": "received and stored"},
        **_ERRORS,
    },
)
def submit_message(
    submission: Submission, request: Request, raw: Annotated[Any, Depends(raw_body)]
) -> Response:
    ctx = request.app.state.ctx
    cert = client_certificate(request)
    partner = identify_partner(ctx.receiver.directory, cert)
    assert cert is not None
    accepted = ctx.receiver.receive(partner, fingerprint(cert), raw, submission)
    return Response(
        accepted.receipt_json,
        status_code=200 if accepted.replay else 201,
        media_type="application/json",
    )
