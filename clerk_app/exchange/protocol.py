"""Exchange protocol v1 on the wire: the envelope, the submission body and the signed receipt.

These pydantic models ARE the published schema (the office server's OpenAPI document is
generated from them); docs/exchange-protocol-v1.md explains them. Unknown fields are refused
(`extra="forbid"`): a partner that sends more than v1 knows gets a clear 422, never a silent
drop. The envelope borrows from DHX/X-Road (reference/domain.md §5): a UUID per message that
the receiver deduplicates on, org codes for addressing, the case numbers on both sides, the
document's hash, size and media type.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from datetime import date
from typing import Annotated, Literal, Self
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StrictInt, model_validator

from clerk_app.core.exchange import MessageType
from clerk_app.exchange.canonical import canonical_json, drop_nulls

PROTOCOL = "clerk-exchange/1"
MESSAGES_PATH = "/v1/messages"

OrgCode = Annotated[
    str,
    Field(
        pattern=r"^[A-Z]{2}-[0-9A-Z]{1,32}$",
        description="Country code, hyphen, the organisation's registry code: `EE-75039664`.",
        examples=["EE-75039664"],
    ),
]
Sha256Hex = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$", description="lowercase hex SHA-256")]
Language = Annotated[
    str, Field(pattern=r"^[a-z]{2,3}$", description="ISO 639 code", examples=["ru", "et"])
]
Text300 = Annotated[str, Field(min_length=1, max_length=300)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CaseRef(_Strict):
    """A case (registered request) in one party's register."""

    number: Annotated[str, Field(min_length=1, max_length=64, examples=["7-1/2026/118"])]
    registered_on: date | None = None


class DocumentInfo(_Strict):
    """The one document a message carries (DHX `File`): checked against the bytes sent."""

    sha256: Sha256Hex
    size: Annotated[StrictInt, Field(ge=1, le=2**31)]
    media_type: Annotated[
        str,
        Field(pattern=r"^[a-z]+/[a-z0-9.+-]+$", max_length=100, examples=["application/pdf"]),
    ]
    file_name: Annotated[str, Field(min_length=1, max_length=200)] | None = None


class Applicant(_Strict):
    name: Text300
    address: Annotated[str, Field(max_length=500)] | None = None
    email: Annotated[str, Field(max_length=200)] | None = None
    phone: Annotated[str, Field(max_length=50)] | None = None


