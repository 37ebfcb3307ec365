"""Exchange domain: message types, outbox/inbox states, error codes and the storage ports.

Pure Python (no pydantic, no HTTP, no SQLAlchemy): the wire format lives in
`clerk_app.exchange.protocol`, the tables in `clerk_app.store`. The UI and the CLI list the
outbox and inbox through `clerk_app.core.services.exchange` and turn the codes here into words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Protocol
from uuid import UUID


class MessageType(StrEnum):
    REQUEST = "request"
    CERTIFICATE = "certificate"
    REFUSAL = "refusal"
    FORWARDING_NOTICE = "forwarding_notice"
    STATUS = "status"


class OutboxState(StrEnum):
    """queued → sent → receipted, or rejected; cancelled by the clerk.

    `sent` means the message went onto the wire at least once without a receipt coming back
    (link cut, timeout, server error): the sender keeps retrying the same message id.
    """

    QUEUED = "queued"
    SENT = "sent"
    RECEIPTED = "receipted"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


OUTBOX_PENDING = (OutboxState.QUEUED, OutboxState.SENT)
OUTBOX_RETRYABLE = (OutboxState.QUEUED, OutboxState.SENT, OutboxState.REJECTED)
OUTBOX_CANCELLABLE = (OutboxState.QUEUED, OutboxState.SENT, OutboxState.REJECTED)


class InboxState(StrEnum):
    """What the workstation did with a message pulled from the office server."""

    NEW = "new"  # stored, not yet applied to the request register
    APPLIED = "applied"  # created or updated a request / attached a certificate
    INVALID = "invalid"  # kept, but refused: bad signature, unknown case … (see result_code)


class ExchangeError(StrEnum):
    """Machine codes shared by the server's error bodies, the sender and the inbox."""

    # server side (protocol v1 error bodies)
    BODY_TOO_LARGE = "body_too_large"
    MALFORMED_BODY = "malformed_body"
    ENVELOPE_INVALID = "envelope_invalid"
    CLIENT_CERTIFICATE_REQUIRED = "client_certificate_required"
    UNKNOWN_SENDER = "unknown_sender"
    SENDER_MISMATCH = "sender_mismatch"
    WRONG_RECIPIENT = "wrong_recipient"
    MEDIA_TYPE_NOT_ACCEPTED = "media_type_not_accepted"
    LANGUAGE_NOT_ACCEPTED = "language_not_accepted"
    DOCUMENT_SIZE_MISMATCH = "document_size_mismatch"
    DOCUMENT_HASH_MISMATCH = "document_hash_mismatch"
    SIGNATURE_INVALID = "signature_invalid"
    MESSAGE_ID_CONFLICT = "message_id_conflict"
    TOKEN_INVALID = "token_invalid"
    NOT_FOUND = "not_found"
    UNAVAILABLE = "unavailable"
    # sender side
    NETWORK = "network"
    TLS = "tls"
    SERVER_ERROR = "server_error"
    RECEIPT_INVALID = "receipt_invalid"
    PARTNER_UNKNOWN = "partner_unknown"
    NOT_CONFIGURED = "not_configured"
    # inbox side
    CASE_UNKNOWN = "case_unknown"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class SignatureCheck:
    """Result of checking a signed document against the roots trusted for one partner."""

    valid: bool
    code: str  # "valid", "no_signature", "not_pdf", "not_intact", "untrusted", "modified", …
    detail: str = ""
    signer: str | None = None
    signed_at: datetime | None = None


class DocumentVerifier(Protocol):
    """Checks the signature of a document (PAdES) against DER-encoded trust roots."""

    def verify(self, document: bytes, trust_roots: Sequence[bytes]) -> SignatureCheck: ...


# --------------------------------------------------------------------------------------------
# Workstation side: outbox and inbox rows as the services see them


