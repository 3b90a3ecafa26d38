"""The store's read queries: history rows, per-trainee summaries, one call in full.

A trainee summary is one pass over the trainee's calls rows: the weakest
items come from each call's `failed_items` column (overrides applied when
written), never from aggregating every item row (510,000 for 10,000 calls).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Select, func, select
from sqlalchemy.engine import Connection

from simulator.records import schema as t
from simulator.records.names import name_key
from simulator.records.store import CallDetail, CallRow, ItemRow, TraineeRow, utc

WEAKEST = 3
RECENT = 20  # calls per trainee that weakest items are judged on


def _call_select() -> Select[Any]:
    c, tr, o = t.calls, t.trainees, t.overrides
    n_overrides = (
        select(func.count(o.c.id)).where(o.c.call_id == c.c.id).correlate(c).scalar_subquery()
    )
    return select(
        c.c.id,
        c.c.uid,
        tr.c.name,
        tr.c.team,
        c.c.kind,
        c.c.scenario,
        c.c.policy,
        c.c.seed,
        c.c.started_at,
        c.c.duration_s,
        c.c.transcript,
        c.c.outcome,
        c.c.score,
        c.c.grader_score,
        c.c.passed,
        n_overrides.label("n_overrides"),
    ).join(tr, tr.c.id == c.c.trainee_id)


def _row(r: Any) -> CallRow:
    return CallRow(
        r.id,
        r.uid,
        r.name,
        r.team,
        r.kind,
        r.scenario,
        r.policy,
        r.seed,
        utc(r.started_at) or dt.datetime.min.replace(tzinfo=dt.UTC),
        r.duration_s,
        r.transcript,
        r.outcome,
        r.score,
        r.grader_score,
        None if r.passed is None else bool(r.passed),
        int(r.n_overrides or 0),
    )


def call_rows(
    conn: Connection,
    trainee: str | None,
    scenario: str | None,
    since: dt.datetime | None,
    limit: int | None,
) -> list[CallRow]:
    c, tr = t.calls, t.trainees
    q = _call_select()
    if trainee is not None:
        q = q.where(tr.c.name_key == name_key(trainee))
    if scenario is not None:
        q = q.where(c.c.scenario == scenario)
    if since is not None:
        q = q.where(c.c.started_at >= since.astimezone(dt.UTC))  # stored in UTC
    q = q.order_by(c.c.started_at.desc(), c.c.id.desc())
    if limit:
        q = q.limit(limit)
    return [_row(r) for r in conn.execute(q)]


def count_calls(conn: Connection, trainee: str | None) -> int:
    c, tr = t.calls, t.trainees
    q = select(func.count(c.c.id))
    if trainee is not None:
        q = q.join(tr, tr.c.id == c.c.trainee_id).where(tr.c.name_key == name_key(trainee))
    return int(conn.execute(q).scalar() or 0)


def trainee_rows(conn: Connection, team: str | None) -> list[TraineeRow]:
    """Each trainee's calls, last played, average and last score, and weakest items, from one
    pass over their calls (newest first): one query, the summing in Python."""
    c, tr = t.calls, t.trainees
    q = select(tr.c.id, tr.c.name, tr.c.team).order_by(tr.c.name)
    if team is not None:
        q = q.where(tr.c.team == team)
    people = conn.execute(q).all()
    if not people:
        return []
    sums = {p.id: _Summary() for p in people}
    ids = list(sums)
    last = conn.execute(
        select(c.c.trainee_id, func.max(c.c.started_at).label("at"))
        .where(c.c.trainee_id.in_(ids))
        .group_by(c.c.trainee_id)
    )
    for r in last:
        sums[r.trainee_id].last = utc(r.at)
    graded = c.c.graded_at.is_not(None).label("graded")
    # Newest recorded first (ids grow as calls are recorded: a backward scan, no sort), and
    # no dates per row (parsing 10,000 of them was most of the time).
    calls = conn.execute(
        select(c.c.trainee_id, c.c.score, c.c.failed_items, graded)
        .where(c.c.trainee_id.in_(ids))
        .order_by(c.c.id.desc())
    )
    for r in calls:
        sums[r.trainee_id].add(r)
    return [sums[p.id].row(p.name, p.team) for p in people]


class _Summary:
    """One trainee's figures, fed their calls newest recorded first."""

    def __init__(self) -> None:
        self.calls = 0
        self.last: dt.datetime | None = None
        self.scores: list[float] = []
        self.graded = 0
        self.fails: Counter[str] = Counter()

    def add(self, r: Any) -> None:
        self.calls += 1
        if r.score is not None:
            self.scores.append(float(r.score))
        if r.graded and self.graded < RECENT:
            self.graded += 1
            self.fails.update((r.failed_items or "").split())

    def row(self, name: str, team: str | None) -> TraineeRow:
        avg = round(sum(self.scores) / len(self.scores), 1) if self.scores else None
        weakest = sorted(self.fails.items(), key=lambda kv: (-kv[1], kv[0]))[:WEAKEST]
        return TraineeRow(
            name,
            team,
            self.calls,
            self.last,
            avg,
            self.scores[0] if self.scores else None,
            tuple(item for item, _ in weakest),
        )


