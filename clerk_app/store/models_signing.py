"""The signing queue's table: one row per document waiting for, or carrying, our signature."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from clerk_app.store.models import Base


class SignatureJobRow(Base):
    """A document in the signing queue (waiting / parked at B-B / done / failed).

    The source PDF is never modified: the signed file is written next to the output path and
    moved into place only when complete. `source_sha256` pins the document the clerk reviewed.
    """

    __tablename__ = "signature_job"
    __table_args__ = (Index("ix_signature_job_state", "state"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    document_uid: Mapped[str | None] = mapped_column(String(64))
    source_path: Mapped[str] = mapped_column(Text)
    output_path: Mapped[str] = mapped_column(Text)
    source_sha256: Mapped[str | None] = mapped_column(String(64))
    output_sha256: Mapped[str | None] = mapped_column(String(64))
    languages: Mapped[str] = mapped_column(String(40))  # "et,ru"
    wanted_level: Mapped[str] = mapped_column(String(8))
    reached_level: Mapped[str | None] = mapped_column(String(8))
    state: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer)
    last_error_code: Mapped[str | None] = mapped_column(String(40))
    last_error_detail: Mapped[str | None] = mapped_column(Text)
    tries_left: Mapped[int | None] = mapped_column(Integer)
    signer_name: Mapped[str | None] = mapped_column(String(300))
    signed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    stamp_page: Mapped[int | None] = mapped_column(Integer)
    stamp_box: Mapped[str | None] = mapped_column(String(80))  # "x1,y1,x2,y2" in pt
    actor: Mapped[str | None] = mapped_column(String(200))
    workstation: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
