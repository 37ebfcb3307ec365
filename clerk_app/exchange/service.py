"""The exchange service of a workstation: what the Exchange view, the CLI and the sender call.

- lists the outbox and inbox with their states (summaries without the documents);
- retry / cancel of outbox messages;
- sending from the request register: the message enters the outbox in the SAME transaction as
  the request's status change (certificate: signed → sent; request to a partner: registered →
  in search; refusal → refused; forwarding → forwarded);
- the sender's bookkeeping: claim due messages, record receipt (verified receipt kept with the
  request; a certificate's request becomes delivered), rejection with the partner's reason, or a
  transient failure with exponential back-off and jitter;
- incoming messages: a partner's request becomes a registered request with the partner's case
  number and deadline; a certificate (refusal, forwarding notice, status) is verified and
  attached to the request it answers — each in one transaction with the inbox row.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

from pydantic import ValidationError
from uuid6 import uuid7

from clerk_app.core.exchange import (
    OUTBOX_CANCELLABLE,
    OUTBOX_RETRYABLE,
    DocumentVerifier,
    ExchangeError,
    InboxEntry,
    InboxState,
    MessageType,
    OutboxEntry,
    OutboxFilter,
    OutboxState,
)
from clerk_app.core.ports import UnitOfWork
from clerk_app.core.records import PartialDate
from clerk_app.core.requests import (
    LANGUAGES,
    Applicant,
    NewRequest,
    Request,
    RequestChannel,
    RequestEvent,
    RequestStatus,
    RequestSubject,
    RequestValidationError,
)
from clerk_app.core.services.requests import RequestNotFound, RequestService
from clerk_app.exchange import protocol as p
from clerk_app.exchange.directory import PartnerDirectory, PartnerEntry


class ExchangeRefused(ValueError):
    """An exchange action the service refuses; `code` says why (the UI words it)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Backoff:
    """Exponential back-off with 'equal jitter': half the delay fixed, half random, so many
    workstations that lost the same partner do not come back in lockstep."""

    base: float = 10.0
    factor: float = 2.0
    cap: float = 3600.0

    def delay(self, attempts: int, rng: random.Random) -> float:
        d = min(self.cap, self.base * self.factor ** max(0, attempts - 1))
        return d / 2 + rng.uniform(0, d / 2)


@dataclass(frozen=True)
class OutboxItem:
    """An outbox row as the Exchange view lists it."""

    message_id: UUID
    recipient: str
    type: MessageType
    state: OutboxState
    created_at: datetime
    attempts: int
    next_attempt_at: datetime | None
    last_error_code: str | None
    last_error: str | None
    sent_at: datetime | None
    receipted_at: datetime | None
    request_id: str | None
    case_number: str | None
    size: int
    has_receipt: bool

    @classmethod
    def of(cls, e: OutboxEntry) -> OutboxItem:
        return cls(
            e.message_id,
            e.recipient,
            e.type,
            e.state,
            e.created_at,
            e.attempts,
            e.next_attempt_at,
            e.last_error_code,
            e.last_error,
            e.sent_at,
            e.receipted_at,
            e.request_id,
            e.case_number,
            len(e.document or b""),
            e.receipt_json is not None,
        )


@dataclass(frozen=True)
class InboxItemView:
    message_id: UUID
    sender: str
    type: MessageType
    state: InboxState
    received_at: datetime
    fetched_at: datetime
    result_code: str | None
    result_detail: str | None
    request_id: str | None
    signer: str | None
    size: int
    sender_case: str | None

    @classmethod
    def of(cls, e: InboxEntry) -> InboxItemView:
        try:
            case = json.loads(e.envelope_json)["sender_case"]["number"]
        except (ValueError, KeyError, TypeError):
            case = None
        return cls(
            e.message_id,
            e.sender,
            e.type,
            e.state,
            e.received_at,
            e.fetched_at,
            e.result_code,
            e.result_detail,
            e.request_id,
            e.signer,
            len(e.document or b""),
            case,
        )


@dataclass
class IncomingResult:
    message_id: UUID
    outcome: str  # "applied", "invalid", "duplicate"
    code: str | None = None
    request_id: str | None = None


