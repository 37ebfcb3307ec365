"""name_variant: deletion neighbourhoods of the name vocabulary (typo lookup by index)

Revision ID: 0003
Revises: 0008
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from clerk_app.search.neighbours import variant_rows

revision = "0003"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "name_variant",
        sa.Column("variant", sa.String(length=200), nullable=False),
        sa.Column("token", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("variant", "token"),
        sqlite_with_rowid=False,
    )
    conn = op.get_bind()
    tokens = [t for (t,) in conn.execute(sa.text("SELECT token FROM name_vocab"))]
    rows = variant_rows(tokens)
    for start in range(0, len(rows), 10_000):
        conn.execute(
            sa.text("INSERT INTO name_variant (variant, token) VALUES (:v, :t)"),
            [{"v": v, "t": t} for v, t in rows[start : start + 10_000]],
        )


def downgrade() -> None:
    op.drop_table("name_variant")
