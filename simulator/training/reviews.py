"""A trainee's graded calls as the scheduler reads them: when, which scenario, each item's
effective result (a trainer's latest override applied), oldest first.

Two queries whatever the number of calls (the calls, then their item rows),
so a trainee with 1,000 calls costs one pass over ~50,000 small rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.engine import Connection

from simulator.records import schema as t
from simulator.records.names import name_key
from simulator.records.store import utc


@dataclass
class GradedCall:
    id: int
    started_at: dt.datetime
    scenario: str | None
    difficulty: str | None
    score: float | None
    passed: bool | None
    outcome: str
    results: dict[str, str] = field(default_factory=dict)
    pass_mark: float | None = None


def graded_calls(conn: Connection, trainee: str) -> list[GradedCall]:
    """The trainee's graded calls, oldest first (empty for an unknown trainee)."""
    c, tr, ir, o = t.calls, t.trainees, t.item_results, t.overrides
    mine = (
        select(c.c.id)
        .join(tr, tr.c.id == c.c.trainee_id)
        .where(tr.c.name_key == name_key(trainee), c.c.graded_at.is_not(None))
    )
    rows = conn.execute(
        select(
            c.c.id,
            c.c.started_at,
            c.c.scenario,
            c.c.difficulty,
            c.c.score,
            c.c.passed,
            c.c.outcome,
            c.c.pass_mark,
        )
        .where(c.c.id.in_(mine.scalar_subquery()))
        .order_by(c.c.started_at, c.c.id)
    ).all()
    calls = {
        r.id: GradedCall(
            r.id,
            (utc(r.started_at) or dt.datetime.min.replace(tzinfo=dt.UTC)).astimezone(dt.UTC),
            r.scenario,
            r.difficulty,
            r.score,
            None if r.passed is None else bool(r.passed),
            r.outcome,
            pass_mark=r.pass_mark,
        )
        for r in rows
    }
    if not calls:
        return []
    ids = mine.scalar_subquery()
    results = {cid: call.results for cid, call in calls.items()}
    marks = conn.execute(select(ir.c.call_id, ir.c.item, ir.c.result).where(ir.c.call_id.in_(ids)))
    for call_id, item, result in marks:  # ~50 rows a call, unpacked as tuples
        results[call_id][item] = result
    for r in conn.execute(
        select(o.c.call_id, o.c.item, o.c.result).where(o.c.call_id.in_(ids)).order_by(o.c.id)
    ):
        if r.item in calls[r.call_id].results:
            calls[r.call_id].results[r.item] = r.result
    return list(calls.values())
