"""security: staff accounts, hash-chained append-only access log with principal and request

Revision ID: 0008
Revises: 0005
Create Date: 2026-12-01 07:40:00

Existing access-log rows are chained in id order. Triggers make the log append-only (SQLite
and PostgreSQL) and keep the chain head row from being deleted or moved backwards.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from clerk_app.core.audit import GENESIS, entry_hash

revision = "0008"
down_revision = "0005"
branch_labels = None
depends_on = None

SQLITE_TRIGGERS = [
    """CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
       BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END""",
    """CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
       BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END""",
    """CREATE TRIGGER access_log_head_no_delete BEFORE DELETE ON access_log_head
       BEGIN SELECT RAISE(ABORT, 'access_log_head cannot be deleted'); END""",
    """CREATE TRIGGER access_log_head_forward BEFORE UPDATE ON access_log_head
       WHEN NEW.seq < OLD.seq
       BEGIN SELECT RAISE(ABORT, 'access_log_head only moves forward'); END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS access_log_no_update",
    "DROP TRIGGER IF EXISTS access_log_no_delete",
    "DROP TRIGGER IF EXISTS access_log_head_no_delete",
    "DROP TRIGGER IF EXISTS access_log_head_forward",
]
PG_TRIGGERS = [
    """CREATE OR REPLACE FUNCTION clerk_access_log_append_only() RETURNS trigger
       LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION 'access_log is append-only' USING ERRCODE = 'insufficient_privilege';
       END $$""",
    """CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
       FOR EACH ROW EXECUTE FUNCTION clerk_access_log_append_only()""",
    """CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
       FOR EACH STATEMENT EXECUTE FUNCTION clerk_access_log_append_only()""",
    """CREATE OR REPLACE FUNCTION clerk_access_log_head_forward() RETURNS trigger
       LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'DELETE' OR NEW.seq < OLD.seq THEN
           RAISE EXCEPTION 'access_log_head only moves forward'
             USING ERRCODE = 'insufficient_privilege';
         END IF;
         RETURN NEW;
       END $$""",
    """CREATE TRIGGER access_log_head_forward BEFORE UPDATE OR DELETE ON access_log_head
       FOR EACH ROW EXECUTE FUNCTION clerk_access_log_head_forward()""",
    """CREATE TRIGGER access_log_head_no_truncate BEFORE TRUNCATE ON access_log_head
       FOR EACH STATEMENT EXECUTE FUNCTION clerk_access_log_append_only()""",
]
PG_DROP = [
    "DROP TRIGGER IF EXISTS access_log_append_only ON access_log",
    "DROP TRIGGER IF EXISTS access_log_no_truncate ON access_log",
    "DROP TRIGGER IF EXISTS access_log_head_forward ON access_log_head",
    "DROP TRIGGER IF EXISTS access_log_head_no_truncate ON access_log_head",
    "DROP FUNCTION IF EXISTS clerk_access_log_head_forward()",
    "DROP FUNCTION IF EXISTS clerk_access_log_append_only()",
]


def upgrade() -> None:
    op.create_table(
        "staff",
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("personal_code", sa.String(length=40), nullable=True),
        sa.Column("roles", sa.String(length=100), nullable=False),
        sa.Column("head_of_archive", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=True),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("uid"),
        sa.UniqueConstraint("personal_code"),
        sa.UniqueConstraint("username"),
    )
    op.create_table(
        "access_log_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("access_log") as batch:
        batch.add_column(sa.Column("seq", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("staff_uid", sa.String(length=36), nullable=True))
        batch.add_column(sa.Column("staff_name", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("request_uid", sa.String(length=36), nullable=True))
        batch.add_column(sa.Column("record_id", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("hash", sa.String(length=64), nullable=True))

    bind = op.get_bind()
    names = ["id", "seq", "actor", "workstation", "action", "query", "filters", "result_count"]
    log = sa.table(
        "access_log",
        sa.column("at", sa.DateTime(timezone=True)),
        sa.column("prev_hash"),
        sa.column("hash"),
        *(sa.column(name) for name in names),
    )
    prev, seq = GENESIS, 0
    rows = bind.execute(sa.select(log).order_by(log.c.id)).mappings().all()
    for row in rows:
        seq += 1
        digest = entry_hash(
            seq=seq,
            at=row["at"],
            actor=row["actor"],
            staff_uid=None,
            staff_name=None,
            workstation=row["workstation"],
            action=row["action"],
            query=row["query"],
            filters=row["filters"],
            result_count=row["result_count"],
            request_uid=None,
            record_id=None,
            prev_hash=prev,
        )
        bind.execute(
            log.update().where(log.c.id == row["id"]).values(seq=seq, prev_hash=prev, hash=digest)
        )
        prev = digest
    bind.execute(
        sa.text("INSERT INTO access_log_head (id, seq, hash) VALUES (1, :s, :h)"),
        {"s": seq, "h": prev},
    )

    with op.batch_alter_table("access_log") as batch:
        batch.alter_column("seq", existing_type=sa.Integer(), nullable=False)
        batch.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
        batch.alter_column("hash", existing_type=sa.String(length=64), nullable=False)
        batch.create_unique_constraint("uq_access_log_seq", ["seq"])
        batch.create_index("ix_access_log_at", ["at"], unique=False)
        batch.create_index("ix_access_log_record", ["record_id"], unique=False)

    for sql in PG_TRIGGERS if bind.dialect.name == "postgresql" else SQLITE_TRIGGERS:
        op.execute(sql)


def downgrade() -> None:
    bind = op.get_bind()
    for sql in PG_DROP if bind.dialect.name == "postgresql" else SQLITE_DROP:
        op.execute(sql)
    with op.batch_alter_table("access_log") as batch:
        batch.drop_index("ix_access_log_record")
        batch.drop_index("ix_access_log_at")
        batch.drop_constraint("uq_access_log_seq", type_="unique")
        for col in ("hash", "prev_hash", "record_id", "request_uid", "staff_name", "staff_uid"):
            batch.drop_column(col)
        batch.drop_column("seq")
    op.drop_table("access_log_head")
    op.drop_table("staff")
