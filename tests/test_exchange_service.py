"""The workstation's exchange service on SQLite and PostgreSQL: the outbox row and the request's
status change in one transaction, leases, back-off, retry and cancel, receipts closing the
request, and incoming messages applied to the request register (or kept as invalid)."""

from __future__ import annotations

import base64
import json
import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from uuid6 import uuid7

from clerk_app.core.exchange import InboxState, OutboxState
from clerk_app.core.requests import (
    Applicant,
    LegalRegime,
    NewRequest,
    RequestChannel,
    RequestStatus,
    RequestSubject,
    TransitionError,
)
from clerk_app.core.services.requests import Office, RequestService
from clerk_app.exchange.directory import load_toml
from clerk_app.exchange.pdf_verify import PartnerDocumentVerifier
from clerk_app.exchange.service import Backoff, ExchangeRefused, ExchangeService
from clerk_app.store.uow import SqlUnitOfWork
from clerk_testkit.exchange import envelope, partners_toml, signed_pdf
from tests.exchange_helpers import IVANGOROD, NARVA, offices  # noqa: F401


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def narva_ws(engine, tmp_path: Path, offices) -> dict[str, Any]:  # type: ignore[no-untyped-def]  # noqa: F811
    narva, ivan = offices
    toml = tmp_path / "partners.toml"
    toml.write_text(partners_toml([(ivan, "https://127.0.0.1:1")], tmp_path))
    directory = load_toml(toml, NARVA)
    clock = Clock()
    uow = lambda: SqlUnitOfWork(engine)  # noqa: E731
    requests = RequestService(uow, Office("NRV", "W1", LegalRegime.EE), "clerk", clock=clock)
    svc = ExchangeService(
        uow,
        own_org=NARVA,
        directory=lambda: directory,
        requests=requests,
        verifier=PartnerDocumentVerifier(),
        actor="clerk",
        clock=clock,
        backoff=Backoff(base=10, cap=600),
        rng=random.Random(7),
    )
    return {"svc": svc, "requests": requests, "clock": clock, "narva": narva, "ivan": ivan}


def _partner_request(requests: RequestService) -> Any:
    return requests.register(
        NewRequest(
            applicant=Applicant("Иванова Мария", address="Ивангород"),
            subject=RequestSubject.SALARY,
            person_name="Иванова Мария",
            languages=("et", "ru"),
            channel=RequestChannel.PARTNER,
            partner_org=IVANGOROD,
            partner_case_number="IVG-2026-W1-000007",
        )
    )


def _to_signed(requests: RequestService, uid: str) -> None:
    for s in (RequestStatus.IN_SEARCH, RequestStatus.CERTIFICATE_PREPARED, RequestStatus.SIGNED):
        requests.change_status(uid, s)


def test_certificate_enters_the_outbox_with_the_status_change(narva_ws) -> None:  # type: ignore[no-untyped-def]
    svc, requests, narva = narva_ws["svc"], narva_ws["requests"], narva_ws["narva"]
    req = _partner_request(requests)
    doc = signed_pdf(narva, "Arhiiviteatis")

    # not yet signed: refused, and nothing was queued
    with pytest.raises(TransitionError):
        svc.send_certificate(req.uid, doc)
    assert svc.list_outbox() == []
    assert requests.get(req.uid).request.status is RequestStatus.REGISTERED

    _to_signed(requests, req.uid)
    with pytest.raises(ExchangeRefused) as exc:
        svc.send_certificate(req.uid, b"not a pdf")
    assert exc.value.code == "not_pdf"
    assert svc.list_outbox() == [] and requests.get(req.uid).request.status is RequestStatus.SIGNED

    item = svc.send_certificate(req.uid, doc)
    assert item.state is OutboxState.QUEUED and item.recipient == IVANGOROD
    detail = requests.get(req.uid)
    assert detail.request.status is RequestStatus.SENT
    assert [e.kind for e in detail.events][-2:] == ["status", "exchange_queued"]
    env = json.loads(svc.outbox_message(item.message_id).envelope_json)
    assert env["recipient_case"] == {"number": "IVG-2026-W1-000007"}
    assert env["sender_case"]["number"] == req.reg_number
    assert env["language"] == "et"  # the certificate's first language the partner accepts

    # the receipt closes the request in the same transaction
    svc.record_receipt(item.message_id, '{"receipt": "kept"}')
    detail = requests.get(req.uid)
    assert detail.request.status is RequestStatus.DELIVERED
    assert svc.outbox_message(item.message_id).receipt_json == '{"receipt": "kept"}'
    assert "exchange_receipted" in [e.kind for e in detail.events]


