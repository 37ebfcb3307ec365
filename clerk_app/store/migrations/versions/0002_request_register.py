"""request register: requests, history, collected records, number counters

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 07:10:53.129419
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "register_counter",
        sa.Column("register", sa.String(length=30), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("device", sa.String(length=30), nullable=False),
        sa.Column("next_value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("register", "year", "device"),
    )
    op.create_table(
        "request",
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("reg_number", sa.String(length=60), nullable=False),
        sa.Column("registered_on", sa.Date(), nullable=False),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("regime", sa.String(length=4), nullable=False),
        sa.Column("applicant_name", sa.String(length=300), nullable=False),
        sa.Column("applicant_address", sa.String(length=500), nullable=True),
        sa.Column("applicant_phone", sa.String(length=60), nullable=True),
        sa.Column("applicant_email", sa.String(length=200), nullable=True),
        sa.Column("applicant_id_document", sa.String(length=200), nullable=True),
        sa.Column("subject", sa.String(length=20), nullable=False),
        sa.Column("person_name", sa.String(length=300), nullable=False),
        sa.Column("person_birth_date", sa.String(length=10), nullable=True),
        sa.Column("person_other_names", sa.String(length=300), nullable=True),
        sa.Column("period_from", sa.Integer(), nullable=True),
        sa.Column("period_to", sa.Integer(), nullable=True),
        sa.Column("languages", sa.String(length=20), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("partner_org", sa.String(length=60), nullable=True),
        sa.Column("partner_case_number", sa.String(length=100), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("extended_deadline", sa.Date(), nullable=True),
        sa.Column("extension_notice", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("status_reason", sa.Text(), nullable=True),
        sa.Column("forwarded_to", sa.String(length=300), nullable=True),
        sa.Column("assignee", sa.String(length=200), nullable=True),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("uid"),
        sa.UniqueConstraint("reg_number"),
    )
    with op.batch_alter_table("request", schema=None) as batch_op:
        batch_op.create_index("ix_request_deadline", ["deadline"], unique=False)
        batch_op.create_index("ix_request_status", ["status"], unique=False)

    op.create_table(
        "request_event",
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("request_uid", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("from_status", sa.String(length=30), nullable=True),
        sa.Column("to_status", sa.String(length=30), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_uid"],
            ["request.uid"],
        ),
        sa.PrimaryKeyConstraint("uid"),
    )
    with op.batch_alter_table("request_event", schema=None) as batch_op:
        batch_op.create_index("ix_request_event_request", ["request_uid", "at"], unique=False)

    op.create_table(
        "request_record",
        sa.Column("request_uid", sa.String(length=36), nullable=False),
        sa.Column("record_id", sa.String(length=100), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_uid"],
            ["request.uid"],
        ),
        sa.PrimaryKeyConstraint("request_uid", "record_id"),
    )


def downgrade() -> None:
    op.drop_table("request_record")
    with op.batch_alter_table("request_event", schema=None) as batch_op:
        batch_op.drop_index("ix_request_event_request")

    op.drop_table("request_event")
    with op.batch_alter_table("request", schema=None) as batch_op:
        batch_op.drop_index("ix_request_status")
        batch_op.drop_index("ix_request_deadline")

    op.drop_table("request")
    op.drop_table("register_counter")
