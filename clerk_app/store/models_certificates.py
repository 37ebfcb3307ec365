"""The certificate table: drafts, final versions and corrections, with their PDF bytes.

A final row is immutable: the repository refuses to change it, and database triggers (made
by migration 0004 on SQLite and PostgreSQL) refuse any UPDATE of its content or any DELETE,
whoever writes. A correction is a new row (version n+1) pointing at the row it supersedes.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from clerk_app.store.models import Base


class Certificate(Base):
    __tablename__ = "certificate"
    __table_args__ = (
        UniqueConstraint("registry_number", "version"),
        UniqueConstraint("supersedes_uid"),  # a version is superseded at most once
        Index("ix_certificate_status", "status"),
        Index("ix_certificate_request", "request_uid"),
        Index("ix_certificate_created", "created_at"),
    )
    uid: Mapped[str] = mapped_column(String(36), primary_key=True)  # UUIDv7
    registry_number: Mapped[str | None] = mapped_column(String(60))  # drawn on finalising
    version: Mapped[int] = mapped_column(Integer)
    supersedes_uid: Mapped[str | None] = mapped_column(ForeignKey("certificate.uid"))
    correction_reason: Mapped[str | None] = mapped_column(Text)
    cert_type: Mapped[str] = mapped_column(String(20))
    languages: Mapped[str] = mapped_column(String(20))  # "et,ru": issuer first
    status: Mapped[str] = mapped_column(String(10))  # draft / final
    # the request register's uid; no foreign key, so sync may bring the two in any order
    request_uid: Mapped[str | None] = mapped_column(String(36))
    request_json: Mapped[str | None] = mapped_column(Text)  # the request as printed
    subject_name: Mapped[str] = mapped_column(String(300))
    subject_json: Mapped[str] = mapped_column(Text)
    record_ids: Mapped[str] = mapped_column(Text)  # JSON list of archive record ids
    search_json: Mapped[str | None] = mapped_column(Text)  # information letter: where searched
    content_json: Mapped[str] = mapped_column(Text)  # the built content the PDF shows
    free_text: Mapped[str] = mapped_column(Text)  # JSON {lang: {part: text}}
    warnings: Mapped[str] = mapped_column(Text)  # JSON list of issue codes
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    pdf_sha256: Mapped[str] = mapped_column(String(64))
    page_count: Mapped[int] = mapped_column(Integer)
    signature_box: Mapped[str] = mapped_column(String(200))  # JSON [page, x1, y1, x2, y2]
    office_code: Mapped[str] = mapped_column(String(30))
    workstation: Mapped[str] = mapped_column(String(30))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(200))
    issued_on: Mapped[date | None] = mapped_column(Date)
    finalised_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finalised_by: Mapped[str | None] = mapped_column(String(200))


# the columns a final row must never change (the triggers of migration 0004 list the same)
FROZEN_COLUMNS = tuple(
    c.name
    for c in Certificate.__table__.columns  # type: ignore[attr-defined]
)
