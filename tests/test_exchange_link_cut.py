"""The link is cut mid-send and the receiving server is killed (SIGKILL) and restarted: every
message still arrives exactly once.

A TCP relay between the sender and the partner's server decides the moment: once after the
server stored the message and answered (the sender never hears the receipt), once before the
server had the whole body. The sender records a failure, keeps the message (state `sent`),
and the retry — the same message id — is answered with the stored receipt or stored fresh.
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from clerk_testkit.exchange import CutProxy, db_count, signed_pdf
from tests.exchange_helpers import (
    IVANGOROD,
    NARVA,
    free_port,
    make_site,
    offices,  # noqa: F401  (fixture)
    pg_url2,  # noqa: F401  (fixture)
)
from tests.test_exchange_e2e import register_at_counter

pytestmark = pytest.mark.postgres


def _wait(cond: Any, timeout: float = 30) -> None:
    end = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.05)


def _send_in_background(site: Any) -> tuple[threading.Thread, list[Any]]:
    result: list[Any] = []
    t = threading.Thread(target=lambda: result.append(site.cli("outbox", "send")), daemon=True)
    t.start()
    return t, result


def test_link_cut_and_server_killed_mid_send(tmp_path: Path, offices, pg_url, pg_url2) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    narva_o, ivan_o = offices
    narva_port, ivan_port = free_port(), free_port()
    to_narva = CutProxy(narva_port)
    to_ivan = CutProxy(ivan_port)
    narva = make_site(tmp_path, narva_o, [(ivan_o, to_ivan.port)], pg_url, "NRV", "ee", narva_port)
    ivan = make_site(tmp_path, ivan_o, [(narva_o, to_narva.port)], pg_url2, "IVG", "ru", ivan_port)
    narva.server.start()
    ivan.server.start()
    try:
        narva.enrol()
        ivan.enrol()

        # 1. Ivangorod → Narva; Narva stores it and answers, the answer never arrives
        req = register_at_counter(ivan)
        letter = tmp_path / "letter.pdf"
        letter.write_bytes(signed_pdf(ivan.office, "Запрос", size=100_000))
        ivan.must("outbox", "add-request", req["uid"], str(letter), "--to", NARVA)
        to_narva.mode = "hold_response"
        thread, result = _send_in_background(ivan)
        assert to_narva.holding.wait(60)
        _wait(lambda: db_count(narva.db_url, "received_message") == 1)
        narva.server.kill()  # SIGKILL: no graceful anything
        to_narva.cut()
        thread.join(60)
        code, out, _err = result[0]
        assert code == 1 and "1 to retry" in out
        [msg] = ivan.outbox()
        assert msg["state"] == "sent" and msg["attempts"] == 1
        assert msg["last_error_code"] == "network" and msg["next_attempt_at"]
        stored = json.loads(_receipt_on_server(narva.db_url, msg["message_id"]))

        # the server comes back; the retry (same message id) gets the receipt it stored
        narva.server.start()
        to_narva.mode = "pass"
        ivan.must("outbox", "retry", msg["message_id"])
        assert "1 receipted" in ivan.must("outbox", "send")
        [msg] = ivan.outbox()
        assert msg["state"] == "receipted" and msg["attempts"] == 2
        kept = json.loads(ivan.must("outbox", "show", msg["message_id"]))["receipt"]
        assert kept == stored  # the very receipt written before the crash
        assert db_count(narva.db_url, "received_message") == 1
        assert "1 applied" in narva.must("inbox", "fetch")
        [incoming] = narva.inbox()

        # 2. Narva → Ivangorod; the server dies before it has the whole body
        for status in ("in_search", "certificate_prepared", "signed"):
            narva.must("request", "status", incoming["request_id"], status)
        cert = tmp_path / "certificate.pdf"
        cert.write_bytes(signed_pdf(narva.office, "Arhiiviteatis", size=100_000))
        narva.must("outbox", "add-certificate", incoming["request_id"], str(cert))
        to_ivan.mode = "hold_upload"
        thread, result = _send_in_background(narva)
        assert to_ivan.holding.wait(60)
        time.sleep(0.3)
        ivan.server.kill()
        to_ivan.cut()
        thread.join(60)
        assert result[0][0] == 1
        assert db_count(ivan.db_url, "received_message") == 0  # nothing half-stored
        [cert_msg] = [m for m in narva.outbox() if m["type"] == "certificate"]
        assert cert_msg["state"] in ("queued", "sent") and cert_msg["attempts"] == 1
        # the request stays "sent" until a receipt arrives
        shown = json.loads(narva.must("request", "show", incoming["request_id"], "--json"))
        assert shown["status"] == "sent"

        ivan.server.start()
        to_ivan.mode = "pass"
        narva.must("outbox", "retry", cert_msg["message_id"])
        assert "1 receipted" in narva.must("outbox", "send")
        assert db_count(ivan.db_url, "received_message") == 1
        shown = json.loads(narva.must("request", "show", incoming["request_id"], "--json"))
        assert shown["status"] == "delivered"

        # exactly once on the workstation too, even when fetched twice
        assert "1 applied" in ivan.must("inbox", "fetch")
        assert "0 fetched" in ivan.must("inbox", "fetch")
        [answer] = ivan.inbox()
        assert answer["request_id"] == req["uid"] and answer["state"] == "applied"
        assert {m["message_id"] for m in ivan.inbox()} == {cert_msg["message_id"]}
        assert IVANGOROD in json.dumps(narva.inbox())
    finally:
        narva.server.stop()
        ivan.server.stop()
        to_narva.close()
        to_ivan.close()


def _receipt_on_server(db_url: str, message_id: str) -> str:
    import uuid

    from sqlalchemy import create_engine, select

    from clerk_app.store.database import normalise_url
    from clerk_app.store.models_exchange import ReceivedMessage

    eng = create_engine(normalise_url(db_url))
    try:
        with eng.connect() as conn:
            return str(
                conn.execute(
                    select(ReceivedMessage.receipt_json).where(
                        ReceivedMessage.id == uuid.UUID(message_id)
                    )
                ).scalar_one()
            )
    finally:
        eng.dispose()
