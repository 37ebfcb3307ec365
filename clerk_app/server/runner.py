"""Running the office server: two TLS listeners on one event loop, structured logs, graceful
shutdown on SIGTERM/SIGINT, optionally several worker processes sharing the sockets.

Sockets are bound here (not by uvicorn) so port 0 works and the bound ports can be reported in
`--ready-file`, and so forked workers inherit them. Graceful: on SIGTERM the listeners stop
accepting, requests in flight finish (up to `graceful_shutdown_seconds`), the database pool is
closed, exit code 0.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import signal
import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import uvicorn

from clerk_app.server import logs
from clerk_app.server.app import create_app
from clerk_app.server.config import ServerConfig
from clerk_app.server.context import ServerContext
from clerk_app.server.tls import server_context, tls_protocol

log = logging.getLogger("clerk.server")


class _Server(uvicorn.Server):
    """uvicorn.Server without its own signal handling: the runner owns the signals."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(512)
    sock.set_inheritable(True)
    return sock


def _uvicorn_config(ctx: ServerContext, role: str, tls: Any) -> uvicorn.Config:
    cfg = uvicorn.Config(
        create_app(ctx, role),  # type: ignore[arg-type]
        http=tls,
        lifespan="off",
        log_config=None,
        access_log=False,
        proxy_headers=False,
        server_header=False,
        timeout_graceful_shutdown=ctx.config.server.graceful_shutdown_seconds,
        timeout_keep_alive=30,
        ws="none",
    )
    return cfg


async def serve_sockets(config: ServerConfig, partner: socket.socket, ws: socket.socket) -> None:
    ctx = ServerContext.build(config)
    s = config.server
    partner_tls = server_context(
        config.partner_listener.certificate,
        config.partner_listener.key,
        ctx.directory.all_tls_cas_pem()
        + (
            config.partner_listener.extra_client_cas.read_text()
            if config.partner_listener.extra_client_cas
            else ""
        ),
        require_client_cert=True,
    )
    ws_tls = server_context(
        config.workstation_listener.certificate,
        config.workstation_listener.key,
        None,
        require_client_cert=False,
    )
    servers = [
        _Server(
            _uvicorn_config(
                ctx, "partner", tls_protocol(partner_tls, "partner", s.handshake_timeout_seconds)
            )
        ),
        _Server(
            _uvicorn_config(
                ctx,
                "workstation",
                tls_protocol(ws_tls, "workstation", s.handshake_timeout_seconds),
            )
        ),
    ]
    loop = asyncio.get_running_loop()
    # the sync endpoints' thread pool: bounded, so threads never outnumber DB connections
    import anyio.to_thread

    anyio.to_thread.current_default_thread_limiter().total_tokens = s.threads

    def stop(signum: int) -> None:
        log.info(
            "shutting down", extra={"event": "shutdown", "signal": signal.Signals(signum).name}
        )
        for srv in servers:
            if srv.should_exit:
                srv.force_exit = True
            srv.should_exit = True

    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop, sig)
    try:
        await asyncio.gather(servers[0].serve([partner]), servers[1].serve([ws]))
    finally:
        ctx.close()


def run(config: ServerConfig, ready_file: Path | None = None) -> int:
    s = config.server
    logs.configure(s.log_level, s.log_file)
    # migrate once, before any worker starts; fail early on a bad directory or key
    ServerContext.build(config).close()
    partner = bind(config.partner_listener.host, config.partner_listener.port)
    ws = bind(config.workstation_listener.host, config.workstation_listener.port)
    ports = {
        "pid": os.getpid(),
        "partner_port": partner.getsockname()[1],
        "workstation_port": ws.getsockname()[1],
        "org_code": s.org_code,
        "workers": s.workers,
    }
    log.info("listening", extra={"event": "listening", **ports})
    if s.workers == 1 or sys.platform == "win32":
        if ready_file:
            _write_ready(ready_file, ports)
        asyncio.run(serve_sockets(config, partner, ws))
        log.info("stopped", extra={"event": "stopped"})
        return 0
    return _supervise(config, partner, ws, ready_file, ports)


def _write_ready(path: Path, ports: dict[str, Any]) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(ports))
    tmp.replace(path)


def _supervise(
    config: ServerConfig,
    partner: socket.socket,
    ws: socket.socket,
    ready_file: Path | None,
    ports: dict[str, Any],
) -> int:
    """Fork `workers` children that share the listening sockets; forward SIGTERM/SIGINT."""
    children: list[int] = []
    for _ in range(config.server.workers):
        pid = os.fork()
        if pid == 0:  # child
            code = 0
            try:
                asyncio.run(serve_sockets(config, partner, ws))
            except BaseException:
                log.exception("worker failed", extra={"event": "worker_failed"})
                code = 1
            finally:
                logging.shutdown()
                os._exit(code)
        children.append(pid)
    if ready_file:
        _write_ready(ready_file, ports | {"worker_pids": children})

    def forward(signum: int, _frame: Any) -> None:
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signum)

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    worst = 0
    for pid in children:
        while True:
            try:
                _, status = os.waitpid(pid, 0)
                break
            except InterruptedError:
                continue
        worst = max(worst, os.waitstatus_to_exitcode(status))
    log.info("stopped", extra={"event": "stopped", "exit": worst})
    return 0 if worst == 0 else 1
