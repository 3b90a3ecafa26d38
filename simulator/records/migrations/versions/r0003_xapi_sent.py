"""Which calls' xAPI statements were sent to which Learning Record Store.

`callsim export xapi --lrs URL` sends each completed call's statement once per
LRS: a row here is written in the same transaction as the LRS accepts a batch,
so a second run sends only the calls recorded since, and an LRS that is down
or refuses the credentials leaves nothing marked sent. `lrs_key` is the
SHA-256 of the endpoint URL (URLs can be long; the key indexes on any server).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "xapi_sent",
        sa.Column(
            "call_id",
            sa.Integer,
            sa.ForeignKey("calls.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("lrs_key", sa.String(64), primary_key=True),
        sa.Column("lrs", sa.Text, nullable=False),
        sa.Column("statement_id", sa.String(36), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("xapi_sent")
