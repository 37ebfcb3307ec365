"""Tables of the exchange: the workstation's outbox and inbox, the office server's received
messages, their delivery to workstations, and the enrolled workstations (devices).

Documents are kept in the row (bytea / BLOB) so a message and its document are stored in one
transaction: never one without the other. Times are UTC.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from clerk_app.store.models import Base


class OutboxMessage(Base):
    """A message waiting for, or done with, delivery to a partner (workstation)."""

    __tablename__ = "outbox_message"
    __table_args__ = (Index("ix_outbox_message_due", "state", "next_attempt_at"),)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)  # the message id
    recipient: Mapped[str] = mapped_column(String(40))
    type: Mapped[str] = mapped_column(String(20))
    envelope_json: Mapped[str] = mapped_column(Text)
    document: Mapped[bytes | None] = mapped_column(LargeBinary)
    state: Mapped[str] = mapped_column(String(12))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error_code: Mapped[str | None] = mapped_column(String(40))
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    receipted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    receipt_json: Mapped[str | None] = mapped_column(Text)
    request_id: Mapped[str | None] = mapped_column(String(36), index=True)
    case_number: Mapped[str | None] = mapped_column(String(64))


class InboxMessage(Base):
    """A message the office server received for us, as pulled by this workstation."""

    __tablename__ = "inbox_message"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    sender: Mapped[str] = mapped_column(String(40))
    type: Mapped[str] = mapped_column(String(20))
    envelope_json: Mapped[str] = mapped_column(Text)
    document: Mapped[bytes | None] = mapped_column(LargeBinary)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    fetched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    state: Mapped[str] = mapped_column(String(12))
    result_code: Mapped[str | None] = mapped_column(String(40))
    result_detail: Mapped[str | None] = mapped_column(Text)
    request_id: Mapped[str | None] = mapped_column(String(36), index=True)
    receipt_json: Mapped[str | None] = mapped_column(Text)
    signer: Mapped[str | None] = mapped_column(String(500))


class ReceivedMessage(Base):
    """What a partner sent to this office server, with the receipt we answered (server)."""

    __tablename__ = "received_message"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    sender: Mapped[str] = mapped_column(String(40))
    recipient: Mapped[str] = mapped_column(String(40))
    type: Mapped[str] = mapped_column(String(20))
    envelope_json: Mapped[str] = mapped_column(Text)
    envelope_sha256: Mapped[str] = mapped_column(String(64))
    document: Mapped[bytes | None] = mapped_column(LargeBinary)
    document_sha256: Mapped[str | None] = mapped_column(String(64))
    media_type: Mapped[str | None] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    receipt_json: Mapped[str] = mapped_column(Text)
    client_cert_sha256: Mapped[str] = mapped_column(String(64))
    signer: Mapped[str | None] = mapped_column(String(500))


class Device(Base):
    """A workstation of the own office, authenticated by the SHA-256 of its enrolment token."""

    __tablename__ = "device"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class MessageDelivery(Base):
    """Which workstation has fetched and acknowledged which received message."""

    __tablename__ = "message_delivery"
    message_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("received_message.id", ondelete="CASCADE"), primary_key=True
    )
    device_id: Mapped[int] = mapped_column(
        ForeignKey("device.id", ondelete="CASCADE"), primary_key=True
    )
    delivered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
