"""Each trainee's replayed retraining cards, so a plan replays only the calls since.

One row per trainee: the scheduler's state after the first `calls` graded calls, with a
digest of those calls; simulator/training/cache.py checks the digest before resuming
(an override or regrade changes it, and the history is replayed in full). Derived data
only: dropping the table loses nothing.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plan_cache",
        sa.Column(
            "trainee_id",
            sa.Integer,
            sa.ForeignKey("trainees.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("calls", sa.Integer, nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("plan_cache")
