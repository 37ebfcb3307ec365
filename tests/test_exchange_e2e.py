"""End to end between two municipalities, each with a real office server (uvicorn, TLS with
client certificates, PostgreSQL) and a workstation driven through the `clerk` CLI:

Ivangorod registers a citizen's request and asks Narva's archive; Narva's workstation pulls it
from its office server into the request register (partner case number, deadline); Narva signs
a certificate and sends it; Ivangorod verifies the signature and the receipt and finds the
certificate attached to its request.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cryptography import x509

from clerk_app.exchange.receipts import verify_receipt
from clerk_testkit.exchange import ROOT, db_count, signed_pdf
from tests.exchange_helpers import (
    IVANGOROD,
    NARVA,
    Site,
    free_port,
    make_site,
    offices,  # noqa: F401  (fixture)
    pg_url2,  # noqa: F401  (fixture)
)

pytestmark = pytest.mark.postgres


@pytest.fixture
def two_sites(tmp_path: Path, offices, pg_url: str, pg_url2: str):  # type: ignore[no-untyped-def]  # noqa: F811
    narva_o, ivan_o = offices
    narva_port, ivan_port = free_port(), free_port()
    narva = make_site(tmp_path, narva_o, [(ivan_o, ivan_port)], pg_url, "NRV", "ee", narva_port)
    ivan = make_site(tmp_path, ivan_o, [(narva_o, narva_port)], pg_url2, "IVG", "ru", ivan_port)
    narva.server.start()
    ivan.server.start()
    try:
        narva.enrol()
        ivan.enrol()
        yield narva, ivan
    finally:
        narva.server.stop()
        ivan.server.stop()


def register_at_counter(site: Site) -> dict:  # type: ignore[type-arg]
    out = site.must(
        "request",
        "register",
        "--applicant",
        "Иванова Мария Петровна",
        "--address",
        "188490 Ивангород, ул. Гагарина 5",
        "--subject",
        "salary",
        "--born",
        "1950-03-02",
        "--period-from",
        "1970",
        "--period-to",
        "1985",
        "--lang",
        "ru,et",
        "--json",
    )
    return json.loads(out)  # type: ignore[no-any-return]


def test_request_and_certificate_between_two_offices(two_sites, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    narva, ivan = two_sites

    # Ivangorod: the citizen's request, sent to Narva's archive
    req = register_at_counter(ivan)
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(signed_pdf(ivan.office, "Запрос архивной справки"))
    ivan.must("outbox", "add-request", req["reg_number"], str(letter), "--to", NARVA)
    assert json.loads(ivan.must("request", "show", req["uid"], "--json"))["status"] == "in_search"
    assert [m["state"] for m in ivan.outbox()] == ["queued"]
    assert "1 receipted" in ivan.must("outbox", "send")
    [sent] = ivan.outbox()
    assert sent["state"] == "receipted" and sent["has_receipt"] and sent["attempts"] == 1
    assert db_count(narva.db_url, "received_message") == 1

    # Narva: the office server hands it to the workstation, which registers it
    assert "1 applied" in narva.must("inbox", "fetch")
    [incoming] = narva.inbox()
    assert incoming["type"] == "request" and incoming["state"] == "applied"
    assert incoming["sender_case"] == req["reg_number"]
    mine = json.loads(narva.must("request", "show", incoming["request_id"], "--json"))
    assert mine["channel"] == "partner" and mine["partner_org"] == IVANGOROD
    assert mine["partner_case_number"] == req["reg_number"]
    assert mine["deadline"] == req["deadline"]  # the partner's deadline, not Narva's own
    assert mine["person_birth_date"] == "1950-03-02" and mine["period"] == [1970, 1985]
    # a second fetch brings nothing new (acknowledged on the server)
    assert "0 fetched" in narva.must("inbox", "fetch")

    # Narva answers with a signed certificate
    for status in ("in_search", "certificate_prepared", "signed"):
        narva.must("request", "status", mine["uid"], status)
    cert_pdf = tmp_path / "certificate.pdf"
    cert_pdf.write_bytes(signed_pdf(narva.office, "Arhiiviteatis / Архивная справка"))
    narva.must("outbox", "add-certificate", mine["reg_number"], str(cert_pdf))
    assert json.loads(narva.must("request", "show", mine["uid"], "--json"))["status"] == "sent"
    # the sender as a background process (what a workstation service runs); SIGTERM stops it
    watcher = subprocess.Popen(
        [
            *(sys.executable, "-m", "clerk_app.cli", "--home", str(narva.home)),
            *("outbox", "send", "--watch", "--interval", "0.3"),
        ],
        env=os.environ | {"PYTHONPATH": str(ROOT)},
    )
    try:
        deadline = time.monotonic() + 60
        while narva.outbox()[0]["state"] != "receipted":
            assert time.monotonic() < deadline and watcher.poll() is None
            time.sleep(0.3)
    finally:
        watcher.send_signal(signal.SIGTERM)
        assert watcher.wait(30) == 0
    # the receipt closes the request
    assert json.loads(narva.must("request", "show", mine["uid"], "--json"))["status"] == "delivered"

    # Ivangorod: the certificate arrives, is verified and attached to the request
    assert "1 applied" in ivan.must("inbox", "fetch")
    [answer] = ivan.inbox()
    assert answer["type"] == "certificate" and answer["state"] == "applied"
    assert answer["request_id"] == req["uid"]
    assert "JÕEORG" in (answer["signer"] or "")  # the signature was checked against Narva's roots
    history = json.loads(ivan.must("request", "show", req["uid"], "--json"))
    assert history["status"] == "in_search"

    # the receipt Ivangorod keeps verifies against Narva's receipt CA and binds the message
    shown = json.loads(ivan.must("outbox", "show", sent["message_id"]))
    env = shown["envelope"]
    check = verify_receipt(
        shown["receipt"],
        trust_roots=x509.load_pem_x509_certificates(narva.office.ca_pem),
        message_id=__import__("uuid").UUID(sent["message_id"]),
        sender=IVANGOROD,
        receiver=NARVA,
        document_sha256=env["document"]["sha256"],
    )
    assert check.valid, check
    # … and not against another CA
    assert not verify_receipt(
        shown["receipt"],
        trust_roots=x509.load_pem_x509_certificates(ivan.office.ca_pem),
        message_id=check.receipt.message_id,  # type: ignore[union-attr]
        sender=IVANGOROD,
        receiver=NARVA,
        document_sha256=env["document"]["sha256"],
    ).valid
    # exactly one copy of each message on each server
    assert db_count(narva.db_url, "received_message") == 1
    assert db_count(ivan.db_url, "received_message") == 1
    events = narva.server.log_events()
    assert any(e.get("event") == "message_received" for e in events)
