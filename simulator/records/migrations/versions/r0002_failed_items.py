"""Each call keeps the ids of the items it failed (trainers' overrides applied).

Per-trainee summaries (the weakest items of `callsim trainees`, later a
retraining plan) then read one short column of the calls instead of
aggregating every item row: with 10,000 calls that is 10,000 rows, not
510,000 (figures in the benchmark notes). Filled here from the item results
and overrides already stored.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("calls") as batch:
        batch.add_column(sa.Column("failed_items", sa.Text, nullable=True))
    conn = op.get_bind()
    results: dict[int, dict[str, str]] = defaultdict(dict)
    for call_id, item, result in conn.execute(
        sa.text("SELECT call_id, item, result FROM item_results")
    ):
        results[call_id][item] = result
    for call_id, item, result in conn.execute(
        sa.text("SELECT call_id, item, result FROM overrides ORDER BY id")
    ):
        if item in results[call_id]:
            results[call_id][item] = result
    update = sa.text("UPDATE calls SET failed_items = :failed WHERE id = :id")
    rows = [
        {"id": call_id, "failed": " ".join(sorted(i for i, r in marks.items() if r == "fail"))}
        for call_id, marks in results.items()
    ]
    if rows:
        conn.execute(update, rows)


def downgrade() -> None:
    with op.batch_alter_table("calls") as batch:
        batch.drop_column("failed_items")
