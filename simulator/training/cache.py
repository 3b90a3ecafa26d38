"""The replayed FSRS cards of each trainee, kept in the store (`plan_cache`, migration 0004).

Replaying every call is ~25 reviews a call at ~70 us each: 1.7 s for a trainee with 1,000
calls, too slow for a report. The state after the first N calls is kept with a digest of
those N calls (ids, start times, every item's effective result); the next plan checks the
digest over the same first N calls and, when it matches, replays only the calls since. An
override, a regrade or a call recorded out of order changes the digest and the whole
history is replayed, so the cache can never give a plan the records would not.

The cache is a saving, not a record: a store that cannot be written (read-only, locked, a
newer callsim's) still gives the plan, computed in full.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from typing import Any

import orjson
from sqlalchemy import delete, insert, select
from sqlalchemy.exc import SQLAlchemyError

from simulator.records import schema as t
from simulator.records.errors import StoreError
from simulator.records.names import name_key
from simulator.training.plan import ItemCard, Replay
from simulator.training.reviews import GradedCall


def digests(calls: Sequence[GradedCall]) -> list[str]:
    """The running digest after each call (index n: the first n + 1 calls)."""
    h = hashlib.sha256()
    out = []
    for c in calls:
        h.update(f"{c.id}|{c.started_at.isoformat()}|".encode())
        h.update("|".join(f"{i}={r}" for i, r in sorted(c.results.items())).encode())
        h.update(b"\n")
        out.append(h.hexdigest())
    return out


def cached_cards(store: Any, trainee: str, calls: Sequence[GradedCall]) -> list[ItemCard]:
    """The cards of `calls` (the trainee's graded calls, oldest first), resuming from the
    cached state where it still holds, and keeping the new state for next time."""
    marks = digests(calls)
    try:
        tid, row = _read(store, trainee)
    except (StoreError, SQLAlchemyError, OSError):
        tid, row = None, None
    replay = _resume(row, marks)
    start = replay.calls
    for call in calls[start:]:
        replay.add(call)
    if tid is not None and replay.calls and (row is None or replay.calls != start):
        _write(store, tid, replay, marks[-1])
    return replay.item_cards()


def _resume(row: Any, marks: list[str]) -> Replay:
    if row is None or not 0 < row.calls <= len(marks) or marks[row.calls - 1] != row.digest:
        return Replay()
    try:
        return Replay.from_json(orjson.loads(row.state))
    except (ValueError, KeyError, TypeError):
        return Replay()


def _read(store: Any, trainee: str) -> tuple[int | None, Any]:
    tr, pc = t.trainees, t.plan_cache
    with store.engine.connect() as conn:
        tid = conn.execute(select(tr.c.id).where(tr.c.name_key == name_key(trainee))).scalar()
        if tid is None:
            return None, None
        row = conn.execute(
            select(pc.c.calls, pc.c.digest, pc.c.state).where(pc.c.trainee_id == tid)
        ).first()
    return int(tid), row


def _write(store: Any, tid: int, replay: Replay, digest: str) -> None:
    pc = t.plan_cache
    try:
        with store.engine.execution_options(write=True).begin() as conn:
            conn.execute(delete(pc).where(pc.c.trainee_id == tid))
            conn.execute(
                insert(pc).values(
                    trainee_id=tid,
                    calls=replay.calls,
                    digest=digest,
                    state=orjson.dumps(replay.to_json()).decode(),
                    updated_at=dt.datetime.now(dt.UTC),
                )
            )
    except (StoreError, SQLAlchemyError, OSError):
        pass  # a read-only or busy store: the next plan replays again