@dataclass
class Outcomes:
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, key: str) -> None:
        self.counts[key] = self.counts.get(key, 0) + 1


def _now() -> datetime:
    return datetime.now(UTC)


def _wire(envelope: p.Envelope) -> str:
    return json.dumps(envelope.wire(), ensure_ascii=False, separators=(",", ":"))


class ExchangeService:
    def __init__(
        self,
        uow_factory: Callable[[], UnitOfWork],
        *,
        own_org: str | None = None,
        directory: Callable[[], PartnerDirectory | None] = lambda: None,
        requests: RequestService | None = None,
        verifier: DocumentVerifier | None = None,
        actor: str = "",
        clock: Callable[[], datetime] = _now,
        backoff: Backoff = Backoff(),
        rng: random.Random | None = None,
    ) -> None:
        self._uow = uow_factory
        self.own_org = own_org
        self._directory = directory
        self._requests = requests
        self._verifier = verifier
        self._actor = actor
        self._clock = clock
        self.backoff = backoff
        self._rng = rng or random.Random()

    # -- lists for the Exchange view and the CLI ------------------------------------
    def list_outbox(self, states: Sequence[OutboxState] = (), limit: int = 500) -> list[OutboxItem]:
        with self._uow() as uow:
            return [OutboxItem.of(e) for e in uow.outbox.list(OutboxFilter(tuple(states), limit))]

    def list_inbox(
        self, states: Sequence[InboxState] = (), limit: int = 500
    ) -> list[InboxItemView]:
        with self._uow() as uow:
            return [InboxItemView.of(e) for e in uow.inbox.list(states, limit)]

    def outbox_counts(self) -> dict[str, int]:
        with self._uow() as uow:
            return uow.outbox.counts()

    def outbox_message(self, message_id: UUID) -> OutboxEntry:
        with self._uow() as uow:
            entry = uow.outbox.get(message_id)
        if entry is None:
            raise ExchangeRefused(ExchangeError.NOT_FOUND, str(message_id))
        return entry

    def inbox_message(self, message_id: UUID) -> InboxEntry:
        with self._uow() as uow:
            entry = uow.inbox.get(message_id)
        if entry is None:
            raise ExchangeRefused(ExchangeError.NOT_FOUND, str(message_id))
        return entry

    # -- clerk actions --------------------------------------------------------------
    def retry(self, message_id: UUID) -> OutboxItem:
        """Send again as soon as the sender runs: the same message id, so never a duplicate."""
        with self._uow() as uow:
            e = uow.outbox.get(message_id)
            if e is None:
                raise ExchangeRefused(ExchangeError.NOT_FOUND, str(message_id))
            if e.state not in OUTBOX_RETRYABLE:
                raise ExchangeRefused("not_retryable", e.state.value)
            if e.state is OutboxState.REJECTED:
                e.state = OutboxState.SENT if e.sent_at else OutboxState.QUEUED
            e.next_attempt_at = self._clock()
            uow.outbox.save(e)
            uow.commit()
        return OutboxItem.of(e)

    def cancel(self, message_id: UUID) -> OutboxItem:
        """Stop sending. A message the partner may already hold (state sent) stays on record."""
        with self._uow() as uow:
            e = uow.outbox.get(message_id)
            if e is None:
                raise ExchangeRefused(ExchangeError.NOT_FOUND, str(message_id))
            if e.state not in OUTBOX_CANCELLABLE:
                raise ExchangeRefused("not_cancellable", e.state.value)
            e.state = OutboxState.CANCELLED
            e.next_attempt_at = None
            uow.outbox.save(e)
            if e.request_id:
                self._history(uow, e.request_id, "exchange_cancelled", e.message_id)
            uow.commit()
        return OutboxItem.of(e)

    # -- sending from the request register ------------------------------------------
    def send_request(
        self, request_uid: str, partner_org: str, document: bytes, *, language: str | None = None
    ) -> OutboxItem:
        """Ask a partner archive for records: registered → in_search, request in the outbox."""
        return self._send_for_request(
            request_uid,
            MessageType.REQUEST,
            partner_org,
            document,
            RequestStatus.IN_SEARCH,
            language=language,
            reason=f"asked {partner_org}",
        )

    def send_certificate(
        self, request_uid: str, document: bytes, *, language: str | None = None
    ) -> OutboxItem:
        """The signed certificate to the partner who asked: signed → sent + outbox."""
        return self._send_for_request(
            request_uid,
            MessageType.CERTIFICATE,
            None,
            document,
            RequestStatus.SENT,
            language=language,
        )

    def send_refusal(
        self, request_uid: str, reason: str, document: bytes, *, language: str | None = None
    ) -> OutboxItem:
        return self._send_for_request(
            request_uid,
            MessageType.REFUSAL,
            None,
            document,
            RequestStatus.REFUSED,
            language=language,
            reason=reason,
        )

    def send_forwarding_notice(
        self,
        request_uid: str,
        forwarded_to: str,
        reason: str,
        document: bytes,
        *,
        language: str | None = None,
    ) -> OutboxItem:
        return self._send_for_request(
            request_uid,
            MessageType.FORWARDING_NOTICE,
            None,
            document,
            RequestStatus.FORWARDED,
            language=language,
            reason=reason,
            forwarded_to=forwarded_to,
        )

    def _send_for_request(
        self,
        request_uid: str,
        kind: MessageType,
        partner_org: str | None,
        document: bytes,
        new_status: RequestStatus,
        *,
        language: str | None,
        reason: str | None = None,
        forwarded_to: str | None = None,
    ) -> OutboxItem:
        requests = self._need_requests()
        own = self._need_own()
        with self._uow() as uow:
            request = uow.requests.get(request_uid) or uow.requests.get_by_number(request_uid)
            if request is None:
                raise RequestNotFound(request_uid)
            recipient = partner_org or request.partner_org
            if not recipient:
                raise ExchangeRefused("no_partner", "the request did not come from a partner")
            partner = self._partner(recipient)
            envelope = self._envelope(
                uow, kind, own, partner, request, document, language, reason, forwarded_to
            )
            requests.change_status(
                request.uid, new_status, reason=reason, forwarded_to=forwarded_to, uow=uow
            )
            entry = self._outbox_entry(envelope, document, request)
            uow.outbox.add(entry)
            self._history(uow, request.uid, "exchange_queued", entry.message_id, kind.value)
            uow.commit()
        return OutboxItem.of(entry)

    def enqueue(
        self, envelope: p.Envelope, document: bytes | None, request_id: str | None = None
    ) -> OutboxItem:
        """Queue a ready envelope (tests, tools); the request-linked calls above are the norm."""
        entry = self._outbox_entry(envelope, document, None)
        entry.request_id = request_id
        with self._uow() as uow:
            uow.outbox.add(entry)
            uow.commit()
        return OutboxItem.of(entry)

    def _outbox_entry(
        self, envelope: p.Envelope, document: bytes | None, request: Request | None
    ) -> OutboxEntry:
        now = self._clock()
        return OutboxEntry(
            message_id=envelope.message_id,
            recipient=envelope.recipient,
            type=envelope.type,
            envelope_json=_wire(envelope),
            document=document,
            state=OutboxState.QUEUED,
            created_at=now,
            next_attempt_at=now,
            request_id=request.uid if request else None,
            case_number=request.reg_number if request else envelope.sender_case.number,
        )

    def _envelope(
        self,
        uow: UnitOfWork,
        kind: MessageType,
        own: str,
        partner: PartnerEntry,
        request: Request,
        document: bytes,
        language: str | None,
        reason: str | None,
        forwarded_to: str | None,
    ) -> p.Envelope:
        lang = language or next(
            (lang for lang in request.languages if lang in partner.languages),
            partner.languages[0],
        )
        if lang not in partner.languages:
            raise ExchangeRefused("language_not_accepted", f"{partner.org_code}: {lang}")
        if not document.startswith(b"%PDF-"):
            raise ExchangeRefused("not_pdf", "protocol v1 carries signed PDF documents")
        fields: dict[str, Any] = {
            "message_id": uuid7(),
            "type": kind,
            "sender": own,
            "recipient": partner.org_code,
            "created_at": self._clock(),
            "language": lang,
            "sender_case": p.CaseRef(
                number=request.reg_number, registered_on=request.registered_on
            ),
            "document": p.DocumentInfo(
                sha256=hashlib.sha256(document).hexdigest(),
                size=len(document),
                media_type="application/pdf",
                file_name=f"{kind.value}-{request.reg_number}.pdf".replace("/", "-"),
            ),
        }
        if kind is MessageType.REQUEST:
            a = request.applicant
            fields["deadline"] = request.effective_deadline
            fields["title"] = f"{request.subject.value}: {request.person_name}"[:300]
            fields["request"] = p.RequestDetails(
                subject=request.subject.value,
                description=request.description,
                applicant=p.Applicant(name=a.name, address=a.address, email=a.email, phone=a.phone),
                person=p.PersonSought(
                    name=request.person_name,
                    birth_date=request.person_birth_date.iso()
                    if request.person_birth_date
                    else None,
                    other_names=[request.person_other_names] if request.person_other_names else [],
                ),
                period_from=request.period_from,
                period_to=request.period_to,
                languages_wanted=[lg for lg in request.languages],
            )
        else:
            if not request.partner_case_number:
                raise ExchangeRefused("no_partner_case", request.reg_number)
            fields["recipient_case"] = p.CaseRef(number=request.partner_case_number)
            fields["in_reply_to"] = self._original_message(uow, request)
            if reason:
                fields["reason"] = reason
            if forwarded_to:
                fields["forwarded_to"] = forwarded_to
        try:
            return p.Envelope(**fields)
        except ValidationError as exc:
            raise ExchangeRefused(ExchangeError.ENVELOPE_INVALID, str(exc.errors()[0])) from exc

    def _original_message(self, uow: UnitOfWork, request: Request) -> UUID | None:
        for e in uow.inbox.for_request(request.uid):
            if e.type is MessageType.REQUEST:
                return e.message_id
        return None

    # -- the sender's bookkeeping ---------------------------------------------------
    def claim_due(
        self, limit: int = 50, lease: timedelta = timedelta(minutes=5)
    ) -> list[OutboxEntry]:
        now = self._clock()
        with self._uow() as uow:
            entries = uow.outbox.claim_due(now, now + lease, limit)
            uow.commit()
        return entries

    def record_receipt(self, message_id: UUID, receipt_json: str) -> OutboxEntry:
        """A verified receipt: receipted, kept with the request; a sent certificate's request
        is delivered — one transaction."""
        now = self._clock()
        with self._uow() as uow:
            e = self._load_outbox(uow, message_id)
            e.state = OutboxState.RECEIPTED
            e.attempts += 1
            e.last_attempt_at = now
            e.sent_at = e.sent_at or now
            e.receipted_at = now
            e.receipt_json = receipt_json
            e.next_attempt_at = None
            e.last_error_code = e.last_error = None
            uow.outbox.save(e)
            if e.request_id:
                self._history(uow, e.request_id, "exchange_receipted", message_id, e.type.value)
                request = uow.requests.get(e.request_id)
                if (
                    request is not None
                    and e.type is MessageType.CERTIFICATE
                    and request.status is RequestStatus.SENT
                    and self._requests is not None
                ):
                    self._requests.change_status(
                        request.uid, RequestStatus.DELIVERED, reason="receipt", uow=uow
                    )
            uow.commit()
        return e

    def record_rejection(self, message_id: UUID, code: str, detail: str) -> OutboxEntry:
        now = self._clock()
        with self._uow() as uow:
            e = self._load_outbox(uow, message_id)
            e.state = OutboxState.REJECTED
            e.attempts += 1
            e.last_attempt_at = now
            e.sent_at = e.sent_at or now
            e.next_attempt_at = None
            e.last_error_code, e.last_error = code, detail
            uow.outbox.save(e)
            if e.request_id:
                self._history(
                    uow,
                    e.request_id,
                    "exchange_rejected",
                    message_id,
                    e.type.value,
                    {"code": code, "detail": detail[:500]},
                )
            uow.commit()
        return e

    def record_failure(
        self,
        message_id: UUID,
        code: str,
        detail: str,
        *,
        transmitted: bool,
        retry_after: float | None = None,
    ) -> OutboxEntry:
        now = self._clock()
        with self._uow() as uow:
            e = self._load_outbox(uow, message_id)
            e.attempts += 1
            e.last_attempt_at = now
            if transmitted:
                e.state = OutboxState.SENT
                e.sent_at = e.sent_at or now
            delay = self.backoff.delay(e.attempts, self._rng)
            if retry_after is not None:
                delay = max(delay, min(retry_after, self.backoff.cap))
            e.next_attempt_at = now + timedelta(seconds=delay)
            e.last_error_code, e.last_error = code, detail
            uow.outbox.save(e)
            uow.commit()
        return e

    def _load_outbox(self, uow: UnitOfWork, message_id: UUID) -> OutboxEntry:
        e = uow.outbox.get(message_id)
        if e is None:
            raise ExchangeRefused(ExchangeError.NOT_FOUND, str(message_id))
        return e

    # -- incoming -------------------------------------------------------------------
    def take_incoming(self, item: dict[str, Any]) -> IncomingResult:
        """Store one message fetched from the office server and apply it to the register."""
        parsed = p.InboxItem.model_validate(item)
        env = parsed.envelope
        raw_env = item["envelope"]
        document = (
            p.Submission(envelope=env, document=parsed.document).document_bytes()
            if parsed.document
            else None
        )
        with self._uow() as uow:
            if uow.inbox.get(env.message_id) is not None:
                return IncomingResult(env.message_id, "duplicate")
        entry = InboxEntry(
            message_id=env.message_id,
            sender=env.sender,
            type=env.type,
            envelope_json=json.dumps(raw_env, ensure_ascii=False),
            document=document,
            received_at=parsed.received_at,
            fetched_at=self._clock(),
            receipt_json=parsed.receipt.model_dump_json(exclude_none=True),
        )
        check, entry.signer = self._check_incoming(env, document)
        with self._uow() as uow:
            if check is not None:
                entry.state = InboxState.INVALID
                entry.result_code, entry.result_detail = check
            else:
                self._apply(uow, env, entry)
            if not uow.inbox.add(entry):
                return IncomingResult(env.message_id, "duplicate")
            uow.commit()
        outcome = "applied" if entry.state is InboxState.APPLIED else "invalid"
        return IncomingResult(env.message_id, outcome, entry.result_code, entry.request_id)

    def _check_incoming(
        self, env: p.Envelope, document: bytes | None
    ) -> tuple[tuple[str, str] | None, str | None]:
        """The workstation's own check of what the office server accepted: hash and signature
        against the partner's roots in the directory. Returns (problem, signer)."""
        if env.recipient != self.own_org and self.own_org is not None:
            return (ExchangeError.WRONG_RECIPIENT, env.recipient), None
        if document is None or env.document is None:
            return None, None
        if hashlib.sha256(document).hexdigest() != env.document.sha256:
            return (ExchangeError.DOCUMENT_HASH_MISMATCH, "document does not match"), None
        directory = self._directory()
        partner = directory.get(env.sender) if directory else None
        if partner is None:
            return (ExchangeError.PARTNER_UNKNOWN, env.sender), None
        if self._verifier is None:
            return None, None
        check = self._verifier.verify(document, partner.signature_roots_der)
        if not check.valid:
            return (ExchangeError.SIGNATURE_INVALID, f"{check.code}: {check.detail}"), check.signer
        return None, check.signer

    def _apply(self, uow: UnitOfWork, env: p.Envelope, entry: InboxEntry) -> None:
        if env.type is MessageType.REQUEST:
            self._register_incoming(uow, env, entry)
            return
        number = env.recipient_case.number if env.recipient_case else None
        request = uow.requests.get_by_number(number) if number else None
        if request is None or not self._is_partner_of(uow, request, env.sender):
            entry.state = InboxState.INVALID
            entry.result_code = ExchangeError.CASE_UNKNOWN
            entry.result_detail = f"no case {number} with partner {env.sender}"
            return
        entry.state = InboxState.APPLIED
        entry.request_id = request.uid
        detail: dict[str, object] = {"message_id": str(env.message_id), "from": env.sender}
        if env.reason:
            detail["reason"] = env.reason
        if env.forwarded_to:
            detail["forwarded_to"] = env.forwarded_to
        if env.status:
            detail["status"] = env.status.code
            if env.status.note:
                detail["note"] = env.status.note
        if entry.signer:
            detail["signer"] = entry.signer
        self._event(uow, request.uid, f"partner_{env.type.value}", detail)

    def _is_partner_of(self, uow: UnitOfWork, request: Request, org: str) -> bool:
        if request.partner_org == org:
            return True
        return any(
            e.type is MessageType.REQUEST and e.recipient == org
            for e in uow.outbox.for_request(request.uid)
        )

    def _register_incoming(self, uow: UnitOfWork, env: p.Envelope, entry: InboxEntry) -> None:
        requests = self._need_requests()
        details = env.request
        assert details is not None
        directory = self._directory()
        partner = directory.get(env.sender) if directory else None
        a = details.applicant
        address = a.address
        if not any((a.address, a.email, a.phone)):
            address = f"via {partner.name if partner else env.sender} ({env.sender})"
        wanted = [lang for lang in details.languages_wanted if lang in LANGUAGES]
        if not wanted:
            wanted = [env.language] if env.language in LANGUAGES else ["en"]
        today = self._clock().astimezone().date()
        deadline: date | None = env.deadline if env.deadline and env.deadline >= today else None
        description = details.description or ""
        if env.deadline and deadline is None:
            description = f"{description}\n(partner's deadline {env.deadline} had passed)".strip()
        try:
            birth = (
                PartialDate.parse_iso(details.person.birth_date)
                if details.person and details.person.birth_date
                else None
            )
        except ValueError:
            birth = None
        new = NewRequest(
            applicant=Applicant(name=a.name, address=address, phone=a.phone, email=a.email),
            subject=RequestSubject(details.subject),
            person_name=details.person.name if details.person else a.name,
            person_birth_date=birth,
            person_other_names=", ".join(details.person.other_names)[:300]
            if details.person and details.person.other_names
            else None,
            period_from=details.period_from,
            period_to=details.period_to,
            languages=tuple(dict.fromkeys(wanted)),
            channel=RequestChannel.PARTNER,
            received_on=min(entry.received_at.astimezone().date(), today),
            partner_org=env.sender,
            partner_case_number=env.sender_case.number,
            description=description or None,
            deadline=deadline,
        )
        try:
            request = requests.register(new, uow=uow)
        except RequestValidationError as exc:
            entry.state = InboxState.INVALID
            entry.result_code = "request_invalid"
            entry.result_detail = str(exc)
            return
        entry.state = InboxState.APPLIED
        entry.request_id = request.uid
        self._event(
            uow,
            request.uid,
            "partner_request",
            {
                "message_id": str(env.message_id),
                "from": env.sender,
                "partner_case": env.sender_case.number,
            },
        )

    # -- helpers --------------------------------------------------------------------
    def _history(
        self,
        uow: UnitOfWork,
        request_uid: str,
        kind: str,
        message_id: UUID,
        message_type: str | None = None,
        extra: dict[str, object] | None = None,
    ) -> None:
        detail: dict[str, object] = {"message_id": str(message_id)}
        if message_type:
            detail["type"] = message_type
        detail.update(extra or {})
        self._event(uow, request_uid, kind, detail)

    def _event(
        self, uow: UnitOfWork, request_uid: str, kind: str, detail: dict[str, object]
    ) -> None:
        if uow.requests.get(request_uid) is None:
            return
        uow.requests.add_event(
            RequestEvent(
                uid=str(uuid7()),
                request_uid=request_uid,
                at=self._clock(),
                actor=self._actor or "exchange",
                kind=kind,
                detail=detail,
            )
        )

    def _partner(self, org: str) -> PartnerEntry:
        directory = self._directory()
        partner = directory.get(org) if directory else None
        if partner is None:
            raise ExchangeRefused(ExchangeError.PARTNER_UNKNOWN, org)
        return partner

    def _need_requests(self) -> RequestService:
        if self._requests is None:
            raise ExchangeRefused(ExchangeError.NOT_CONFIGURED, "no request register")
        return self._requests

    def _need_own(self) -> str:
        if not self.own_org:
            raise ExchangeRefused(ExchangeError.NOT_CONFIGURED, "not enrolled with an office")
        return self.own_org
