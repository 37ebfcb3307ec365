"""Test kit for the exchange: an office with its own PKI, its certificate files, server.toml and
partners.toml, signed test PDFs, and an office server run as a real `clerk serve` subprocess.

Used by the exchange tests and by bench/exchange_bench.py. Not shipped with the app.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from clerk_testkit.pki import Issued, TestPki, _name

ROOT = Path(__file__).resolve().parents[1]


def receipt_identity(pki: TestPki, org_code: str) -> Issued:
    """The office server's receipt-signing certificate (EC P-256, digitalSignature)."""
    key = ec.generate_private_key(ec.SECP256R1())
    start = datetime.now(UTC) - timedelta(days=30)
    builder = pki._builder(
        _name(C="EE", O=org_code, orgId=org_code, CN=f"{org_code} exchange receipts"),
        key.public_key(),
        start,
        start + timedelta(days=825),
    ).add_extension(
        x509.KeyUsage(
            digital_signature=True,
            content_commitment=True,
            key_encipherment=False,
            data_encipherment=False,
            key_agreement=False,
            key_cert_sign=False,
            crl_sign=False,
            encipher_only=False,
            decipher_only=False,
        ),
        critical=True,
    )
    return Issued(pki._sign(builder), key)


@dataclass
class Office:
    """One municipality: its PKI (its country's CA), TLS and receipt certificates, a clerk."""

    org_code: str
    name: str
    country: str
    pki: TestPki
    tls_server: Issued
    tls_client: Issued
    receipt: Issued
    clerk: Issued
    languages: list[str] = field(default_factory=lambda: ["et", "ru", "en"])

    @classmethod
    def create(cls, org_code: str, name: str, country: str, languages: list[str]) -> Office:
        pki = TestPki.create(f"TEST of {country} CA 2026")
        return cls(
            org_code,
            name,
            country,
            pki,
            pki.tls_server(),
            pki.tls_client(org_code, name),
            receipt_identity(pki, org_code),
            pki.signing_identity(country=country),
            languages,
        )

    @property
    def ca_pem(self) -> bytes:
        return self.pki.root.pem + self.pki.intermediate.pem

    def write_files(self, folder: Path) -> dict[str, Path]:
        folder.mkdir(parents=True, exist_ok=True)
        files = {
            "ca": self.ca_pem,
            "tls.pem": self.tls_server.pem + self.pki.intermediate.pem,
            "tls.key": self.tls_server.key_pem(),
            "client.pem": self.tls_client.pem + self.pki.intermediate.pem,
            "client.key": self.tls_client.key_pem(),
            "receipt.pem": self.receipt.pem + self.pki.intermediate.pem,
            "receipt.key": self.receipt.key_pem(),
            "sign-roots.pem": self.pki.root.pem,
        }
        out = {}
        for name, data in files.items():
            path = folder / (name if "." in name else f"{name}.pem")
            path.write_bytes(data)
            out[name] = path
        return out


def partners_toml(entries: list[tuple[Office, str]], folder: Path) -> str:
    """partners.toml text; each partner's certificate files go to folder/<org_code>/."""
    parts = []
    for office, endpoint in entries:
        files = office.write_files(folder / office.org_code)
        rel = office.org_code
        parts.append(
            "[[partner]]\n"
            f'org_code = "{office.org_code}"\n'
            f"name = {json.dumps(office.name, ensure_ascii=False)}\n"
            f'endpoint = "{endpoint}"\n'
            f'tls_trust = "{rel}/{files["ca"].name}"\n'
            f'signature_roots = "{rel}/{files["sign-roots.pem"].name}"\n'
            f'receipt_roots = "{rel}/{files["ca"].name}"\n'
            'formats = ["application/pdf"]\n'
            f"languages = {json.dumps(office.languages)}\n"
        )
    return "\n".join(parts)


