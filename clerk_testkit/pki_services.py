"""The test PKI's online services on one loopback HTTP server: TSA, OCSP, CRL and caIssuers.

    with PkiServices(pki) as services:      # binds 127.0.0.1 on a free port
        ident = pki.signing_identity()        # AIA now points at this server
        services.tsa_url, services.ocsp_url

Start the services before issuing person certificates: starting sets `pki.ocsp_url`,
`pki.crl_url` and `pki.ca_issuers_url`, which TestPki writes into what it issues. A test can
make an endpoint fail (`services.failing.add("tsa")` → HTTP 503) or point a client at
`closed_port_url()` to look offline.
"""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType

from clerk_testkit.ocsp import OcspResponder
from clerk_testkit.pki import TestPki
from clerk_testkit.tsa import TimeStampAuthority


class PkiServices:
    def __init__(self, pki: TestPki) -> None:
        self.pki = pki
        self.tsa_issued = pki.tsa()
        self.ocsp_issued = pki.ocsp_responder()
        self.tsa = TimeStampAuthority(self.tsa_issued, chain=(pki.intermediate.der,))
        self.ocsp = OcspResponder(pki, self.ocsp_issued)
        self.failing: set[str] = set()  # route names answered with 503
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.base_url = ""

    # -- URLs ------------------------------------------------------------------------
    @property
    def tsa_url(self) -> str:
        return f"{self.base_url}/tsa"

    @property
    def ocsp_url(self) -> str:
        return f"{self.base_url}/ocsp"

    @property
    def crl_url(self) -> str:
        return f"{self.base_url}/crl/intermediate.crl"

    @property
    def ca_issuers_url(self) -> str:
        return f"{self.base_url}/certs/intermediate.der"

    # -- lifecycle -----------------------------------------------------------------------
    def start(self) -> PkiServices:
        services = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # headers and body go out in two writes; with Nagle on, the body waits for the
            # client's delayed ACK (40 ms on Linux loopback) — a test-server artefact
            disable_nagle_algorithm = True

            def log_message(self, format: str, *args: object) -> None:  # quiet in tests
                pass

            def _send(self, status: int, body: bytes, ctype: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _route(self) -> str:
                return self.path.split("?")[0].strip("/").split("/")[0]

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                route = self._route()
                if route in services.failing:
                    self._send(503, b"unavailable", "text/plain")
                elif route == "tsa":
                    self._send(200, services.tsa.respond(body), "application/timestamp-reply")
                elif route == "ocsp":
                    self._send(200, services.ocsp.respond(body), "application/ocsp-response")
                else:
                    self._send(404, b"not found", "text/plain")

            def do_GET(self) -> None:
                route = self._route()
                if route in services.failing:
                    self._send(503, b"unavailable", "text/plain")
                elif self.path == "/crl/intermediate.crl":
                    self._send(200, services.pki.crl(), "application/pkix-crl")
                elif self.path == "/certs/intermediate.der":
                    self._send(200, services.pki.intermediate.der, "application/pkix-cert")
                elif self.path == "/certs/root.der":
                    self._send(200, services.pki.root.der, "application/pkix-cert")
                else:
                    self._send(404, b"not found", "text/plain")

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self.pki.ocsp_url = self.ocsp_url
        self.pki.crl_url = self.crl_url
        self.pki.ca_issuers_url = self.ca_issuers_url
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="pki-services", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> PkiServices:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def closed_port_url(path: str = "/tsa") -> str:
    """A loopback URL where nothing listens: what an offline office sees (connection refused)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}{path}"


def serve_forever(folder: Path) -> None:
    """Run a fresh PKI's services in this process until stdin closes (for benchmarks).

    Writes root.pem, intermediate.pem (+ their keys, so the caller can issue more test
    certificates, e.g. for a virtual card), signer.pem and signer-key.pem (a signing identity
    issued after the services listen) and urls.json into `folder`, then prints "ready".
    """
    import json
    import sys

    pki = TestPki.create()
    with PkiServices(pki) as services:
        ident = pki.signing_identity()
        paths = pki.write(folder)
        (folder / "signer.pem").write_bytes(ident.pem)
        (folder / "signer-key.pem").write_bytes(ident.key_pem())
        (folder / "root-key.pem").write_bytes(pki.root.key_pem())
        (folder / "intermediate-key.pem").write_bytes(pki.intermediate.key_pem())
        urls = {
            "tsa": services.tsa_url,
            "ocsp": services.ocsp_url,
            "crl": services.crl_url,
            "ca_issuers": services.ca_issuers_url,
            "root": str(paths["root"]),
        }
        (folder / "urls.json").write_text(json.dumps(urls))
        print("ready", flush=True)
        sys.stdin.read()  # until the parent closes our stdin (or exits)


if __name__ == "__main__":
    import sys

    serve_forever(Path(sys.argv[1]))
