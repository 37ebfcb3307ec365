"""The app factory: one FastAPI app per listener, sharing one ServerContext.

`partner` serves protocol v1 (its OpenAPI document IS the published protocol) and `health`;
`workstation` serves the office's own workstations and `health`. Other parts (sync) add their
routers to WORKSTATION_ROUTERS / PARTNER_ROUTERS rather than editing this file's logic.
"""

from __future__ import annotations

import logging
import time
from typing import Any, Literal

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse

from clerk_app.exchange.protocol import PROTOCOL, Problem
from clerk_app.server.context import ServerContext
from clerk_app.server.errors import install as install_errors
from clerk_app.server.errors import problem
from clerk_app.server.middleware import BodyLimit, CatchAll
from clerk_app.server.routers import exchange, health, workstation

Role = Literal["partner", "workstation"]
PARTNER_ROUTERS: list[APIRouter] = [health.router, exchange.router]
WORKSTATION_ROUTERS: list[APIRouter] = [health.router, workstation.router]

access_log = logging.getLogger("clerk.server.access")

_DESCRIPTION = {
    "partner": (
        f"Clerk exchange protocol v1 (`{PROTOCOL}`) between municipal archives. Mutual TLS: "
        "the client certificate identifies the sending organisation. See "
        "docs/exchange-protocol-v1.md."
    ),
    "workstation": "API of the office server for its own workstations (enrolment token).",
}


def create_app(ctx: ServerContext, role: Role) -> Any:
    app = FastAPI(
        title=f"Clerk office server — {role} API",
        version="1.0.0",
        description=_DESCRIPTION[role],
        docs_url=None,
        redoc_url=None,
    )
    app.state.ctx = ctx
    install_errors(app)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        return problem(500, "internal_error", "unexpected server error")

    for router in PARTNER_ROUTERS if role == "partner" else WORKSTATION_ROUTERS:
        app.include_router(router)
    _problem_responses_in_openapi(app)
    limited = BodyLimit(app, ctx.config.server.max_body_bytes)
    return CatchAll(AccessLog(limited, role))


def _problem_responses_in_openapi(app: FastAPI) -> None:
    """Every 4xx answer is `application/problem+json` with the Problem schema: say so in the
    published document (FastAPI would claim application/json and its own 422 shape)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = build()
        ref = {"$ref": "#/components/schemas/Problem"}
        schemas = schema.setdefault("components", {}).setdefault("schemas", {})
        schemas.setdefault("Problem", Problem.model_json_schema())
        for item in schema.get("paths", {}).values():
            for op in item.values():
                responses = op.get("responses", {})
                if "requestBody" in op:
                    responses.setdefault("400", {"description": "malformed body"})
                    responses.setdefault("413", {"description": "body too large"})
                if op.get("parameters") or "requestBody" in op:
                    responses.setdefault("422", {"description": "invalid input"})
                for status, resp in responses.items():
                    if status.isdigit() and 400 <= int(status) < 500:
                        resp["content"] = {"application/problem+json": {"schema": ref}}
        for unused in ("HTTPValidationError", "ValidationError"):
            schemas.pop(unused, None)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


class AccessLog:
    """One structured line per request: method, path, status, duration, peer, client cert."""

    def __init__(self, app: Any, listener: str) -> None:
        self.app = app
        self.listener = listener
        # the FastAPI app, for tests and schema export (openapi())
        self.fastapi = getattr(app, "app", app)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 0

        async def send_status(message: Any) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            client = scope.get("client")
            tls = (scope.get("extensions") or {}).get("tls") or {}
            access_log.info(
                "request",
                extra={
                    "event": "http_request",
                    "listener": self.listener,
                    "method": scope.get("method"),
                    "path": scope.get("path"),
                    "status": status,
                    "ms": round((time.perf_counter() - start) * 1000, 1),
                    "peer": f"{client[0]}:{client[1]}" if client else None,
                    "client_cert": tls.get("client_cert_name"),
                },
            )
