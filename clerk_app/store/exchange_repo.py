"""Repositories of the exchange tables (ports in clerk_app.core.exchange)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import delete, exists, func, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from clerk_app.core.exchange import (
    OUTBOX_PENDING,
    Device,
    InboxEntry,
    InboxState,
    MessageType,
    OutboxEntry,
    OutboxFilter,
    OutboxState,
    ReceivedMessage,
    ReceivedSummary,
)
from clerk_app.store.models_exchange import (
    Device as DeviceRow,
)
from clerk_app.store.models_exchange import (
    InboxMessage,
    MessageDelivery,
    OutboxMessage,
)
from clerk_app.store.models_exchange import (
    ReceivedMessage as ReceivedRow,
)


def utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything the exchange stores is UTC."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _outbox(row: Any) -> OutboxEntry:
    return OutboxEntry(
        message_id=row.id,
        recipient=row.recipient,
        type=MessageType(row.type),
        envelope_json=row.envelope_json,
        document=row.document,
        state=OutboxState(row.state),
        created_at=utc(row.created_at),  # type: ignore[arg-type]
        attempts=row.attempts,
        next_attempt_at=utc(row.next_attempt_at),
        last_attempt_at=utc(row.last_attempt_at),
        last_error_code=row.last_error_code,
        last_error=row.last_error,
        sent_at=utc(row.sent_at),
        receipted_at=utc(row.receipted_at),
        receipt_json=row.receipt_json,
        request_id=row.request_id,
        case_number=row.case_number,
    )


class SqlOutbox:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, entry: OutboxEntry) -> None:
        self._s.execute(
            insert(OutboxMessage).values(
                id=entry.message_id,
                recipient=entry.recipient,
                type=entry.type.value,
                envelope_json=entry.envelope_json,
                document=entry.document,
                state=entry.state.value,
                attempts=entry.attempts,
                created_at=entry.created_at,
                next_attempt_at=entry.next_attempt_at,
                request_id=entry.request_id,
                case_number=entry.case_number,
            )
        )

    def get(self, message_id: UUID) -> OutboxEntry | None:
        row = self._s.execute(select(OutboxMessage).where(OutboxMessage.id == message_id)).first()
        return _outbox(row[0]) if row else None

    def list(self, flt: OutboxFilter) -> list[OutboxEntry]:
        q = select(OutboxMessage).order_by(OutboxMessage.created_at.desc()).limit(flt.limit)
        if flt.states:
            q = q.where(OutboxMessage.state.in_([s.value for s in flt.states]))
        return [_outbox(r) for r in self._s.scalars(q)]

    def for_request(self, request_id: str) -> list[OutboxEntry]:
        q = (
            select(OutboxMessage)
            .where(OutboxMessage.request_id == request_id)
            .order_by(OutboxMessage.created_at)
        )
        return [_outbox(r) for r in self._s.scalars(q)]

    def claim_due(self, now: datetime, lease_until: datetime, limit: int) -> list[OutboxEntry]:
        free = or_(OutboxMessage.lease_until.is_(None), OutboxMessage.lease_until < now)
        due = select(OutboxMessage.id).where(
            OutboxMessage.state.in_([s.value for s in OUTBOX_PENDING]),
            or_(OutboxMessage.next_attempt_at.is_(None), OutboxMessage.next_attempt_at <= now),
            free,
        )
        ids = list(self._s.scalars(due.order_by(OutboxMessage.created_at).limit(limit)))
        if not ids:
            return []
        claimed = set(
            self._s.scalars(
                update(OutboxMessage)
                .where(OutboxMessage.id.in_(ids), free)
                .values(lease_until=lease_until)
                .returning(OutboxMessage.id)
            )
        )
        rows = self._s.scalars(select(OutboxMessage).where(OutboxMessage.id.in_(claimed)))
        return sorted((_outbox(r) for r in rows), key=lambda e: e.created_at)

    def save(self, entry: OutboxEntry) -> None:
        self._s.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == entry.message_id)
            .values(
                state=entry.state.value,
                attempts=entry.attempts,
                next_attempt_at=entry.next_attempt_at,
                last_attempt_at=entry.last_attempt_at,
                last_error_code=entry.last_error_code,
                last_error=entry.last_error,
                sent_at=entry.sent_at,
                receipted_at=entry.receipted_at,
                receipt_json=entry.receipt_json,
                lease_until=None,
            )
        )

    def counts(self) -> dict[str, int]:
        rows = self._s.execute(
            select(OutboxMessage.state, func.count()).group_by(OutboxMessage.state)
        )
        return {state: n for state, n in rows}


def _inbox(row: InboxMessage) -> InboxEntry:
    return InboxEntry(
        message_id=row.id,
        sender=row.sender,
        type=MessageType(row.type),
        envelope_json=row.envelope_json,
        document=row.document,
        received_at=utc(row.received_at),  # type: ignore[arg-type]
        fetched_at=utc(row.fetched_at),  # type: ignore[arg-type]
        state=InboxState(row.state),
        result_code=row.result_code,
        result_detail=row.result_detail,
        request_id=row.request_id,
        receipt_json=row.receipt_json,
        signer=row.signer,
    )


class SqlInbox:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, entry: InboxEntry) -> bool:
        if self._s.get(InboxMessage, entry.message_id) is not None:
            return False
        self._s.execute(
            insert(InboxMessage).values(
                id=entry.message_id,
                sender=entry.sender,
                type=entry.type.value,
                envelope_json=entry.envelope_json,
                document=entry.document,
                received_at=entry.received_at,
                fetched_at=entry.fetched_at,
                state=entry.state.value,
                result_code=entry.result_code,
                result_detail=entry.result_detail,
                request_id=entry.request_id,
                receipt_json=entry.receipt_json,
                signer=entry.signer,
            )
        )
        return True

    def get(self, message_id: UUID) -> InboxEntry | None:
        row = self._s.get(InboxMessage, message_id)
        return _inbox(row) if row else None

    def list(self, states: Sequence[InboxState] = (), limit: int = 500) -> list[InboxEntry]:
        q = select(InboxMessage).order_by(InboxMessage.fetched_at.desc()).limit(limit)
        if states:
            q = q.where(InboxMessage.state.in_([s.value for s in states]))
        return [_inbox(r) for r in self._s.scalars(q)]

    def for_request(self, request_id: str) -> list[InboxEntry]:
        q = (
            select(InboxMessage)
            .where(InboxMessage.request_id == request_id)
            .order_by(InboxMessage.fetched_at)
        )
        return [_inbox(r) for r in self._s.scalars(q)]

    def save(self, entry: InboxEntry) -> None:
        self._s.execute(
            update(InboxMessage)
            .where(InboxMessage.id == entry.message_id)
            .values(
                state=entry.state.value,
                result_code=entry.result_code,
                result_detail=entry.result_detail,
                request_id=entry.request_id,
                signer=entry.signer,
            )
        )


def _received(row: Any) -> ReceivedMessage:
    return ReceivedMessage(
        message_id=row.id,
        sender=row.sender,
        recipient=row.recipient,
        type=MessageType(row.type),
        envelope_json=row.envelope_json,
        envelope_sha256=row.envelope_sha256,
        document=row.document,
        document_sha256=row.document_sha256,
        media_type=row.media_type,
        received_at=utc(row.received_at),  # type: ignore[arg-type]
        receipt_json=row.receipt_json,
        client_cert_sha256=row.client_cert_sha256,
        signer=row.signer,
    )


class SqlReceivedMessages:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, message_id: UUID) -> ReceivedMessage | None:
        # Core, not Session.get: this runs on every message the server receives
        table = ReceivedRow.__table__
        row = self._s.connection().execute(select(table).where(table.c.id == message_id)).first()
        return _received(row) if row else None  # type: ignore[arg-type]

    def add(self, message: ReceivedMessage) -> bool:
        dialect = self._s.get_bind().dialect.name
        make_insert = pg_insert if dialect == "postgresql" else sqlite_insert
        result = self._s.connection().execute(
            make_insert(ReceivedRow.__table__)
            .values(
                id=message.message_id,
                sender=message.sender,
                recipient=message.recipient,
                type=message.type.value,
                envelope_json=message.envelope_json,
                envelope_sha256=message.envelope_sha256,
                document=message.document,
                document_sha256=message.document_sha256,
                media_type=message.media_type,
                size=len(message.document or b""),
                received_at=message.received_at,
                receipt_json=message.receipt_json,
                client_cert_sha256=message.client_cert_sha256,
                signer=message.signer,
            )
            .on_conflict_do_nothing(index_elements=["id"])
            .returning(ReceivedRow.__table__.c.id)
        )
        return result.first() is not None

    def undelivered(self, device_id: int, limit: int) -> list[ReceivedMessage]:
        done = exists().where(
            MessageDelivery.message_id == ReceivedRow.id, MessageDelivery.device_id == device_id
        )
        q = (
            select(ReceivedRow)
            .where(~done)
            .order_by(ReceivedRow.received_at, ReceivedRow.id)
            .limit(limit)
        )
        return [_received(r) for r in self._s.scalars(q)]

    def mark_delivered(self, device_id: int, message_ids: Sequence[UUID], at: datetime) -> int:
        known = set(self._s.scalars(select(ReceivedRow.id).where(ReceivedRow.id.in_(message_ids))))
        if not known:
            return 0
        self._s.execute(
            delete(MessageDelivery).where(
                MessageDelivery.device_id == device_id, MessageDelivery.message_id.in_(known)
            )
        )
        self._s.execute(
            insert(MessageDelivery),
            [{"message_id": m, "device_id": device_id, "delivered_at": at} for m in known],
        )
        return len(known)

    def count(self) -> int:
        return int(self._s.scalar(select(func.count()).select_from(ReceivedRow)) or 0)

    def summaries(self, limit: int) -> list[ReceivedSummary]:
        rows = self._s.execute(
            select(
                ReceivedRow.id,
                ReceivedRow.sender,
                ReceivedRow.type,
                ReceivedRow.received_at,
                ReceivedRow.size,
            )
            .order_by(ReceivedRow.received_at.desc())
            .limit(limit)
        ).all()
        ids = [r.id for r in rows]
        delivered: dict[UUID, list[str]] = {}
        if ids:
            for mid, name in self._s.execute(
                select(MessageDelivery.message_id, DeviceRow.name)
                .join(DeviceRow, DeviceRow.id == MessageDelivery.device_id)
                .where(MessageDelivery.message_id.in_(ids))
            ):
                delivered.setdefault(mid, []).append(name)
        return [
            ReceivedSummary(
                r.id,
                r.sender,
                MessageType(r.type),
                utc(r.received_at),  # type: ignore[arg-type]
                r.size,
                tuple(sorted(delivered.get(r.id, []))),
            )
            for r in rows
        ]


def _device(row: DeviceRow) -> Device:
    return Device(row.id, row.name, utc(row.created_at), utc(row.revoked_at), utc(row.last_seen_at))  # type: ignore[arg-type]


class SqlDevices:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, name: str, token_sha256: str, at: datetime) -> Device:
        row = DeviceRow(name=name, token_sha256=token_sha256, created_at=at)
        self._s.add(row)
        self._s.flush()
        return _device(row)

    def by_token(self, token_sha256: str) -> Device | None:
        row = self._s.scalar(select(DeviceRow).where(DeviceRow.token_sha256 == token_sha256))
        return _device(row) if row else None

    def touch(self, device_id: int, at: datetime) -> None:
        self._s.execute(update(DeviceRow).where(DeviceRow.id == device_id).values(last_seen_at=at))

    def revoke(self, name: str, at: datetime) -> int:
        res = self._s.execute(
            update(DeviceRow)
            .where(DeviceRow.name == name, DeviceRow.revoked_at.is_(None))
            .values(revoked_at=at)
        )
        return int(res.rowcount or 0)  # type: ignore[attr-defined]

    def list(self) -> list[Device]:
        return [_device(r) for r in self._s.scalars(select(DeviceRow).order_by(DeviceRow.id))]
