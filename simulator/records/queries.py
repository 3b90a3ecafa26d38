"""The store's read queries: history rows, per-trainee summaries, one call in full.

Summaries aggregate in SQL (counts, averages, per-item fail counts) and only
the small results come back to Python; overrides, which are few, are applied
to the per-item counts afterwards rather than joined into the big aggregate.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

import orjson
from sqlalchemy import Select, case, func, select
from sqlalchemy.engine import Connection

from simulator.records import schema as t
from simulator.records.names import name_key
from simulator.records.store import CallDetail, CallRow, ItemRow, TraineeRow, utc

WEAKEST = 3


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
        q = q.where(c.c.started_at >= since)
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
    c, tr = t.calls, t.trainees
    q = select(tr.c.id, tr.c.name, tr.c.team).order_by(tr.c.name)
    if team is not None:
        q = q.where(tr.c.team == team)
    people = conn.execute(q).all()
    if not people:
        return []
    ids = [p.id for p in people]
    stats = {
        r.trainee_id: r
        for r in conn.execute(
            select(
                c.c.trainee_id,
                func.count(c.c.id).label("n"),
                func.max(c.c.started_at).label("last"),
                func.avg(c.c.score).label("avg"),
            )
            .where(c.c.trainee_id.in_(ids))
            .group_by(c.c.trainee_id)
        )
    }
    last = _last_scores(conn, ids)
    weak = weakest_items(conn, ids)
    out = []
    for p in people:
        s = stats.get(p.id)
        avg = None if s is None or s.avg is None else round(float(s.avg), 1)
        out.append(
            TraineeRow(
                p.name,
                p.team,
                int(s.n) if s else 0,
                utc(s.last) if s else None,
                avg,
                last.get(p.id),
                tuple(weak.get(p.id, ())),
            )
        )
    return out


def _last_scores(conn: Connection, ids: list[int]) -> dict[int, float]:
    """Each trainee's latest graded call's score (the index on trainee, start serves it)."""
    c = t.calls
    latest = (
        select(c.c.trainee_id, func.max(c.c.started_at).label("at"))
        .where(c.c.trainee_id.in_(ids), c.c.score.is_not(None))
        .group_by(c.c.trainee_id)
        .subquery()
    )
    rows = conn.execute(
        select(c.c.trainee_id, c.c.score).join(
            latest, (latest.c.trainee_id == c.c.trainee_id) & (latest.c.at == c.c.started_at)
        )
    )
    return {r.trainee_id: float(r.score) for r in rows if r.score is not None}


def weakest_items(conn: Connection, ids: list[int], n: int = WEAKEST) -> dict[int, list[str]]:
    """Per trainee, the items failed most often (share of the calls where they applied)."""
    c, ir = t.calls, t.item_results
    fails: dict[tuple[int, str], int] = defaultdict(int)
    applied: dict[tuple[int, str], int] = defaultdict(int)
    q = (
        select(
            c.c.trainee_id,
            ir.c.item,
            func.sum(case((ir.c.result == "fail", 1), else_=0)).label("fails"),
            func.count().label("applied"),
        )
        .join(c, c.c.id == ir.c.call_id)
        .where(c.c.trainee_id.in_(ids), ir.c.result != "na")
        .group_by(c.c.trainee_id, ir.c.item)
    )
    for r in conn.execute(q):
        fails[(r.trainee_id, r.item)] = int(r.fails)
        applied[(r.trainee_id, r.item)] = int(r.applied)
    _apply_overrides(conn, ids, fails, applied)
    ranked: dict[int, list[tuple[float, int, str]]] = defaultdict(list)
    for key, nfail in fails.items():
        if nfail > 0 and applied[key] > 0:
            ranked[key[0]].append((-nfail / applied[key], -nfail, key[1]))
    return {tid: [item for *_, item in sorted(rows)[:n]] for tid, rows in ranked.items()}


def _apply_overrides(
    conn: Connection,
    ids: list[int],
    fails: dict[tuple[int, str], int],
    applied: dict[tuple[int, str], int],
) -> None:
    c, ir, o = t.calls, t.item_results, t.overrides
    rows = conn.execute(
        select(o.c.call_id, o.c.item, o.c.result, c.c.trainee_id, ir.c.result.label("graded"))
        .join(c, c.c.id == o.c.call_id)
        .join(ir, (ir.c.call_id == o.c.call_id) & (ir.c.item == o.c.item))
        .where(c.c.trainee_id.in_(ids))
        .order_by(o.c.id)
    ).all()
    latest = {(r.call_id, r.item): r for r in rows}
    for r in latest.values():
        key = (r.trainee_id, r.item)
        fails[key] += (r.result == "fail") - (r.graded == "fail")
        applied[key] += (r.result != "na") - (r.graded != "na")


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
