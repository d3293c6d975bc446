"""Writer coordination: the generation counter (bumped by every committed write, so readers in other
processes notice) and per-document staging leases (an orphan sweep never deletes a live writer's vectors).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    existing = sa.inspect(op.get_bind())
    if not existing.has_table("planqa_meta"):
        meta = op.create_table(
            "planqa_meta",
            sa.Column("key", sa.String(32), primary_key=True),
            sa.Column("value", sa.Integer(), nullable=False),
        )
        op.bulk_insert(meta, [{"key": "generation", "value": 0}])
    if not existing.has_table("planqa_staging"):
        op.create_table(
            "planqa_staging",
            sa.Column("doc_id", sa.String(64), primary_key=True),
            sa.Column("owner", sa.String(128), nullable=False),
            sa.Column("expires_at", sa.DateTime(), nullable=False),
        )


def downgrade() -> None:
    op.drop_table("planqa_staging")
    op.drop_table("planqa_meta")
