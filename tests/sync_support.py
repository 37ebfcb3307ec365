"""Helpers of the sync tests: a real hub (uvicorn subprocess with TLS) and workstations."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests

from clerk_app.bootstrap import Workstation
from clerk_app.core.requests import Applicant, NewRequest, RequestSubject
from clerk_app.sync.enrolment import enrol
from clerk_testkit.pki import TestPki

ROOT = Path(__file__).resolve().parents[1]
LAUNCHER = Path(__file__).with_name("sync_server.py")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Tls:
    ca: Path
    cert: Path
    key: Path

    @classmethod
    def make(cls, folder: Path) -> Tls:
        pki = TestPki.create()
        folder.mkdir(parents=True, exist_ok=True)
        server = pki.tls_server()
        ca = folder / "ca.pem"
        ca.write_bytes(pki.root.pem)
        cert = folder / "server.pem"
        cert.write_bytes(server.pem + pki.intermediate.pem)  # leaf + chain
        key = folder / "server.key"
        key.write_bytes(server.key_pem())
        return cls(ca, cert, key)


class Hub:
    """The office server in its own process, so a test can kill it at any moment."""

    def __init__(self, db_url: str, folder: Path, tls: Tls | None = None) -> None:
        self.db_url = db_url
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.tls = tls
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        scheme = "https" if tls else "http"
        self.url = f"{scheme}://127.0.0.1:{self.port}"
        self.log = folder / "hub.log"

    @property
    def verify(self) -> str | bool:
        return str(self.tls.ca) if self.tls else True

    def start(self, pause_at: str | None = None, marker: Path | None = None) -> Hub:
        args = [
            sys.executable, str(LAUNCHER), "--db", self.db_url, "--port", str(self.port),
            "--snapshots", str(self.folder / "snapshots"),
        ]  # fmt: skip
        if self.tls:
            args += ["--ssl-certfile", str(self.tls.cert), "--ssl-keyfile", str(self.tls.key)]
        if pause_at:
            assert marker is not None
            args += ["--pause-at", pause_at, "--marker", str(marker)]
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(args, stdout=log, stderr=log, env=env, cwd=ROOT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"hub exited: {self.log.read_text()[-2000:]}")
            try:
                if requests.get(f"{self.url}/health", verify=self.verify, timeout=1).ok:
                    return self
            except requests.RequestException:
                time.sleep(0.1)
        raise RuntimeError("hub did not start")

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)
        self.proc = None

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.proc = None

    def admin(self) -> Workstation:
        """The hub's database as the admin's CLI sees it (`clerk --db URL sync token …`)."""
        return Workstation(str(self.folder / "admin-home"), self.db_url)

    def token(self, code: str, office: str = "NRV") -> str:
        ws = self.admin()
        try:
            return ws.hub_service().create_token(office, code)
        finally:
            ws.close()


def wait_for(path: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > deadline:
            raise TimeoutError(path)
        time.sleep(0.02)


def workstation(folder: Path, hub: Hub, code: str, scope: tuple[str, ...] = ()) -> Workstation:
    ws = Workstation(str(folder))
    enrol(
        ws.uow_factory(),
        ws.sync_config_path,
        ws.home.settings,
        hub.url,
        hub.token(code),
        ca_file=str(hub.tls.ca) if hub.tls else None,
        name=f"test {code}",
        scope=scope,
    )
    ws.close()
    return Workstation(str(folder))  # settings now carry the office and device code


def new_request(person: str = "Ivanov Ivan", applicant: str = "Ivan Ivanov") -> NewRequest:
    return NewRequest(
        Applicant(applicant, phone="+372 5555 1234"), RequestSubject.EMPLOYMENT, person
    )
