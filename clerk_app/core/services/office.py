"""Office-server services: enrolment tokens of the office's workstations, and handing received
messages to them (each workstation fetches, stores, then acknowledges; unacknowledged messages
come again, so a crash between fetch and store loses nothing).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from uuid import UUID

from clerk_app.core.exchange import Device, ReceivedMessage, ReceivedSummary
from clerk_app.core.ports import UnitOfWork

UowFactory = Callable[[], UnitOfWork]
TOKEN_PREFIX = "clerk-wt-"
_TOUCH_EVERY = timedelta(minutes=1)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.strip().encode("utf-8")).hexdigest()


def enrol_device(uow_factory: UowFactory, name: str) -> tuple[Device, str]:
    """A new workstation token, shown once; the server keeps only its SHA-256."""
    name = name.strip()
    if not name or len(name) > 100:
        raise ValueError("device name must be 1–100 characters")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with uow_factory() as uow:
        device = uow.devices.add(name, token_hash(token), datetime.now(UTC))
        uow.commit()
    return device, token


def authenticate(uow_factory: UowFactory, token: str) -> Device | None:
    now = datetime.now(UTC)
    with uow_factory() as uow:
        device = uow.devices.by_token(token_hash(token))
        if device is None or device.revoked_at is not None:
            return None
        if device.last_seen_at is None or now - device.last_seen_at > _TOUCH_EVERY:
            uow.devices.touch(device.id, now)
            uow.commit()
    return device


def revoke_device(uow_factory: UowFactory, name: str) -> int:
    with uow_factory() as uow:
        n = uow.devices.revoke(name, datetime.now(UTC))
        uow.commit()
    return n


def list_devices(uow_factory: UowFactory) -> list[Device]:
    with uow_factory() as uow:
        return uow.devices.list()


def pending_for(uow_factory: UowFactory, device: Device, limit: int) -> list[ReceivedMessage]:
    with uow_factory() as uow:
        return uow.received.undelivered(device.id, limit)


def acknowledge(uow_factory: UowFactory, device: Device, message_ids: Sequence[UUID]) -> int:
    with uow_factory() as uow:
        n = uow.received.mark_delivered(device.id, message_ids, datetime.now(UTC))
        uow.commit()
    return n


def received_summaries(uow_factory: UowFactory, limit: int = 100) -> list[ReceivedSummary]:
    with uow_factory() as uow:
        return uow.received.summaries(limit)
