"""Sync tables: the workstation's outbox, cursors and conflicts; the hub's change log, devices,
enrolment tokens and push receipts (reference/sync.md §3).

Both kinds live in every database (one schema, one migration chain); a database only uses the
ones of its role (`store_meta.sync_role` = workstation or hub).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from clerk_app.store.models import Base

# SQLite only aliases the rowid (and so autoincrements) for exactly "INTEGER PRIMARY KEY"
_SEQ = BigInteger().with_variant(Integer(), "sqlite")


# -- workstation ------------------------------------------------------------------------------
class SyncOutbox(Base):
    """One local change waiting to be pushed, written by a trigger in the change's own
    transaction. `old`/`new` hold whole rows as JSON (the base values make merging possible);
    `change_id` (UUIDv7, the idempotency key) is fixed before the first send."""

    __tablename__ = "sync_outbox"
    __table_args__ = (
        Index("ix_sync_outbox_entity", "entity", "entity_id"),
        Index("ix_sync_outbox_state", "state", "seq"),
        {"sqlite_autoincrement": True},
    )
    seq: Mapped[int] = mapped_column(_SEQ, primary_key=True, autoincrement=True)
    change_id: Mapped[str | None] = mapped_column(String(36), unique=True)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(300))
    op: Mapped[str] = mapped_column(String(1))  # I, U, D
    base_version: Mapped[int | None] = mapped_column(Integer)
    new_version: Mapped[int | None] = mapped_column(Integer)
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(String(32))  # UTC "YYYY-MM-DD HH:MM:SS.SSS"
    hlc: Mapped[str | None] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(10))  # pending, held (behind a conflict)
    attempts: Mapped[int] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)


class SyncState(Base):
    """Per stream: the pull cursor (txid, seq); other keys hold small JSON facts (hlc, status,
    the progress of the initial catalogue download)."""

    __tablename__ = "sync_state"
    stream: Mapped[str] = mapped_column(String(40), primary_key=True)
    cursor_txid: Mapped[int] = mapped_column(BigInteger)
    cursor_seq: Mapped[int] = mapped_column(BigInteger)
    value: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SyncConflict(Base):
    """A change the server did not take as it was: both versions and the base, for a clerk."""

    __tablename__ = "sync_conflict"
    __table_args__ = (Index("ix_sync_conflict_open", "resolved_at", "entity", "entity_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(10))  # edit (overlapping fields) or rejected
    code: Mapped[str | None] = mapped_column(String(40))
    fields: Mapped[str] = mapped_column(Text)  # JSON list of the fields both sides changed
    local: Mapped[str | None] = mapped_column(Text)
    server: Mapped[str | None] = mapped_column(Text)
    base: Mapped[str | None] = mapped_column(Text)
    server_version: Mapped[int | None] = mapped_column(Integer)
    detected_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    resolution: Mapped[str | None] = mapped_column(String(10))
    resolved_by: Mapped[str | None] = mapped_column(String(200))


# -- hub (office server) ----------------------------------------------------------------------
class ChangeLog(Base):
    """Every committed change of a synced table, written by triggers. Pulls page by
    (txid, seq) and only return transactions older than the oldest running one (PostgreSQL:
    pg_snapshot_xmin), so a late commit is never skipped. `txid` is the xid8 value as bigint
    (0 on SQLite, whose single writer commits in seq order). Rows carry keys, not payloads:
    a pull reads the current row."""

    __tablename__ = "change_log"
    __table_args__ = (
        Index("ix_change_log_stream", "stream", "txid", "seq"),
        Index("ix_change_log_at", "at"),
        {"sqlite_autoincrement": True},
    )
    seq: Mapped[int] = mapped_column(_SEQ, primary_key=True, autoincrement=True)
    txid: Mapped[int] = mapped_column(BigInteger)
    stream: Mapped[str] = mapped_column(String(20))  # data, catalogue
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(300))
    op: Mapped[str] = mapped_column(String(1))
    row_version: Mapped[int | None] = mapped_column(Integer)
    origin_device: Mapped[str | None] = mapped_column(String(36))
    hlc: Mapped[str | None] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Device(Base):
    """An enrolled workstation; its code prefixes the registry numbers it issues offline."""

    __tablename__ = "sync_device"
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_code: Mapped[str] = mapped_column(String(12), unique=True)
    office: Mapped[str] = mapped_column(String(12))
    name: Mapped[str | None] = mapped_column(String(200))
    secret_hash: Mapped[str] = mapped_column(String(64))
    enrol_nonce: Mapped[str | None] = mapped_column(String(64))
    enrolled_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_pulled_txid: Mapped[int | None] = mapped_column(BigInteger)
    last_pulled_seq: Mapped[int | None] = mapped_column(BigInteger)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class EnrolToken(Base):
    """A one-time enrolment token (stored hashed) that names the device code it grants."""

    __tablename__ = "sync_enrol_token"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    office: Mapped[str] = mapped_column(String(12))
    device_code: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    used_by: Mapped[str | None] = mapped_column(String(36))


class PushReceipt(Base):
    """The outcome of each pushed change, by its change id: a replay returns it unchanged."""

    __tablename__ = "push_receipt"
    change_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(10))  # accepted, merged, conflict, rejected
    code: Mapped[str | None] = mapped_column(String(40))
    fields: Mapped[str | None] = mapped_column(Text)  # JSON list (conflicts)
    row_version: Mapped[int | None] = mapped_column(Integer)
    hlc: Mapped[str | None] = mapped_column(String(40))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class DeviceAccessLog(Base):
    """The access logs of the workstations, as they were chained there (core/audit.py): the
    hub checks every hash and link on arrival and keeps the chain, an anchor outside the
    workstation that a rewrite of the workstation's file cannot follow."""

    __tablename__ = "device_access_log"
    __table_args__ = (Index("ix_device_access_log_at", "at"),)
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(200))
    staff_uid: Mapped[str | None] = mapped_column(String(36))
    staff_name: Mapped[str | None] = mapped_column(String(200))
    workstation: Mapped[str | None] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    query: Mapped[str | None] = mapped_column(Text)
    filters: Mapped[str | None] = mapped_column(Text)
    result_count: Mapped[int | None] = mapped_column(Integer)
    request_uid: Mapped[str | None] = mapped_column(String(36))
    record_id: Mapped[str | None] = mapped_column(String(100))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
