"""certificates: drafts, final versions, corrections; final rows immutable by trigger

Revision ID: 0004
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0002"
branch_labels = None
depends_on = None

# every column of the table as created here: a final row may change none of them
FROZEN = (
    "uid", "registry_number", "version", "supersedes_uid", "correction_reason", "cert_type",
    "languages", "status", "request_uid", "request_json", "subject_name", "subject_json",
    "record_ids", "search_json", "content_json", "free_text", "warnings", "pdf", "pdf_sha256",
    "page_count", "signature_box", "office_code", "workstation", "created_at", "created_by",
    "issued_on", "finalised_at", "finalised_by",
)  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "certificate",
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("registry_number", sa.String(length=60), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("supersedes_uid", sa.String(length=36), nullable=True),
        sa.Column("correction_reason", sa.Text(), nullable=True),
        sa.Column("cert_type", sa.String(length=20), nullable=False),
        sa.Column("languages", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("request_uid", sa.String(length=36), nullable=True),
        sa.Column("request_json", sa.Text(), nullable=True),
        sa.Column("subject_name", sa.String(length=300), nullable=False),
        sa.Column("subject_json", sa.Text(), nullable=False),
        sa.Column("record_ids", sa.Text(), nullable=False),
        sa.Column("search_json", sa.Text(), nullable=True),
        sa.Column("content_json", sa.Text(), nullable=False),
        sa.Column("free_text", sa.Text(), nullable=False),
        sa.Column("warnings", sa.Text(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("pdf_sha256", sa.String(length=64), nullable=False),
        sa.Column("page_count", sa.Integer(), nullable=False),
        sa.Column("signature_box", sa.String(length=200), nullable=False),
        sa.Column("office_code", sa.String(length=30), nullable=False),
        sa.Column("workstation", sa.String(length=30), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=True),
        sa.Column("finalised_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finalised_by", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(["supersedes_uid"], ["certificate.uid"]),
        sa.PrimaryKeyConstraint("uid"),
        sa.UniqueConstraint("registry_number", "version"),
        sa.UniqueConstraint("supersedes_uid"),
    )
    op.create_index("ix_certificate_created", "certificate", ["created_at"], unique=False)
    op.create_index("ix_certificate_request", "certificate", ["request_uid"], unique=False)
    op.create_index("ix_certificate_status", "certificate", ["status"], unique=False)

    if op.get_bind().dialect.name == "postgresql":
        old = ", ".join(f"OLD.{c}" for c in FROZEN)
        new = ", ".join(f"NEW.{c}" for c in FROZEN)
        op.execute(
            f"""
            CREATE FUNCTION certificate_final_immutable() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
              IF OLD.status = 'final' THEN
                IF TG_OP = 'DELETE' THEN
                  RAISE EXCEPTION 'certificate % is final and immutable', OLD.uid
                    USING ERRCODE = 'integrity_constraint_violation';
                END IF;
                IF ROW({new}) IS DISTINCT FROM ROW({old}) THEN
                  RAISE EXCEPTION 'certificate % is final and immutable', OLD.uid
                    USING ERRCODE = 'integrity_constraint_violation';
                END IF;
              END IF;
              IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
              RETURN NEW;
            END $$
            """
        )
        op.execute(
            "CREATE TRIGGER certificate_final_immutable BEFORE UPDATE OR DELETE ON certificate "
            "FOR EACH ROW EXECUTE FUNCTION certificate_final_immutable()"
        )
    else:
        changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in FROZEN)
        op.execute(
            f"""
            CREATE TRIGGER certificate_final_no_update BEFORE UPDATE ON certificate
            WHEN OLD.status = 'final' AND ({changed})
            BEGIN SELECT RAISE(ABORT, 'certificate is final and immutable'); END
            """
        )
        op.execute(
            """
            CREATE TRIGGER certificate_final_no_delete BEFORE DELETE ON certificate
            WHEN OLD.status = 'final'
            BEGIN SELECT RAISE(ABORT, 'certificate is final and immutable'); END
            """
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS certificate_final_immutable ON certificate")
        op.execute("DROP FUNCTION IF EXISTS certificate_final_immutable()")
    else:
        op.execute("DROP TRIGGER IF EXISTS certificate_final_no_update")
        op.execute("DROP TRIGGER IF EXISTS certificate_final_no_delete")
    op.drop_index("ix_certificate_status", table_name="certificate")
    op.drop_index("ix_certificate_request", table_name="certificate")
    op.drop_index("ix_certificate_created", table_name="certificate")
    op.drop_table("certificate")
