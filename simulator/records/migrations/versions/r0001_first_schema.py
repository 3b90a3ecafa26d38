"""The first schema: trainees, calls, item results, overrides.

Revision ID: 0001
Revises:
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "trainees",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("name_key", sa.String(64), nullable=False, unique=True),
        sa.Column("team", sa.Text, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "calls",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(36), nullable=False, unique=True),
        sa.Column("trainee_id", sa.Integer, sa.ForeignKey("trainees.id"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("scenario", sa.Text, nullable=True),
        sa.Column("difficulty", sa.String(16), nullable=True),
        sa.Column("scenario_hash", sa.String(64), nullable=True),
        sa.Column("policy", sa.Text, nullable=False),
        sa.Column("seed", sa.Integer, nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("duration_s", sa.Float, nullable=True),
        sa.Column("transcript", sa.Text, nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("grader_score", sa.Float, nullable=True),
        sa.Column("score", sa.Float, nullable=True),
        sa.Column("pass_mark", sa.Float, nullable=True),
        sa.Column("passed", sa.Boolean, nullable=True),
        sa.Column("error", sa.Text, nullable=True),
        sa.Column("host", sa.Text, nullable=False),
        sa.Column("pid", sa.Integer, nullable=False),
        sa.Column("graded_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_calls_trainee_started", "calls", ["trainee_id", "started_at"])
    op.create_index("ix_calls_outcome", "calls", ["outcome"])
    op.create_index("ix_calls_started", "calls", ["started_at"])
    op.create_table(
        "item_results",
        sa.Column(
            "call_id",
            sa.Integer,
            sa.ForeignKey("calls.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("item", sa.String(64), primary_key=True),
        sa.Column("result", sa.String(4), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("weight", sa.Float, nullable=False),
        sa.Column("critical", sa.Boolean, nullable=False),
    )
    op.create_table(
        "overrides",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "call_id",
            sa.Integer,
            sa.ForeignKey("calls.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("item", sa.String(64), nullable=False),
        sa.Column("result", sa.String(4), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("by_name", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_overrides_call", "overrides", ["call_id"])


def downgrade() -> None:
    op.drop_table("overrides")
    op.drop_table("item_results")
    op.drop_index("ix_calls_started", "calls")
    op.drop_index("ix_calls_outcome", "calls")
    op.drop_index("ix_calls_trainee_started", "calls")
    op.drop_table("calls")
    op.drop_table("trainees")
