"""exchange: outbox, inbox, received messages, devices, deliveries

Revision ID: 0006
Revises: 0008
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "device",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("token_sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_sha256"),
    )
    op.create_index(op.f("ix_device_name"), "device", ["name"], unique=False)
    op.create_table(
        "inbox_message",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("sender", sa.String(length=40), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("envelope_json", sa.Text(), nullable=False),
        sa.Column("document", sa.LargeBinary(), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("result_code", sa.String(length=40), nullable=True),
        sa.Column("result_detail", sa.Text(), nullable=True),
        sa.Column("request_id", sa.String(length=36), nullable=True),
        sa.Column("receipt_json", sa.Text(), nullable=True),
        sa.Column("signer", sa.String(length=500), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_inbox_message_fetched_at"), "inbox_message", ["fetched_at"], unique=False
    )
    op.create_index(
        op.f("ix_inbox_message_request_id"), "inbox_message", ["request_id"], unique=False
    )
    op.create_table(
        "outbox_message",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("recipient", sa.String(length=40), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("envelope_json", sa.Text(), nullable=False),
        sa.Column("document", sa.LargeBinary(), nullable=True),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error_code", sa.String(length=40), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("receipted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("receipt_json", sa.Text(), nullable=True),
        sa.Column("request_id", sa.String(length=36), nullable=True),
        sa.Column("case_number", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_outbox_message_due", "outbox_message", ["state", "next_attempt_at"], unique=False
    )
    op.create_index(
        op.f("ix_outbox_message_request_id"), "outbox_message", ["request_id"], unique=False
    )
    op.create_table(
        "received_message",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("sender", sa.String(length=40), nullable=False),
        sa.Column("recipient", sa.String(length=40), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("envelope_json", sa.Text(), nullable=False),
        sa.Column("envelope_sha256", sa.String(length=64), nullable=False),
        sa.Column("document", sa.LargeBinary(), nullable=True),
        sa.Column("document_sha256", sa.String(length=64), nullable=True),
        sa.Column("media_type", sa.String(length=100), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("receipt_json", sa.Text(), nullable=False),
        sa.Column("client_cert_sha256", sa.String(length=64), nullable=False),
        sa.Column("signer", sa.String(length=500), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_received_message_received_at"), "received_message", ["received_at"], unique=False
    )
    op.create_table(
        "message_delivery",
        sa.Column("message_id", sa.Uuid(), nullable=False),
        sa.Column("device_id", sa.Integer(), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["device_id"], ["device.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["message_id"], ["received_message.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("message_id", "device_id"),
    )
    if op.get_bind().dialect.name == "postgresql":
        # signed PDFs do not compress: store them out of line without trying (measured: TOAST
        # compression of 100 KB documents was most of PostgreSQL's CPU per received message)
        for table in ("received_message", "outbox_message", "inbox_message"):
            op.execute(f"ALTER TABLE {table} ALTER COLUMN document SET STORAGE EXTERNAL")


def downgrade() -> None:
    op.drop_table("message_delivery")
    op.drop_index(op.f("ix_received_message_received_at"), table_name="received_message")
    op.drop_table("received_message")
    op.drop_index(op.f("ix_outbox_message_request_id"), table_name="outbox_message")
    op.drop_index("ix_outbox_message_due", table_name="outbox_message")
    op.drop_table("outbox_message")
    op.drop_index(op.f("ix_inbox_message_request_id"), table_name="inbox_message")
    op.drop_index(op.f("ix_inbox_message_fetched_at"), table_name="inbox_message")
    op.drop_table("inbox_message")
    op.drop_index(op.f("ix_device_name"), table_name="device")
    op.drop_table("device")
