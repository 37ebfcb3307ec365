"""SQLAlchemy tables of the archive catalogue, person records, search keys and access log.

The schema is owned by Alembic (store/migrations); these declarations must match it, which a
test checks with Alembic's compare_metadata.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Archive(Base):
    """An archive institution (Narva City Archive)."""

    __tablename__ = "archive"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str | None] = mapped_column(String(300))


class Fonds(Base):
    __tablename__ = "fonds"
    __table_args__ = (UniqueConstraint("archive_id", "number"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    archive_id: Mapped[int] = mapped_column(ForeignKey("archive.id"))
    number: Mapped[str] = mapped_column(String(64))
    title: Mapped[str | None] = mapped_column(String(500))


class Inventory(Base):
    """опись / nimistu."""

    __tablename__ = "inventory"
    __table_args__ = (UniqueConstraint("fonds_id", "number"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fonds_id: Mapped[int] = mapped_column(ForeignKey("fonds.id"))
    number: Mapped[str] = mapped_column(String(64))


class FileUnit(Base):
    """дело / säilik: the unit whose sheets are cited."""

    __tablename__ = "file_unit"
    __table_args__ = (UniqueConstraint("inventory_id", "number"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    inventory_id: Mapped[int] = mapped_column(ForeignKey("inventory.id"))
    number: Mapped[str] = mapped_column(String(64))
    title: Mapped[str | None] = mapped_column(String(500))


class PersonRecord(Base):
    """A person as written in one archival record, with derived search keys."""

    __tablename__ = "person_record"
    __table_args__ = (
        Index("ix_person_record_birth_year", "birth_year"),
        Index("ix_person_record_file_unit", "file_unit_id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[str] = mapped_column(String(100), unique=True)
    record_type: Mapped[str] = mapped_column(String(20))
    file_unit_id: Mapped[int] = mapped_column(ForeignKey("file_unit.id"))
    sheets: Mapped[str] = mapped_column(String(100))
    sheet_first: Mapped[int] = mapped_column(Integer)
    sheet_last: Mapped[int] = mapped_column(Integer)

    surname: Mapped[str] = mapped_column(String(200))
    given_name: Mapped[str | None] = mapped_column(String(200))
    patronymic: Mapped[str | None] = mapped_column(String(200))
    maiden_name: Mapped[str | None] = mapped_column(String(200))
    gender: Mapped[str | None] = mapped_column(String(1))
    script: Mapped[str] = mapped_column(String(4))
    translit_system: Mapped[str | None] = mapped_column(String(40))
    birth_date: Mapped[str | None] = mapped_column(String(10))  # YYYY[-MM[-DD]]
    birth_year: Mapped[int | None] = mapped_column(Integer)

    enterprise: Mapped[str | None] = mapped_column(String(300))
    position: Mapped[str | None] = mapped_column(String(300))
    hired_date: Mapped[str | None] = mapped_column(String(10))
    hired_order: Mapped[str | None] = mapped_column(String(100))
    dismissed_date: Mapped[str | None] = mapped_column(String(10))
    dismissed_order: Mapped[str | None] = mapped_column(String(100))
    event_date: Mapped[str | None] = mapped_column(String(10))
    event_place: Mapped[str | None] = mapped_column(String(300))
    spouse_name: Mapped[str | None] = mapped_column(String(300))
    address: Mapped[str | None] = mapped_column(String(500))
    resided_from: Mapped[str | None] = mapped_column(String(10))
    resided_to: Mapped[str | None] = mapped_column(String(10))
    note: Mapped[str | None] = mapped_column(Text)
    period_from: Mapped[int | None] = mapped_column(Integer)  # years the record speaks about
    period_to: Mapped[int | None] = mapped_column(Integer)

    name_key: Mapped[str] = mapped_column(Text)
    search_tokens: Mapped[str] = mapped_column(Text)
    fold_version: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PayrollEntry(Base):
    """One month of a payroll account (лицевой счёт)."""

    __tablename__ = "payroll_entry"
    __table_args__ = (UniqueConstraint("person_record_id", "pay_year", "pay_month"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_record_id: Mapped[int] = mapped_column(
        ForeignKey("person_record.id", ondelete="CASCADE")
    )
    pay_year: Mapped[int] = mapped_column(Integer)
    pay_month: Mapped[int] = mapped_column(Integer)
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    currency: Mapped[str] = mapped_column(String(3))
    sheet: Mapped[str | None] = mapped_column(String(100))


class NameVocab(Base):
    """Every distinct folded token: the vocabulary typo expansion searches. Rebuildable."""

    __tablename__ = "name_vocab"
    token: Mapped[str] = mapped_column(String(200), primary_key=True)


class NameVariant(Base):
    """Each vocabulary token and its one-letter deletions (search/neighbours.py): finds the typo
    neighbours of a key by index lookup instead of a scan of the vocabulary. Rebuildable."""

    __tablename__ = "name_variant"
    __table_args__ = {"sqlite_with_rowid": False}  # noqa: RUF012 - SQLAlchemy's own shape
    variant: Mapped[str] = mapped_column(String(200), primary_key=True)
    token: Mapped[str] = mapped_column(String(200), primary_key=True)


class AccessLog(Base):
    """Who searched for or opened whose data, and when (personal data is kept up to 75 years).

    Append-only and hash-chained (core/audit.py): `seq` is gapless, `hash` covers the entry and
    `prev_hash`. Triggers refuse UPDATE and DELETE (migration 0008). A batch migration that
    recreates this table on SQLite drops those triggers: recreate them in the same migration.
    """

    __tablename__ = "access_log"
    __table_args__ = (
        Index("ix_access_log_at", "at"),
        Index("ix_access_log_record", "record_id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(200))
    staff_uid: Mapped[str | None] = mapped_column(String(36))
    staff_name: Mapped[str | None] = mapped_column(String(200))
    workstation: Mapped[str | None] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    query: Mapped[str | None] = mapped_column(Text)
    filters: Mapped[str | None] = mapped_column(Text)  # JSON
    result_count: Mapped[int | None] = mapped_column(Integer)
    request_uid: Mapped[str | None] = mapped_column(String(36))
    record_id: Mapped[str | None] = mapped_column(String(100))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class StoreMeta(Base):
    """Small key/value facts about the store (fold version of the search keys)."""

    __tablename__ = "store_meta"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Request(Base):
    """A registered request (request register). UUIDv7 key: created offline without clashes."""

    __tablename__ = "request"
    __table_args__ = (
        Index("ix_request_status", "status"),
        Index("ix_request_deadline", "deadline"),
    )
    uid: Mapped[str] = mapped_column(String(36), primary_key=True)
    reg_number: Mapped[str] = mapped_column(String(60), unique=True)
    registered_on: Mapped[date] = mapped_column(Date)
    registered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    regime: Mapped[str] = mapped_column(String(4))
    applicant_name: Mapped[str] = mapped_column(String(300))
    applicant_address: Mapped[str | None] = mapped_column(String(500))
    applicant_phone: Mapped[str | None] = mapped_column(String(60))
    applicant_email: Mapped[str | None] = mapped_column(String(200))
    applicant_id_document: Mapped[str | None] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(String(20))
    person_name: Mapped[str] = mapped_column(String(300))
    person_birth_date: Mapped[str | None] = mapped_column(String(10))
    person_other_names: Mapped[str | None] = mapped_column(String(300))
    period_from: Mapped[int | None] = mapped_column(Integer)
    period_to: Mapped[int | None] = mapped_column(Integer)
    languages: Mapped[str] = mapped_column(String(20))  # "et,ru"
    channel: Mapped[str] = mapped_column(String(20))
    received_on: Mapped[date] = mapped_column(Date)
    partner_org: Mapped[str | None] = mapped_column(String(60))
    partner_case_number: Mapped[str | None] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text)
    deadline: Mapped[date] = mapped_column(Date)
    extended_deadline: Mapped[date | None] = mapped_column(Date)
    extension_notice: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(30))
    status_reason: Mapped[str | None] = mapped_column(Text)
    forwarded_to: Mapped[str | None] = mapped_column(String(300))
    assignee: Mapped[str | None] = mapped_column(String(200))
    created_by: Mapped[str] = mapped_column(String(200))
    row_version: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class RequestEvent(Base):
    """The request's history, append-only."""

    __tablename__ = "request_event"
    __table_args__ = (Index("ix_request_event_request", "request_uid", "at"),)
    uid: Mapped[str] = mapped_column(String(36), primary_key=True)
    request_uid: Mapped[str] = mapped_column(ForeignKey("request.uid"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30))
    from_status: Mapped[str | None] = mapped_column(String(30))
    to_status: Mapped[str | None] = mapped_column(String(30))
    detail: Mapped[str] = mapped_column(Text)  # JSON


class RequestRecord(Base):
    """Archive records collected for a request's certificate (by their natural record_id)."""

    __tablename__ = "request_record"
    request_uid: Mapped[str] = mapped_column(ForeignKey("request.uid"), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    added_by: Mapped[str] = mapped_column(String(200))


class RegisterCounter(Base):
    """Per-device counters of registry numbers (requests, certificates), gapless per device."""

    __tablename__ = "register_counter"
    register: Mapped[str] = mapped_column(String(30), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    device: Mapped[str] = mapped_column(String(30), primary_key=True)
    next_value: Mapped[int] = mapped_column(Integer)


# tables of other parts live in their own modules; importing them registers them in Base.metadata
from clerk_app.store import models_certificates as _certificates  # noqa: E402, F401
from clerk_app.store import models_exchange as _exchange  # noqa: E402, F401
from clerk_app.store import models_security as _security  # noqa: E402, F401
from clerk_app.store import models_signing as _signing  # noqa: E402, F401
from clerk_app.store import models_sync as _sync  # noqa: E402, F401
