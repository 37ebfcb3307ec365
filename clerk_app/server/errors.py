"""Error bodies: RFC 9457 problem details with a stable `code`, for every refusal the server
makes (including FastAPI's own validation errors and the body size limit)."""

from __future__ import annotations

import json
import logging
from typing import Any
from uuid import UUID

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from clerk_app.core.exchange import ExchangeError
from clerk_app.exchange.receiver import Refused

log = logging.getLogger("clerk.server")

PROBLEM_JSON = "application/problem+json"
_TITLES = {
    400: "Bad request",
    401: "Client certificate required",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Body too large",
    415: "Unsupported media type",
    422: "Unprocessable message",
    503: "Unavailable",
}


def problem_body(
    status: int,
    code: str,
    detail: str,
    message_id: UUID | None = None,
    errors: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": f"https://clerk.invalid/problems/{code}",
        "title": _TITLES.get(status, "Error"),
        "status": status,
        "code": code,
        "detail": detail,
    }
    if message_id is not None:
        body["message_id"] = str(message_id)
    if errors:
        body["errors"] = errors
    return body


def problem(
    status: int,
    code: str,
    detail: str,
    message_id: UUID | None = None,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    return JSONResponse(
        problem_body(status, code, detail, message_id, errors),
        status_code=status,
        media_type=PROBLEM_JSON,
        headers=headers,
    )


def _peer(request: Request) -> str | None:
    return f"{request.client.host}:{request.client.port}" if request.client else None


def log_refusal(request: Request, status: int, code: str, detail: str, mid: Any = None) -> None:
    log.warning(
        "request refused",
        extra={
            "event": "refused",
            "status": status,
            "code": code,
            "detail": detail[:500],
            "path": request.url.path,
            "peer": _peer(request),
            "message_id": str(mid) if mid else None,
            "client_cert": request.scope.get("extensions", {})
            .get("tls", {})
            .get("client_cert_name"),
        },
    )


def _clean(errors: list[Any]) -> list[dict[str, Any]]:
    out = []
    for e in errors[:20]:
        out.append(
            {
                "loc": [str(p) for p in e.get("loc", ())],
                "msg": str(e.get("msg", "")),
                "type": str(e.get("type", "")),
            }
        )
    return out


def install(app: FastAPI) -> None:
    @app.exception_handler(Refused)
    async def _refused(request: Request, exc: Refused) -> JSONResponse:
        log_refusal(request, exc.status, exc.code.value, exc.detail, exc.message_id)
        return problem(exc.status, exc.code.value, exc.detail, exc.message_id, exc.errors)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _clean(list(exc.errors()))
        if any(e["type"] == "json_invalid" for e in errors):
            code, status, detail = ExchangeError.MALFORMED_BODY, 400, "the body is not valid JSON"
        else:
            code, status = ExchangeError.ENVELOPE_INVALID, 422
            first = errors[0] if errors else {"loc": [], "msg": "invalid"}
            detail = f"{'.'.join(first['loc'][1:]) or 'body'}: {first['msg']}"
        mid = _message_id_of(exc)
        log_refusal(request, status, code.value, detail, mid)
        return problem(status, code.value, detail, mid, errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        log_refusal(request, exc.status_code, code, str(exc.detail))
        return problem(
            exc.status_code, code, str(exc.detail), headers=getattr(exc, "headers", None)
        )


def _message_id_of(exc: RequestValidationError) -> UUID | None:
    body = getattr(exc, "body", None)
    if isinstance(body, bytes | str):
        try:
            body = json.loads(body)
        except ValueError:
            return None
    try:
        return UUID(str(body["envelope"]["message_id"]))  # type: ignore[index]
    except (TypeError, KeyError, ValueError):
        return None
