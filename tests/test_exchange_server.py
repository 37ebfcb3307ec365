"""The office server as partners and workstations meet it: a real `clerk serve` process with
TLS and client certificates on 127.0.0.1, PostgreSQL behind it.

Bad input — a tampered document, a wrong client certificate, an unknown sender, a malformed
envelope, an oversized body — is refused with a clear error body (or TLS alert), logged, and
leaves nothing stored. The same message id with the same content gets the byte-identical
receipt; with other content, 409.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import ssl
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import requests

from clerk_app.exchange.protocol import ReceiptBody
from clerk_app.exchange.receipts import ReceiptSigner, utc_stamp, verify_receipt
from clerk_testkit.exchange import (
    Office,
    ServerProcess,
    db_count,
    envelope,
    receipt_identity,
    signed_pdf,
    submission,
    write_server_config,
)
from clerk_testkit.pki import TestPki
from tests.exchange_helpers import IVANGOROD, NARVA, clerk, offices  # noqa: F401

pytestmark = pytest.mark.postgres
DAUGAVPILS = "LV-90000077566"


class Client:
    """A partner's HTTP client with its mTLS identity (requests, no environment trust)."""

    def __init__(self, base: str, ca: Path, cert: Path | None, key: Path | None) -> None:
        self.base = base
        self.s = requests.Session()
        self.s.trust_env = False
        self.verify = str(ca)
        self.cert = (str(cert), str(key)) if cert and key else None

    def post(self, body: bytes, path: str = "/v1/messages", **kw: Any) -> requests.Response:
        return self.s.post(
            self.base + path,
            data=body,
            headers={"Content-Type": "application/json", **kw.pop("headers", {})},
            verify=self.verify,
            cert=self.cert,
            timeout=30,
            **kw,
        )

    def get(self, path: str, **kw: Any) -> requests.Response:
        return self.s.get(self.base + path, verify=self.verify, cert=self.cert, timeout=30, **kw)


@pytest.fixture(scope="module")
def daugavpils() -> Office:
    return Office.create(DAUGAVPILS, "Daugavpils valstspilsētas pašvaldība", "LV", ["lv", "ru"])


@pytest.fixture
def narva_server(tmp_path: Path, offices, daugavpils: Office, pg_url: str) -> Iterator[Any]:  # type: ignore[no-untyped-def]  # noqa: F811
    narva, ivan = offices
    cfg = write_server_config(
        tmp_path / "narva",
        narva,
        [(ivan, "https://127.0.0.1:1"), (daugavpils, "https://127.0.0.1:2")],
        pg_url,
        max_body_bytes=300_000,
    )
    srv = ServerProcess(cfg).start()
    ca = tmp_path / "narva-ca.pem"
    ca.write_bytes(narva.ca_pem)
    files = {
        o.org_code: o.write_files(tmp_path / "clients" / o.org_code) for o in (ivan, daugavpils)
    }
    try:
        yield srv, ca, files, pg_url
    finally:
        srv.stop()


def _client(srv: ServerProcess, ca: Path, files: dict[str, dict[str, Path]], org: str) -> Client:
    return Client(srv.partner_url, ca, files[org]["client.pem"], files[org]["client.key"])


def _refusals(srv: ServerProcess) -> list[dict[str, Any]]:
    return [e for e in srv.log_events() if e.get("event") in ("refused", "tls_handshake_failed")]


def test_receipt_replay_and_conflict(narva_server, offices) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    srv, ca, files, db = narva_server
    narva, ivan = offices
    c = _client(srv, ca, files, IVANGOROD)
    doc = signed_pdf(ivan, "Запрос")
    env = envelope(IVANGOROD, NARVA, doc)
    first = c.post(submission(env, doc))
    assert first.status_code == 201, first.text
    again = c.post(submission(env, doc))
    assert again.status_code == 200 and again.content == first.content  # the same receipt
    receipt = first.json()
    assert receipt["receipt"]["message_id"] == env["message_id"]
    assert receipt["receipt"]["document_sha256"] == hashlib.sha256(doc).hexdigest()
    check = verify_receipt(
        receipt,
        trust_roots=[narva.pki.root.cert],
        message_id=uuid.UUID(env["message_id"]),
        sender=IVANGOROD,
        receiver=NARVA,
        document_sha256=hashlib.sha256(doc).hexdigest(),
    )
    assert check.valid, check
    # the same id with other content
    other = dict(env, title="something else")
    conflict = c.post(submission(other, doc))
    assert conflict.status_code == 409
    assert conflict.json()["code"] == "message_id_conflict"
    assert conflict.headers["content-type"].startswith("application/problem+json")
    assert db_count(db, "received_message") == 1