def test_claim_lease_backoff_retry_cancel(narva_ws) -> None:  # type: ignore[no-untyped-def]
    svc, requests, clock, narva = (narva_ws[k] for k in ("svc", "requests", "clock", "narva"))
    req = _partner_request(requests)
    _to_signed(requests, req.uid)
    item = svc.send_certificate(req.uid, signed_pdf(narva, "x"))
    [claimed] = svc.claim_due()
    assert claimed.message_id == item.message_id
    assert svc.claim_due() == []  # leased: a second sender does not take it
    e = svc.record_failure(item.message_id, "network", "refused", transmitted=False)
    assert e.state is OutboxState.QUEUED and e.attempts == 1
    first = e.next_attempt_at - clock.now  # type: ignore[operator]
    assert timedelta(seconds=5) <= first <= timedelta(seconds=10)
    assert svc.claim_due() == []  # not due yet
    clock.now += timedelta(seconds=11)
    svc.claim_due()
    e = svc.record_failure(item.message_id, "network", "reset", transmitted=True)
    assert e.state is OutboxState.SENT and e.sent_at is not None and e.attempts == 2
    assert timedelta(seconds=10) <= e.next_attempt_at - clock.now <= timedelta(seconds=20)  # type: ignore[operator]
    e = svc.record_failure(
        item.message_id, "server_error", "503", transmitted=True, retry_after=300
    )
    assert e.next_attempt_at - clock.now >= timedelta(seconds=300)  # type: ignore[operator]
    # the clerk retries now; then the partner rejects; retry again; then cancels
    svc.retry(item.message_id)
    assert [x.message_id for x in svc.claim_due()] == [item.message_id]
    e = svc.record_rejection(item.message_id, "signature_invalid", "untrusted")
    assert e.state is OutboxState.REJECTED
    assert svc.claim_due() == []
    assert svc.retry(item.message_id).state is OutboxState.SENT  # it was on the wire before
    assert svc.cancel(item.message_id).state is OutboxState.CANCELLED
    with pytest.raises(ExchangeRefused) as exc:
        svc.retry(item.message_id)
    assert exc.value.code == "not_retryable"
    with pytest.raises(ExchangeRefused):
        svc.cancel(uuid7())
    assert svc.outbox_counts() == {"cancelled": 1}
    kinds = [ev.kind for ev in requests.get(req.uid).events]
    assert "exchange_rejected" in kinds and "exchange_cancelled" in kinds


def _incoming(item_env: dict[str, Any], doc: bytes | None) -> dict[str, Any]:
    return {
        "envelope": item_env,
        "document": base64.b64encode(doc).decode() if doc else None,
        "received_at": datetime.now(UTC).isoformat(),
        "receipt": {
            "receipt": {
                "protocol": "clerk-exchange/1",
                "message_id": item_env["message_id"],
                "sender": item_env["sender"],
                "receiver": item_env["recipient"],
                "envelope_sha256": "e" * 64,
                "received_at": "2026-11-23T09:00:00.000000Z",
            },
            "signature": {"alg": "ES256", "value": "AA"},
            "certificates": ["AA=="],
        },
    }


def test_incoming_request_is_registered_once(narva_ws) -> None:  # type: ignore[no-untyped-def]
    svc, requests, ivan = narva_ws["svc"], narva_ws["requests"], narva_ws["ivan"]
    doc = signed_pdf(ivan, "Запрос")
    env = envelope(IVANGOROD, NARVA, doc, sender_case="IVG-2026-W1-000001")
    env["deadline"] = (date.today() + timedelta(days=40)).isoformat()
    result = svc.take_incoming(_incoming(env, doc))
    assert result.outcome == "applied"
    r = requests.get(result.request_id).request  # type: ignore[arg-type]
    assert r.channel is RequestChannel.PARTNER and r.partner_org == IVANGOROD
    assert r.partner_case_number == "IVG-2026-W1-000001"
    assert r.deadline.isoformat() == env["deadline"]
    assert r.person_birth_date is not None and r.person_birth_date.iso() == "1950-03-02"
    assert svc.take_incoming(_incoming(env, doc)).outcome == "duplicate"
    assert len(requests.list()) == 1
    [row] = svc.list_inbox()
    assert row.state is InboxState.APPLIED and row.signer and "JÕEORG" in row.signer

    # a deadline already past: registered anyway, with the legal deadline and a note
    late = envelope(IVANGOROD, NARVA, doc, sender_case="IVG-2026-W1-000002")
    late["deadline"] = "2020-01-01"
    r2 = requests.get(svc.take_incoming(_incoming(late, doc)).request_id).request  # type: ignore[arg-type]
    assert r2.deadline > date(2026, 1, 1) and "2020-01-01" in (r2.description or "")