@dataclass
class OutboxEntry:
    message_id: UUID
    recipient: str
    type: MessageType
    envelope_json: str
    document: bytes | None
    state: OutboxState
    created_at: datetime
    attempts: int = 0
    next_attempt_at: datetime | None = None
    last_attempt_at: datetime | None = None
    last_error_code: str | None = None
    last_error: str | None = None
    sent_at: datetime | None = None
    receipted_at: datetime | None = None
    receipt_json: str | None = None
    request_id: str | None = None
    case_number: str | None = None


@dataclass
class InboxEntry:
    message_id: UUID
    sender: str
    type: MessageType
    envelope_json: str
    document: bytes | None
    received_at: datetime  # by the office server
    fetched_at: datetime
    state: InboxState = InboxState.NEW
    result_code: str | None = None
    result_detail: str | None = None
    request_id: str | None = None
    receipt_json: str | None = None
    signer: str | None = None


@dataclass(frozen=True)
class OutboxFilter:
    states: Sequence[OutboxState] = ()
    limit: int = 500


class OutboxRepository(Protocol):
    def add(self, entry: OutboxEntry) -> None: ...

    def get(self, message_id: UUID) -> OutboxEntry | None: ...

    def list(self, flt: OutboxFilter) -> list[OutboxEntry]: ...

    def for_request(self, request_id: str) -> list[OutboxEntry]: ...

    def claim_due(self, now: datetime, lease_until: datetime, limit: int) -> list[OutboxEntry]:
        """Pending entries due now, leased so a second sender process skips them."""
        ...

    def save(self, entry: OutboxEntry) -> None:
        """Write back state, attempts, errors, receipt and release the lease."""
        ...

    def counts(self) -> dict[str, int]: ...


class InboxRepository(Protocol):
    def add(self, entry: InboxEntry) -> bool:
        """False when the message id is already there (a re-fetch)."""
        ...

    def get(self, message_id: UUID) -> InboxEntry | None: ...

    def list(self, states: Sequence[InboxState] = (), limit: int = 500) -> list[InboxEntry]: ...

    def for_request(self, request_id: str) -> list[InboxEntry]: ...

    def save(self, entry: InboxEntry) -> None: ...


# --------------------------------------------------------------------------------------------
# Office server side: what partners sent, and the workstations that fetch it


@dataclass
class ReceivedMessage:
    message_id: UUID
    sender: str
    recipient: str
    type: MessageType
    envelope_json: str
    envelope_sha256: str
    document: bytes | None
    document_sha256: str | None
    media_type: str | None
    received_at: datetime
    receipt_json: str
    client_cert_sha256: str
    signer: str | None = None


@dataclass(frozen=True)
class Device:
    """A workstation of the own office, known by the hash of its enrolment token."""

    id: int
    name: str
    created_at: datetime
    revoked_at: datetime | None = None
    last_seen_at: datetime | None = None


@dataclass(frozen=True)
class ReceivedSummary:
    message_id: UUID
    sender: str
    type: MessageType
    received_at: datetime
    size: int
    delivered_to: tuple[str, ...] = field(default_factory=tuple)


class ReceivedMessageStore(Protocol):
    def get(self, message_id: UUID) -> ReceivedMessage | None: ...

    def add(self, message: ReceivedMessage) -> bool:
        """Insert; False (nothing written) when the message id exists already."""
        ...

    def undelivered(self, device_id: int, limit: int) -> list[ReceivedMessage]: ...

    def mark_delivered(self, device_id: int, message_ids: Sequence[UUID], at: datetime) -> int: ...

    def count(self) -> int: ...

    def summaries(self, limit: int) -> list[ReceivedSummary]: ...


class DeviceStore(Protocol):
    def add(self, name: str, token_sha256: str, at: datetime) -> Device: ...

    def by_token(self, token_sha256: str) -> Device | None: ...

    def touch(self, device_id: int, at: datetime) -> None: ...

    def revoke(self, name: str, at: datetime) -> int: ...

    def list(self) -> list[Device]: ...
