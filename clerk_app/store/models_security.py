"""Tables of staff accounts and of the access log's chain head (imported by models.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from clerk_app.store.models import Base


class Staff(Base):
    """A person who works with the app; roles as a sorted comma list (clerk,signatory)."""

    __tablename__ = "staff"
    uid: Mapped[str] = mapped_column(String(36), primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    personal_code: Mapped[str | None] = mapped_column(String(40), unique=True)
    roles: Mapped[str] = mapped_column(String(100))
    head_of_archive: Mapped[bool] = mapped_column(Boolean)
    active: Mapped[bool] = mapped_column(Boolean)
    password_hash: Mapped[str | None] = mapped_column(Text)
    failed_attempts: Mapped[int] = mapped_column(Integer)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    row_version: Mapped[int] = mapped_column(Integer)


class AccessLogHead(Base):
    """The one row holding the access log's last sequence number and hash.

    Appends lock this row first (UPDATE … RETURNING), which serialises writers on PostgreSQL
    (row lock) and on SQLite (the write lock), so two writers never fork the chain. A trigger
    refuses deleting it or moving it backwards.
    """

    __tablename__ = "access_log_head"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))