def call_detail(conn: Connection, call_id: int) -> CallDetail | None:
    c, ir, o = t.calls, t.item_results, t.overrides
    row = conn.execute(_call_select().where(c.c.id == call_id)).first()
    if row is None:
        return None
    ovs = [
        {
            "item": r.item,
            "result": r.result,
            "reason": r.reason,
            "by": r.by_name,
            "at": (utc(r.created_at) or dt.datetime.now(dt.UTC)).isoformat(),
        }
        for r in conn.execute(select(o).where(o.c.call_id == call_id).order_by(o.c.id))
    ]
    latest = {ov["item"]: ov for ov in ovs}
    items = tuple(
        ItemRow(
            r.item,
            latest[r.item]["result"] if r.item in latest else r.result,
            r.result,
            r.reason,
            tuple(orjson.loads(r.evidence)),
            latest.get(r.item),
        )
        for r in conn.execute(select(ir).where(ir.c.call_id == call_id))
    )
    return CallDetail(_row(row), items, tuple(ovs))


@dataclass(frozen=True)
class ScenarioScores:
    calls: int
    last: float | None
    best: float | None


@dataclass(frozen=True)
class TraineeHistory:
    """What the window's start screen shows a trainee: calls played, last and best score per
    scenario, and the weakest items (as `callsim trainees` judges them)."""

    calls: int
    scenarios: Mapping[str, ScenarioScores]
    weakest: tuple[str, ...]


def trainee_history(conn: Connection, name: str) -> TraineeHistory:
    c, tr = t.calls, t.trainees
    rows = conn.execute(
        select(c.c.scenario, c.c.score, c.c.failed_items, c.c.graded_at.is_not(None).label("g"))
        .join(tr, tr.c.id == c.c.trainee_id)
        .where(tr.c.name_key == name_key(name))
        .order_by(c.c.id.desc())
    ).all()
    summary = _Summary()
    per: dict[str, list[float]] = {}
    played: Counter[str] = Counter()
    for r in rows:
        summary.add(_SummaryRow(r.score, r.failed_items, r.g))
        if r.scenario:
            played[r.scenario] += 1
            if r.score is not None:
                per.setdefault(r.scenario, []).append(float(r.score))
    scenarios = {
        sid: ScenarioScores(
            n, per[sid][0] if sid in per else None, max(per.get(sid, []), default=None)
        )
        for sid, n in played.items()
    }
    return TraineeHistory(len(rows), scenarios, summary.row(name, None).weakest)


@dataclass(frozen=True)
class _SummaryRow:
    score: float | None
    failed_items: str | None
    graded: bool