def test_concurrent_copies_of_one_message_are_stored_once(narva_server, offices) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """A sender that times out and retries while the first attempt is still running: the
    copies race on the server; one is stored, every copy gets the same receipt."""
    from concurrent.futures import ThreadPoolExecutor

    srv, ca, files, db = narva_server
    _narva, ivan = offices
    doc = signed_pdf(ivan, "Запрос", size=60_000)
    body = submission(envelope(IVANGOROD, NARVA, doc), doc)

    def post(_: int) -> tuple[int, bytes]:
        r = _client(srv, ca, files, IVANGOROD).post(body)
        return r.status_code, r.content

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(post, range(8)))
    assert sorted(code for code, _ in answers).count(201) == 1
    assert {code for code, _ in answers} == {200, 201}
    assert len({content for _, content in answers}) == 1
    assert db_count(db, "received_message") == 1


def test_bad_input_is_refused_logged_and_not_stored(narva_server, offices) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    srv, ca, files, db = narva_server
    _narva, ivan = offices
    c = _client(srv, ca, files, IVANGOROD)
    doc = signed_pdf(ivan, "Запрос")

    # a tampered document: one byte inside the signed range changed, envelope hash updated
    assert b"ReportLab Generated" in doc
    tampered = doc.replace(b"ReportLab Generated", b"ReportLab Generatex", 1)
    r = c.post(submission(envelope(IVANGOROD, NARVA, tampered), tampered))
    assert r.status_code == 422 and r.json()["code"] == "signature_invalid", r.text
    assert "digest-mismatch" in r.json()["detail"]

    # the document does not match the hash in its envelope
    env = envelope(IVANGOROD, NARVA, doc)
    env["document"]["sha256"] = "0" * 64
    r = c.post(submission(env, doc))
    assert r.status_code == 422 and r.json()["code"] == "document_hash_mismatch"
    assert r.json()["message_id"] == env["message_id"]

    # a document signed by a key the partner's roots do not cover
    foreign = signed_pdf(Office.create("RU-1", "x", "RU", ["ru"]), "Запрос")
    r = c.post(submission(envelope(IVANGOROD, NARVA, foreign), foreign))
    assert r.status_code == 422 and "untrusted" in r.json()["detail"]

    # malformed envelopes: a missing field, a wrong type, an unknown field, bad JSON, bad base64
    env = envelope(IVANGOROD, NARVA, doc)
    del env["sender_case"]
    r = c.post(submission(env, doc))
    assert r.status_code == 422 and r.json()["code"] == "envelope_invalid"
    assert "sender_case" in r.json()["detail"]
    env = envelope(IVANGOROD, NARVA, doc, type="telegram")
    assert c.post(submission(env, doc)).status_code == 422
    env = envelope(IVANGOROD, NARVA, doc, colour="red")
    assert c.post(submission(env, doc)).json()["code"] == "envelope_invalid"
    env = envelope(IVANGOROD, NARVA, doc)
    env["document"]["size"] = 1.5
    assert c.post(submission(env, doc)).status_code == 422
    r = c.post(b'{"envelope": {')
    assert r.status_code == 400 and r.json()["code"] == "malformed_body"
    body = json.loads(submission(envelope(IVANGOROD, NARVA, doc), doc))
    body["document"] = "not base64 at all!"
    r = c.post(json.dumps(body).encode())
    assert r.status_code == 400 and r.json()["code"] == "malformed_body"

    # misaddressed, and a language this office does not accept
    r = c.post(submission(envelope(IVANGOROD, "EE-10000000", doc), doc))
    assert r.status_code == 422 and r.json()["code"] == "wrong_recipient"
    r = c.post(submission(envelope(IVANGOROD, NARVA, doc, language="fi"), doc))
    assert r.status_code == 422 and r.json()["code"] == "language_not_accepted"

    # oversized: declared, and streamed without a length (chunked)
    big = os.urandom(400_000)
    r = c.post(submission(envelope(IVANGOROD, NARVA, big), big))
    assert r.status_code == 413 and r.json()["code"] == "body_too_large"
    payload = submission(envelope(IVANGOROD, NARVA, big), big)
    chunks = (payload[i : i + 16384] for i in range(0, len(payload), 16384))
    r = c.post(chunks)  # type: ignore[arg-type]
    assert r.status_code == 413 and r.json()["code"] == "body_too_large"

    assert db_count(db, "received_message") == 0
    codes = {e.get("code") for e in _refusals(srv)}
    assert {
        "signature_invalid",
        "document_hash_mismatch",
        "envelope_invalid",
        "malformed_body",
        "wrong_recipient",
        "language_not_accepted",
        "body_too_large",
    } <= codes
    # the server is still fine
    ok = c.post(submission(envelope(IVANGOROD, NARVA, doc), doc))
    assert ok.status_code == 201


