"""signing queue: signature_job

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "signature_job",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("document_uid", sa.String(length=64), nullable=True),
        sa.Column("source_path", sa.Text(), nullable=False),
        sa.Column("output_path", sa.Text(), nullable=False),
        sa.Column("source_sha256", sa.String(length=64), nullable=True),
        sa.Column("output_sha256", sa.String(length=64), nullable=True),
        sa.Column("languages", sa.String(length=40), nullable=False),
        sa.Column("wanted_level", sa.String(length=8), nullable=False),
        sa.Column("reached_level", sa.String(length=8), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error_code", sa.String(length=40), nullable=True),
        sa.Column("last_error_detail", sa.Text(), nullable=True),
        sa.Column("tries_left", sa.Integer(), nullable=True),
        sa.Column("signer_name", sa.String(length=300), nullable=True),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("stamp_page", sa.Integer(), nullable=True),
        sa.Column("stamp_box", sa.String(length=80), nullable=True),
        sa.Column("actor", sa.String(length=200), nullable=True),
        sa.Column("workstation", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uid"),
    )
    with op.batch_alter_table("signature_job") as batch_op:
        batch_op.create_index("ix_signature_job_state", ["state"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("signature_job") as batch_op:
        batch_op.drop_index("ix_signature_job_state")
    op.drop_table("signature_job")
