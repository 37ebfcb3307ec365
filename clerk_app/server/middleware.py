"""ASGI middleware: the body size limit (before anything parses the body) and unexpected errors
as problem bodies. Pure ASGI, so a huge upload is cut off while it streams, not after."""

from __future__ import annotations

import json
import logging
from typing import Any

from clerk_app.server.errors import PROBLEM_JSON, problem_body

log = logging.getLogger("clerk.server")


async def _send_problem(send: Any, status: int, code: str, detail: str) -> None:
    body = json.dumps(problem_body(status, code, detail)).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", PROBLEM_JSON.encode()),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _drain(receive: Any, budget: int) -> None:
    """Read and drop the rest of a refused body (up to `budget` bytes) before answering: a
    client still uploading when the server closes gets a TCP reset instead of our 413."""
    while budget > 0:
        message = await receive()
        if message["type"] != "http.request":
            return
        budget -= len(message.get("body", b""))
        if not message.get("more_body", False):
            return


class BodyLimit:
    """413 with a problem body when Content-Length or the streamed body exceeds `limit`.

    Bodies up to `drain_factor` × limit are read to the end and dropped, so the sender reads
    the 413; anything larger is cut off at once."""

    def __init__(self, app: Any, limit: int, drain_factor: int = 4) -> None:
        self.app = app
        self.limit = limit
        self.drain = limit * drain_factor

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        detail = f"the body exceeds this server's limit of {self.limit} bytes"
        for name, value in scope["headers"]:
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await _send_problem(send, 400, "malformed_body", "bad Content-Length")
                    return
                if declared > self.limit:
                    _log_limit(scope, declared, self.limit)
                    if declared <= self.drain:
                        await _drain(receive, self.drain)
                    await _send_problem(send, 413, "body_too_large", detail)
                    return
        seen = 0
        started = False
        refused = False

        async def tracking_send(message: Any) -> None:
            nonlocal started
            if refused:
                return  # we already answered 413; whatever the app says now is dropped
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        async def limited_receive() -> Any:
            nonlocal seen, refused
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit and not refused:
                    _log_limit(scope, seen, self.limit)
                    if message.get("more_body", False):
                        await _drain(receive, self.drain - seen)
                    if not started:
                        await _send_problem(send, 413, "body_too_large", detail)
                    refused = True
            if refused:
                return {"type": "http.disconnect"}
            return message

        try:
            await self.app(scope, limited_receive, tracking_send)
        except Exception:
            if not refused:
                raise


class CatchAll:
    """Any unexpected exception: logged with its traceback, answered as a 500 problem body
    (never an HTML page, never a stack trace on the wire)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Any) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            log.exception(
                "unexpected error", extra={"event": "internal_error", "path": scope.get("path")}
            )
            if not started:
                await _send_problem(send, 500, "internal_error", "unexpected server error")


def _log_limit(scope: Any, size: int, limit: int) -> None:
    client = scope.get("client")
    log.warning(
        "request refused",
        extra={
            "event": "refused",
            "status": 413,
            "code": "body_too_large",
            "detail": f"{size} > {limit} bytes",
            "path": scope.get("path"),
            "peer": f"{client[0]}:{client[1]}" if client else None,
            "client_cert": (scope.get("extensions") or {}).get("tls", {}).get("client_cert_name"),
        },
    )
