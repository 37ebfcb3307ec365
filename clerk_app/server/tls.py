"""TLS for uvicorn with what uvicorn lacks: the client certificate in the ASGI scope, and a log
line for every failed handshake.

uvicorn (0.54) wraps the listening socket with `ssl=` and never puts the peer certificate into
the scope; a failed handshake (unknown CA, no client certificate) is dropped silently by asyncio
(logged only in loop debug mode). So the listener runs WITHOUT uvicorn's ssl and this protocol
does the handshake itself with `loop.start_tls`: on failure it logs peer and reason; on success
it hands the TLS transport to uvicorn's h11 protocol and adds the ASGI TLS extension
(`scope["extensions"]["tls"]`: `client_cert_chain` as PEM, `client_cert_name`, `tls_version`)
to every request on that connection. Measured: `transport.get_extra_info("ssl_object")` on the
TLS transport returns the SSLObject whose `getpeercert(binary_form=True)` is the client's
certificate (leaf only: Python 3.11 has no verified-chain API).
"""

from __future__ import annotations

import asyncio
import logging
import ssl
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from uvicorn.protocols.http.h11_impl import H11Protocol

log = logging.getLogger("clerk.server.tls")

_TLS_VERSIONS = {"TLSv1.2": 0x0303, "TLSv1.3": 0x0304}


def server_context(
    certificate: Path, key: Path, client_cas_pem: str | None, require_client_cert: bool
) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(str(certificate), str(key))
    if client_cas_pem:
        ctx.load_verify_locations(cadata=client_cas_pem)
        ctx.verify_mode = ssl.CERT_REQUIRED if require_client_cert else ssl.CERT_OPTIONAL
    else:
        ctx.verify_mode = ssl.CERT_NONE
    ctx.set_alpn_protocols(["http/1.1"])
    return ctx


def tls_protocol(context: ssl.SSLContext, listener: str, handshake_timeout: float) -> type:
    """A uvicorn `http=` protocol class bound to one listener's TLS context."""

    class TlsH11Protocol(asyncio.Protocol):
        def __init__(self, config: Any, server_state: Any, app_state: Any, _loop: Any = None):
            self._loop = _loop or asyncio.get_event_loop()
            self._inner = H11Protocol(config, server_state, app_state, _loop=self._loop)
            self._task: asyncio.Task[None] | None = None

        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            assert isinstance(transport, asyncio.Transport)
            transport.pause_reading()  # nothing may reach us before start_tls takes over
            self._task = self._loop.create_task(self._handshake(transport))

        async def _handshake(self, transport: asyncio.Transport) -> None:
            peer = transport.get_extra_info("peername")
            early = _Early()  # holds what arrives between the handshake and our wiring
            try:
                tls = await self._loop.start_tls(
                    transport,
                    early,
                    context,
                    server_side=True,
                    ssl_handshake_timeout=handshake_timeout,
                    # an idle keep-alive client never answers close_notify: do not let it
                    # hold a graceful shutdown for asyncio's default 30 s
                    ssl_shutdown_timeout=2.0,
                )
            except (ssl.SSLError, OSError, TimeoutError, ConnectionError) as exc:
                log.warning(
                    "TLS handshake failed",
                    extra={
                        "event": "tls_handshake_failed",
                        "listener": listener,
                        "peer": f"{peer[0]}:{peer[1]}" if peer else None,
                        "reason": getattr(exc, "reason", None) or type(exc).__name__,
                        "error": str(exc),
                    },
                )
                transport.abort()
                return
            if tls is None:  # the peer went away during the handshake
                transport.abort()
                return
            self._inner.app = _with_tls_scope(self._inner.app, tls.get_extra_info("ssl_object"))
            self._inner.connection_made(tls)
            tls.set_protocol(self._inner)
            early.replay(self._inner)

        def connection_lost(self, exc: Exception | None) -> None:  # before start_tls only
            if self._task is not None and not self._task.done():
                self._task.cancel()

        def data_received(self, data: bytes) -> None:  # pragma: no cover - reading is paused
            raise RuntimeError("data before the TLS handshake")

    TlsH11Protocol.__name__ = f"TlsH11Protocol[{listener}]"
    return TlsH11Protocol


class _Early(asyncio.Protocol):
    """The TLS app protocol until uvicorn's is wired: buffers data, EOF and loss, then replays.

    asyncio may deliver the first request bytes right after the handshake, before the
    `await start_tls` continuation runs; h11 must not see them before `connection_made`.
    """

    def __init__(self) -> None:
        self.chunks: list[bytes] = []
        self.eof = False
        self.lost = False
        self.exc: Exception | None = None

    def data_received(self, data: bytes) -> None:
        self.chunks.append(data)

    def eof_received(self) -> bool:
        self.eof = True
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        self.lost, self.exc = True, exc

    def replay(self, target: asyncio.Protocol) -> None:
        if self.chunks:
            target.data_received(b"".join(self.chunks))
        if self.eof:
            target.eof_received()
        if self.lost:
            target.connection_lost(self.exc)


def _with_tls_scope(app: Any, ssl_object: ssl.SSLObject | None) -> Any:
    der = ssl_object.getpeercert(binary_form=True) if ssl_object else None
    chain: list[str] = []
    name = None
    if der:
        cert = x509.load_der_x509_certificate(der)
        chain = [cert.public_bytes(serialization.Encoding.PEM).decode("ascii")]
        name = cert.subject.rfc4514_string()
    ext = {
        "client_cert_chain": chain,
        "client_cert_name": name,
        "client_cert_error": None,
        "tls_version": _TLS_VERSIONS.get(ssl_object.version() or "") if ssl_object else None,
        "cipher_suite": None,
        "server_cert": None,
    }

    async def app_with_tls(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] in ("http", "websocket"):
            scope.setdefault("extensions", {})
            scope["extensions"] = {**(scope["extensions"] or {}), "tls": ext}
        await app(scope, receive, send)

    return app_with_tls