def write_server_config(
    folder: Path,
    office: Office,
    partners: list[tuple[Office, str]],
    database: str,
    *,
    partner_port: int = 0,
    workstation_port: int = 0,
    max_body_bytes: int = 2_000_000,
    workers: int = 1,
    log_file: bool = True,
    extra: str = "",
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    office.write_files(folder / "own")
    (folder / "partners.toml").write_text(partners_toml(partners, folder), encoding="utf-8")
    log_line = 'log_file = "server.log"\n' if log_file else ""
    text = (
        "version = 1\n\n[server]\n"
        f'org_code = "{office.org_code}"\n'
        f"name = {json.dumps(office.name, ensure_ascii=False)}\n"
        f'database = "{database}"\n'
        'partners = "partners.toml"\n'
        f"accepted_languages = {json.dumps(office.languages)}\n"
        f"max_body_bytes = {max_body_bytes}\n"
        "graceful_shutdown_seconds = 10\n"
        f"workers = {workers}\n"
        f"{log_line}{extra}\n"
        '[receipts]\nkey = "own/receipt.key"\ncertificate = "own/receipt.pem"\n\n'
        f'[partner_listener]\nhost = "127.0.0.1"\nport = {partner_port}\n'
        'certificate = "own/tls.pem"\nkey = "own/tls.key"\n\n'
        f'[workstation_listener]\nhost = "127.0.0.1"\nport = {workstation_port}\n'
        'certificate = "own/tls.pem"\nkey = "own/tls.key"\n'
    )
    path = folder / "server.toml"
    path.write_text(text, encoding="utf-8")
    return path


# -- documents -------------------------------------------------------------------------------


def plain_pdf(text: str, size: int = 0, seed: int = 0) -> bytes:
    """A small PDF; with `size`, pages of incompressible text until about that many bytes.

    Helvetica set explicitly and a fresh canvas per try: another part may have made a TTF the
    process-wide default, and a reportlab canvas must not be finished twice."""
    from reportlab.pdfgen import canvas

    def build(pages: int) -> bytes:
        buf = io.BytesIO()
        c = canvas.Canvas(buf, pageCompression=0)
        c.setFont("Helvetica", 10)
        c.drawString(72, 770, text)
        c.showPage()
        rnd = random.Random(seed)
        alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 "
        for _ in range(pages):
            c.setFont("Helvetica", 10)
            for line in range(60):
                c.drawString(30, 800 - line * 12, "".join(rnd.choice(alphabet) for _ in range(95)))
            c.showPage()
        c.save()
        return buf.getvalue()

    pdf = build(0)
    if not size:
        return pdf
    one_page = len(build(1)) - len(pdf)
    target = size - 9000  # the signature adds about 9 KB
    return build(max(1, round((target - len(pdf)) / one_page)))


def sign_pdf(pdf: bytes, identity: Issued, pki: TestPki) -> bytes:
    """PAdES B-B with pyHanko (software key from the test PKI)."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    assert identity.key is not None
    key = asn1_keys.PrivateKeyInfo.load(
        identity.key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    signer = signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(identity.der),
        signing_key=key,
        cert_registry=SimpleCertificateStore.from_certs(
            [asn1_x509.Certificate.load(pki.intermediate.der)]
        ),
    )
    out = signers.sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(pdf)),
        signers.PdfSignatureMetadata(
            field_name="Signature1",
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha384",
        ),
        signer=signer,
    )
    return out.getvalue()


def signed_pdf(office: Office, text: str, size: int = 0, seed: int = 0) -> bytes:
    return sign_pdf(plain_pdf(text, size, seed), office.clerk, office.pki)


# -- envelopes -------------------------------------------------------------------------------


def envelope(
    sender: str,
    recipient: str,
    document: bytes | None,
    *,
    type: str = "request",
    message_id: str | None = None,
    language: str = "ru",
    sender_case: str = "IV-2026-0001",
    recipient_case: str | None = None,
    **fields: Any,
) -> dict[str, Any]:
    from uuid6 import uuid7

    env: dict[str, Any] = {
        "protocol": "clerk-exchange/1",
        "message_id": message_id or str(uuid7()),
        "type": type,
        "sender": sender,
        "recipient": recipient,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "language": language,
        "sender_case": {"number": sender_case},
    }
    if recipient_case:
        env["recipient_case"] = {"number": recipient_case}
    if type == "request":
        env["request"] = {
            "subject": "salary",
            "applicant": {"name": "Иванова Мария Петровна", "address": "Ивангород, ул. Гагарина 5"},
            "person": {"name": "Иванова Мария Петровна", "birth_date": "1950-03-02"},
            "period_from": 1970,
            "period_to": 1985,
        }
        env["deadline"] = (datetime.now(UTC).date() + timedelta(days=30)).isoformat()
    if document is not None:
        env["document"] = {
            "sha256": hashlib.sha256(document).hexdigest(),
            "size": len(document),
            "media_type": "application/pdf",
            "file_name": "document.pdf",
        }
    env.update(fields)
    return env


def submission(env: dict[str, Any], document: bytes | None) -> bytes:
    body: dict[str, Any] = {"envelope": env}
    if document is not None:
        body["document"] = base64.b64encode(document).decode("ascii")
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


# -- a real server process -------------------------------------------------------------------


class ServerProcess:
    """`python -m clerk_app.cli serve --config …` with a ready file; stop() = SIGTERM."""

    def __init__(self, config: Path, env: dict[str, str] | None = None) -> None:
        self.config = config
        self.ready = config.parent / "ready.json"
        self.log = config.parent / "server.log"
        self.stderr_path = config.parent / "server.stderr"
        self.proc: subprocess.Popen[bytes] | None = None
        self.env = env or {}
        self.info: dict[str, Any] = {}

    def start(self, timeout: float = 60) -> ServerProcess:
        self.ready.unlink(missing_ok=True)
        env = os.environ | {"PYTHONPATH": str(ROOT)} | self.env
        self._stderr = self.stderr_path.open("ab")
        self.proc = subprocess.Popen(
            [
                *(sys.executable, "-m", "clerk_app.cli", "serve"),
                *("--config", str(self.config), "--ready-file", str(self.ready)),
            ],
            cwd=str(self.config.parent),
            env=env,
            stdout=self._stderr,
            stderr=self._stderr,
        )
        deadline = time.monotonic() + timeout
        while not self.ready.exists():
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"server exited {self.proc.returncode}: {self.stderr_path.read_text()[-3000:]}"
                )
            if time.monotonic() > deadline:
                self.kill()
                raise TimeoutError("server did not become ready")
            time.sleep(0.05)
        self.info = json.loads(self.ready.read_text())
        self._wait_accepting()
        return self

    def _wait_accepting(self) -> None:
        import socket

        for _ in range(200):
            try:
                with socket.create_connection(("127.0.0.1", self.partner_port), timeout=1):
                    return
            except OSError:
                time.sleep(0.05)

    @property
    def partner_port(self) -> int:
        return int(self.info["partner_port"])

    @property
    def workstation_port(self) -> int:
        return int(self.info["workstation_port"])

    @property
    def partner_url(self) -> str:
        return f"https://127.0.0.1:{self.partner_port}"

    @property
    def workstation_url(self) -> str:
        return f"https://127.0.0.1:{self.workstation_port}"

    def stop(self, timeout: float = 30) -> int:
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else 0
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)

    def log_events(self) -> list[dict[str, Any]]:
        if not self.log.exists():
            return []
        out = []
        for line in self.log.read_text(encoding="utf-8").splitlines():
            try:
                out.append(json.loads(line))
            except ValueError:
                continue
        return out


def db_count(url: str, table: str, where: str = "") -> int:
    from sqlalchemy import create_engine, text

    from clerk_app.store.database import normalise_url

    eng = create_engine(normalise_url(url))
    try:
        with eng.connect() as conn:
            return int(conn.execute(text(f"SELECT count(*) FROM {table} {where}")).scalar() or 0)
    finally:
        eng.dispose()


def fingerprint_pem(pem: bytes) -> str:
    return x509.load_pem_x509_certificate(pem).fingerprint(hashes.SHA256()).hex()


class CutProxy:
    """A TCP relay between a sender and a server that can cut the link at a chosen moment.

    Modes: "pass" relays everything; "hold_upload" stops relaying the client's bytes once more
    than `threshold` went up (the server never gets the whole body); "hold_response" relays the
    whole upload but holds back what the server answers once more than `threshold` went up (the
    server has stored the message and answered; the sender never hears it). `holding` is set
    when a hold starts; `cut()` then closes every connection. TLS passes through untouched.
    """

    def __init__(self, target_port: int, threshold: int = 20_000) -> None:
        import socket
        import threading

        self.target_port = target_port
        self.threshold = threshold
        self.mode = "pass"
        self.holding = threading.Event()
        self._socks: list[Any] = []
        self._lock = threading.Lock()
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        self.port = int(self._listener.getsockname()[1])
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        import socket
        import threading

        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                self._socks += [client, upstream]
            state = {"up": 0}
            threading.Thread(
                target=self._pump, args=(client, upstream, state, True), daemon=True
            ).start()
            threading.Thread(
                target=self._pump, args=(upstream, client, state, False), daemon=True
            ).start()

    def _pump(self, src: Any, dst: Any, state: dict[str, int], upward: bool) -> None:
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                if upward:
                    state["up"] += len(data)
                    if self.mode == "hold_upload" and state["up"] > self.threshold:
                        self.holding.set()
                        continue
                elif self.mode == "hold_response" and state["up"] > self.threshold:
                    self.holding.set()
                    continue
                dst.sendall(data)
        except OSError:
            pass
        finally:
            import contextlib
            import socket

            with contextlib.suppress(OSError):
                dst.shutdown(socket.SHUT_WR)

    def cut(self) -> None:
        import contextlib
        import socket

        with self._lock:
            socks, self._socks = self._socks, []
        for s in socks:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                s.close()
        self.holding.clear()

    def close(self) -> None:
        self._closed = True
        self.cut()
        self._listener.close()