class PersonSought(_Strict):
    """The person the records are about (often the applicant, as written on their side)."""

    name: Text300
    birth_date: Annotated[str, Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")] | None = None
    other_names: list[Text300] = Field(default_factory=list, max_length=10)


class RequestDetails(_Strict):
    """What a `request` message asks for (the fields a register needs to register it)."""

    subject: Literal["employment", "salary", "civil_status", "residence", "other"]
    description: Annotated[str, Field(max_length=4000)] | None = None
    applicant: Applicant
    person: PersonSought | None = None
    period_from: Annotated[StrictInt, Field(ge=1700, le=2200)] | None = None
    period_to: Annotated[StrictInt, Field(ge=1700, le=2200)] | None = None
    languages_wanted: list[Language] = Field(default_factory=list, max_length=5)


class StatusInfo(_Strict):
    """For `status` messages: where the case stands on the sender's side."""

    code: Annotated[
        str,
        Field(
            pattern=r"^[a-z_]{2,40}$",
            description="registered, in_progress, extended, answered, closed …",
        ),
    ]
    note: Annotated[str, Field(max_length=2000)] | None = None
    new_deadline: date | None = None


class Envelope(_Strict):
    """The JSON envelope of a message. `message_id` is the idempotency key."""

    protocol: Literal["clerk-exchange/1"] = PROTOCOL
    message_id: UUID
    type: MessageType
    sender: OrgCode
    recipient: OrgCode
    created_at: AwareDatetime
    language: Language
    sender_case: CaseRef = Field(description="the case on the sender's side (their reg. number)")
    recipient_case: CaseRef | None = Field(
        default=None, description="the receiver's case this message belongs to, when known"
    )
    in_reply_to: UUID | None = None
    title: Annotated[str, Field(max_length=300)] | None = None
    deadline: date | None = Field(default=None, description="answer due (requests)")
    access_restriction: Annotated[str, Field(pattern=r"^[a-z_]{2,40}$")] | None = Field(
        default=None, description="public, personal_data, internal …"
    )
    request: RequestDetails | None = None
    status: StatusInfo | None = None
    reason: Annotated[str, Field(max_length=4000)] | None = Field(
        default=None, description="refusal reason or forwarding note"
    )
    forwarded_to: OrgCode | None = None
    document: DocumentInfo | None = None

    @model_validator(mode="after")
    def _fields_per_type(self) -> Self:
        t = self.type
        if self.sender == self.recipient:
            raise ValueError("sender and recipient must differ")
        if t == MessageType.REQUEST and self.request is None:
            raise ValueError("a request message needs `request`")
        if t != MessageType.REQUEST and self.request is not None:
            raise ValueError("`request` is only allowed on request messages")
        if t != MessageType.STATUS and self.document is None:
            raise ValueError(f"a {t.value} message needs `document`")
        if t == MessageType.STATUS and self.status is None:
            raise ValueError("a status message needs `status`")
        if t in (MessageType.CERTIFICATE, MessageType.REFUSAL) and self.recipient_case is None:
            raise ValueError(f"a {t.value} message needs `recipient_case` (the case it answers)")
        if t == MessageType.FORWARDING_NOTICE and self.forwarded_to is None:
            raise ValueError("a forwarding notice needs `forwarded_to`")
        if t == MessageType.REFUSAL and not self.reason:
            raise ValueError("a refusal needs `reason`")
        if (
            self.request
            and self.request.period_from
            and self.request.period_to
            and self.request.period_from > self.request.period_to
        ):
            raise ValueError("request.period_from is after request.period_to")
        return self

    def wire(self) -> dict[str, object]:
        """The JSON object a sender puts on the wire (absent fields left out)."""
        return self.model_dump(mode="json", exclude_none=True)


def envelope_sha256(raw_envelope: object) -> str:
    """SHA-256 of the envelope object as sent: canonical JSON with null members dropped."""
    return hashlib.sha256(canonical_json(drop_nulls(raw_envelope))).hexdigest()


class Submission(_Strict):
    """Body of `POST /v1/messages`: the envelope and the document as standard base64."""

    envelope: Envelope
    document: (
        Annotated[
            str,
            Field(
                description="the signed document, standard base64 (RFC 4648 §4)",
                json_schema_extra={"contentEncoding": "base64"},
            ),
        ]
        | None
    ) = None

    def document_bytes(self) -> bytes | None:
        if self.document is None:
            return None
        try:
            return base64.b64decode(self.document, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ValueError(f"document is not valid base64: {exc}") from exc


class ReceiptBody(_Strict):
    """What the receiving server attests: this message, with this content, arrived then."""

    protocol: Literal["clerk-exchange/1"] = PROTOCOL
    message_id: UUID
    sender: OrgCode
    receiver: OrgCode
    envelope_sha256: Sha256Hex
    document_sha256: Sha256Hex | None = None
    received_at: str = Field(description="RFC 3339 UTC time of receipt, e.g. 2026-11-23T07:09:12Z")


class ReceiptSignature(_Strict):
    alg: Literal["ES256", "ES384", "ES512"]
    value: str = Field(description="base64url (no padding) of r‖s over canonical JSON of receipt")


class SignedReceipt(_Strict):
    """The receipt as returned (201 first time, 200 for a replay: byte-identical)."""

    receipt: ReceiptBody
    signature: ReceiptSignature
    certificates: list[str] = Field(
        min_length=1,
        max_length=5,
        description="base64 DER: the receipt-signing certificate first, then intermediates",
    )


class Problem(BaseModel):
    """Error body (RFC 9457 problem details) with a stable machine `code`."""

    type: str = "about:blank"
    title: str
    status: int
    code: str
    detail: str
    message_id: UUID | None = None
    errors: list[dict[str, object]] | None = None


class InboxItem(BaseModel):
    """One received message as the office server hands it to its own workstations."""

    envelope: Envelope
    document: str | None = None
    received_at: AwareDatetime
    receipt: SignedReceipt
    signer: str | None = None


class InboxBatch(BaseModel):
    messages: list[InboxItem]
    more: bool


class AckRequest(_Strict):
    message_ids: list[UUID] = Field(min_length=1, max_length=500)


class AckResult(BaseModel):
    acknowledged: int