def test_incoming_bad_messages_are_kept_as_invalid(narva_ws) -> None:  # type: ignore[no-untyped-def]
    svc, requests, narva, ivan = (narva_ws[k] for k in ("svc", "requests", "narva", "ivan"))
    # signed by the wrong office's key for this partner
    doc = signed_pdf(narva, "Запрос")
    res = svc.take_incoming(_incoming(envelope(IVANGOROD, NARVA, doc), doc))
    assert res.outcome == "invalid" and res.code == "signature_invalid"
    # a certificate for a case this office does not have
    good = signed_pdf(ivan, "Справка")
    cert = envelope(IVANGOROD, NARVA, good, type="certificate", recipient_case="NRV-2026-W1-999999")
    res = svc.take_incoming(_incoming(cert, good))
    assert res.outcome == "invalid" and res.code == "case_unknown"
    # a case that exists but belongs to another partner
    other = requests.register(
        NewRequest(
            applicant=Applicant("Kask Mari", address="Narva"),
            subject=RequestSubject.EMPLOYMENT,
            person_name="Kask Mari",
        )
    )
    cert = envelope(IVANGOROD, NARVA, good, type="certificate", recipient_case=other.reg_number)
    assert svc.take_incoming(_incoming(cert, good)).code == "case_unknown"
    assert requests.list()[0].status is RequestStatus.REGISTERED
    states = {r.state for r in svc.list_inbox()}
    assert states == {InboxState.INVALID} and len(svc.list_inbox()) == 3


def test_unconfigured_workstation_refuses_to_send(engine) -> None:  # type: ignore[no-untyped-def]
    uow = lambda: SqlUnitOfWork(engine)  # noqa: E731
    requests = RequestService(uow, Office("NRV", "W1", LegalRegime.EE), "clerk")
    svc = ExchangeService(uow, requests=requests)
    req = _partner_request(requests)
    with pytest.raises(ExchangeRefused) as exc:
        svc.send_refusal(req.uid, "no records", b"%PDF-1.7")
    assert exc.value.code == "not_configured"
    assert requests.get(req.uid).request.status is RequestStatus.REGISTERED


def test_received_store_inserts_once_and_hands_out_per_device(engine) -> None:  # type: ignore[no-untyped-def]
    """Server side: add() reports a duplicate id without writing; each workstation gets every
    message until it acknowledges it."""
    from clerk_app.core.exchange import MessageType, ReceivedMessage

    now = datetime.now(UTC)
    msgs = [
        ReceivedMessage(
            uuid7(), IVANGOROD, NARVA, MessageType.REQUEST, "{}", "e" * 64, b"%PDF",
            "d" * 64, "application/pdf", now + timedelta(seconds=i), "{}", "c" * 64,
        )
        for i in range(3)
    ]  # fmt: skip
    with SqlUnitOfWork(engine) as uow:
        assert [uow.received.add(m) for m in msgs] == [True, True, True]
        assert uow.received.add(msgs[0]) is False
        a = uow.devices.add("W1", "1" * 64, now)
        b = uow.devices.add("W2", "2" * 64, now)
        uow.commit()
    with SqlUnitOfWork(engine) as uow:
        assert uow.received.count() == 3
        assert [m.message_id for m in uow.received.undelivered(a.id, 10)] == [
            m.message_id for m in msgs
        ]
        assert uow.received.mark_delivered(a.id, [msgs[0].message_id, uuid7()], now) == 1
        assert uow.received.mark_delivered(a.id, [msgs[0].message_id], now) == 1  # idempotent
        uow.commit()
    with SqlUnitOfWork(engine) as uow:
        assert len(uow.received.undelivered(a.id, 10)) == 2
        assert len(uow.received.undelivered(b.id, 10)) == 3
        [first] = [s for s in uow.received.summaries(10) if s.message_id == msgs[0].message_id]
        assert first.delivered_to == ("W1",) and first.size == 4