def test_client_certificates(narva_server, offices, daugavpils, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    srv, ca, files, db = narva_server
    _narva, ivan = offices
    doc = signed_pdf(ivan, "Запрос")
    body = submission(envelope(IVANGOROD, NARVA, doc), doc)

    # no client certificate: the TLS handshake is refused, and the server logs it
    with pytest.raises(requests.exceptions.RequestException):
        Client(srv.partner_url, ca, None, None).post(body)
    # a certificate from a CA no partner uses
    rogue = TestPki.create("TEST of Rogue CA").tls_client(IVANGOROD)
    (tmp_path / "rogue.pem").write_bytes(rogue.pem)
    (tmp_path / "rogue.key").write_bytes(rogue.key_pem())
    with pytest.raises(requests.exceptions.RequestException):
        Client(srv.partner_url, ca, tmp_path / "rogue.pem", tmp_path / "rogue.key").post(body)
    time.sleep(0.3)
    failed = [e for e in srv.log_events() if e.get("event") == "tls_handshake_failed"]
    assert len(failed) >= 2
    assert any("CERTIFICATE" in (e.get("reason") or "").upper() for e in failed), failed

    # trusted CA, but an organisation that is not in the directory: unknown sender
    stranger = ivan.pki.tls_client("RU-9999999999", "Somebody")
    (tmp_path / "stranger.pem").write_bytes(stranger.pem)
    (tmp_path / "stranger.key").write_bytes(stranger.key_pem())
    r = Client(srv.partner_url, ca, tmp_path / "stranger.pem", tmp_path / "stranger.key").post(body)
    assert r.status_code == 403 and r.json()["code"] == "unknown_sender"

    # a partner's certificate used to send in another partner's name
    r = _client(srv, ca, files, DAUGAVPILS).post(body)
    assert r.status_code == 403 and r.json()["code"] == "sender_mismatch"
    # a partner's org code in a certificate from the other partner's CA does not pass either
    forged = daugavpils.pki.tls_client(IVANGOROD)
    (tmp_path / "forged.pem").write_bytes(forged.pem)
    (tmp_path / "forged.key").write_bytes(forged.key_pem())
    r = Client(srv.partner_url, ca, tmp_path / "forged.pem", tmp_path / "forged.key").post(body)
    assert r.status_code == 403 and r.json()["code"] == "unknown_sender"

    assert db_count(db, "received_message") == 0
    refused = [e for e in _refusals(srv) if e.get("event") == "refused"]
    assert {"unknown_sender", "sender_mismatch"} <= {e["code"] for e in refused}
    assert any("RU-9999999999" in (e.get("client_cert") or "") for e in refused)


def test_health_and_workstation_auth(narva_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    srv, ca, files, _db = narva_server
    ws = Client(srv.workstation_url, ca, None, None)
    h = ws.get("/health")
    assert h.status_code == 200 and h.json() == {
        "status": "ok",
        "org_code": NARVA,
        "protocol": "clerk-exchange/1",
        "database": "ok",
    }
    assert ws.get("/v1/workstation/inbox").status_code == 401
    bad = ws.get("/v1/workstation/inbox", headers={"Authorization": "Bearer nope"})
    assert bad.status_code == 401 and bad.json()["code"] == "token_invalid"
    _code, out, _ = clerk("server", "enrol-token", "--config", str(srv.config), "W7")
    token = out.split()[-1]
    auth = {"Authorization": f"Bearer {token}"}
    me = ws.get("/v1/workstation/whoami", headers=auth)
    assert me.status_code == 200 and me.json()["device"] == "W7"
    directory = ws.get("/v1/workstation/directory", headers=auth).json()
    assert {p["org_code"] for p in directory["partners"]} == {IVANGOROD, DAUGAVPILS}
    assert "BEGIN CERTIFICATE" in directory["partners"][0]["tls_trust_pem"]
    assert clerk("server", "revoke-token", "--config", str(srv.config), "W7")[0] == 0
    assert ws.get("/v1/workstation/whoami", headers=auth).status_code == 401
    # the workstation listener does not serve the partner protocol, and vice versa
    assert ws.post(b"{}").status_code == 404
    assert _client(srv, ca, files, IVANGOROD).get("/v1/workstation/whoami").status_code == 404


def test_graceful_shutdown_finishes_the_request_in_flight(narva_server, offices) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    srv, ca, files, db = narva_server
    _narva, ivan = offices
    doc = signed_pdf(ivan, "Запрос")
    env = envelope(IVANGOROD, NARVA, doc)
    body = submission(env, doc)
    ctx = ssl.create_default_context(cafile=str(ca))
    ctx.load_cert_chain(files[IVANGOROD]["client.pem"], files[IVANGOROD]["client.key"])
    raw = socket.create_connection(("127.0.0.1", srv.partner_port))
    tls = ctx.wrap_socket(raw, server_hostname="127.0.0.1")
    head = (
        f"POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    tls.sendall(head + body[: len(body) // 2])
    time.sleep(0.3)
    assert srv.proc is not None
    srv.proc.send_signal(signal.SIGTERM)
    time.sleep(0.5)
    # new connections are no longer accepted …
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", srv.partner_port), timeout=2).close()
    # … but the request in flight completes with its receipt
    tls.sendall(body[len(body) // 2 :])
    reply = b""
    while b"\r\n\r\n" not in reply or len(reply.split(b"\r\n\r\n", 1)[1]) < 100:
        chunk = tls.recv(65536)
        if not chunk:
            break
        reply += chunk
    tls.close()
    assert reply.startswith(b"HTTP/1.1 201"), reply[:200]
    assert srv.proc.wait(30) == 0
    assert db_count(db, "received_message") == 1
    events = [e.get("event") for e in srv.log_events()]
    assert "shutdown" in events and events[-1] == "stopped"


def test_server_refuses_a_broken_config(tmp_path: Path, offices) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    narva, ivan = offices
    cfg = write_server_config(
        tmp_path / "n", narva, [(ivan, "https://127.0.0.1:1")], "sqlite:///x.db"
    )
    (tmp_path / "n" / "partners.toml").write_text(
        (tmp_path / "n" / "partners.toml").read_text().replace("tls_trust", "tls_trusst")
    )
    code, _, err = clerk("server", "check", "--config", str(cfg))
    assert code == 1 and "tls_trust" in err and "missing" in err
    code, _, err = clerk("serve", "--config", str(tmp_path / "missing.toml"))
    assert code == 2 and "not found" in err
    bad = tmp_path / "n" / "bad.toml"
    bad.write_text(cfg.read_text().replace('org_code = "EE-75039664"', 'org_code = "Narva"'))
    code, _, err = clerk("server", "check", "--config", str(bad))
    assert code == 2 and "server.org_code" in err


def test_receipt_key_rotation_keeps_old_receipts_valid(offices) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """Receipts carry their certificate: a receipt signed before a key change still verifies."""
    narva, _ivan = offices
    old = receipt_identity(narva.pki, NARVA)
    signer = ReceiptSigner(old.key, [old.cert, narva.pki.intermediate.cert])  # type: ignore[arg-type]
    mid = uuid.uuid4()
    receipt = signer.sign(
        ReceiptBody(
            message_id=mid,
            sender=IVANGOROD,
            receiver=NARVA,
            envelope_sha256="a" * 64,
            document_sha256="b" * 64,
            received_at=utc_stamp(datetime.now(UTC)),
        )
    )
    raw = json.loads(receipt.model_dump_json())
    ok = verify_receipt(
        raw,
        trust_roots=[narva.pki.root.cert],
        message_id=mid,
        sender=IVANGOROD,
        receiver=NARVA,
        document_sha256="b" * 64,
    )
    assert ok.valid
    raw["receipt"]["document_sha256"] = "c" * 64  # any change breaks the signature
    assert (
        verify_receipt(
            raw,
            trust_roots=[narva.pki.root.cert],
            message_id=mid,
            sender=IVANGOROD,
            receiver=NARVA,
            document_sha256="c" * 64,
        ).code
        == "bad_signature"
    )


def test_worker_processes_share_the_listeners(tmp_path: Path, offices, pg_url: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    narva, ivan = offices
    cfg = write_server_config(
        tmp_path / "narva", narva, [(ivan, "https://127.0.0.1:1")], pg_url, workers=2
    )
    srv = ServerProcess(cfg).start()
    try:
        assert len(srv.info["worker_pids"]) == 2
        files = {IVANGOROD: ivan.write_files(tmp_path / "client")}
        ca = tmp_path / "ca.pem"
        ca.write_bytes(narva.ca_pem)
        doc = signed_pdf(ivan, "Запрос")
        codes = [
            Client(
                srv.partner_url, ca, files[IVANGOROD]["client.pem"], files[IVANGOROD]["client.key"]
            )
            .post(submission(envelope(IVANGOROD, NARVA, doc), doc))
            .status_code
            for _ in range(6)
        ]
        assert codes == [201] * 6
    finally:
        assert srv.stop() == 0
    assert db_count(pg_url, "received_message") == 6
    for pid in srv.info["worker_pids"]:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
