"""The store's tables, in SQLAlchemy Core (the migrations create the same shape).

Why these columns:
- `trainees.name_key` is the SHA-256 of the name: names are user input up to
  10,000 characters, and a unique index on the key (not the name) works on
  PostgreSQL, whose B-tree entries cannot hold such a name.
- `calls.uid` is a UUID: calls recorded on many desks into one server, and
  exported to other systems (xAPI statements need one), keep one identity.
- `calls.outcome` says how the call ended; `in_progress` rows left by a
  process that died are marked `abandoned` on the next start.
- `item_results` hold the grader's own marks; `overrides` hold trainers'
  rulings apart from them, so a regrade replaces the first and keeps the second.
  `calls.score`/`passed` are the effective figures (overrides applied) and
  `grader_score` the grader's, and `failed_items` the ids of the items failed
  (overrides applied), so lists and per-trainee summaries need no joins.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

OUTCOMES = (
    "in_progress",
    "completed",
    "hung_up_early",
    "abandoned_at_ring",
    "abandoned",
    "interrupted",
)
RESULTS = ("pass", "fail", "na")

trainees = Table(
    "trainees",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("name_key", String(64), nullable=False, unique=True),
    Column("team", Text, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

calls = Table(
    "calls",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String(36), nullable=False, unique=True),
    Column("trainee_id", Integer, ForeignKey("trainees.id"), nullable=False),
    Column("kind", String(16), nullable=False),  # roleplay | real
    Column("scenario", Text, nullable=True),
    Column("difficulty", String(16), nullable=True),
    Column("scenario_hash", String(64), nullable=True),
    Column("policy", Text, nullable=False),
    Column("seed", Integer, nullable=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("duration_s", Float, nullable=True),
    Column("transcript", Text, nullable=False),
    Column("outcome", String(20), nullable=False),
    Column("grader_score", Float, nullable=True),
    Column("score", Float, nullable=True),
    Column("pass_mark", Float, nullable=True),
    Column("passed", Boolean, nullable=True),
    Column("failed_items", Text, nullable=True),  # space-separated ids, overrides applied
    Column("error", Text, nullable=True),
    Column("host", Text, nullable=False),
    Column("pid", Integer, nullable=False),
    Column("graded_at", DateTime(timezone=True), nullable=True),
    Index("ix_calls_trainee_started", "trainee_id", "started_at"),
    Index("ix_calls_outcome", "outcome"),
    Index("ix_calls_started", "started_at"),
)

item_results = Table(
    "item_results",
    metadata,
    Column("call_id", Integer, ForeignKey("calls.id", ondelete="CASCADE"), primary_key=True),
    Column("item", String(64), primary_key=True),
    Column("result", String(4), nullable=False),
    Column("reason", Text, nullable=False),
    Column("evidence", Text, nullable=False),  # JSON list of {line, time, text}
    Column("weight", Float, nullable=False),
    Column("critical", Boolean, nullable=False),
)

overrides = Table(
    "overrides",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("call_id", Integer, ForeignKey("calls.id", ondelete="CASCADE"), nullable=False),
    Column("item", String(64), nullable=False),
    Column("result", String(4), nullable=False),
    Column("reason", Text, nullable=False),
    Column("by_name", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_overrides_call", "call_id"),
)

#: xAPI statements sent to a Learning Record Store (issue 14, migration 0003)
xapi_sent = Table(
    "xapi_sent",
    metadata,
    Column("call_id", Integer, ForeignKey("calls.id", ondelete="CASCADE"), primary_key=True),
    Column("lrs_key", String(64), primary_key=True),  # SHA-256 of the LRS endpoint URL
    Column("lrs", Text, nullable=False),
    Column("statement_id", String(36), nullable=False),
    Column("sent_at", DateTime(timezone=True), nullable=False),
)

#: each trainee's replayed retraining cards (issue 14, migration 0004; derived, a cache)
plan_cache = Table(
    "plan_cache",
    metadata,
    Column("trainee_id", Integer, ForeignKey("trainees.id", ondelete="CASCADE"), primary_key=True),
    Column("calls", Integer, nullable=False),
    Column("digest", String(64), nullable=False),
    Column("state", Text, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
