"""The calls an export covers, with their item results (overrides applied), streamed.

The calls (filtered by trainee, team and date) are read oldest first from one cursor, and
each chunk of them gets its item rows and overrides in two more queries: a constant number
of queries per chunk and constant memory whatever the number of calls.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.engine import Connection

from simulator.records import schema as t
from simulator.records.names import name_key
from simulator.records.store import utc


@dataclass
class ExportCall:
    id: int
    uid: str
    trainee: str
    team: str | None
    kind: str
    scenario: str | None
    difficulty: str | None
    policy: str
    seed: int | None
    started_at: dt.datetime
    duration_s: float | None
    outcome: str
    score: float | None
    grader_score: float | None
    passed: bool | None
    pass_mark: float | None
    results: dict[str, str] = field(default_factory=dict)
    overridden: set[str] = field(default_factory=set)

    @property
    def failed(self) -> list[str]:
        return sorted(i for i, r in self.results.items() if r == "fail")


@dataclass(frozen=True)
class Filter:
    trainee: str | None = None
    team: str | None = None
    since: dt.datetime | None = None


def _select(f: Filter) -> Select[tuple[int]]:
    c, tr = t.calls, t.trainees
    q = select(c.c.id).join(tr, tr.c.id == c.c.trainee_id)
    if f.trainee is not None:
        q = q.where(tr.c.name_key == name_key(f.trainee))
    if f.team is not None:
        q = q.where(tr.c.team == f.team)
    if f.since is not None:
        q = q.where(c.c.started_at >= f.since.astimezone(dt.UTC))
    return q


#: calls read, and their item rows and overrides fetched, at a time (well under SQLite's
#: 999 bound parameters of old builds)
CHUNK = 500


def export_calls(conn: Connection, f: Filter, with_items: bool = True) -> list[ExportCall]:
    """The calls `f` selects, oldest first, all in memory (`iter_calls` streams them)."""
    return list(iter_calls(conn, f, with_items))


def iter_calls(conn: Connection, f: Filter, with_items: bool = True) -> Iterator[ExportCall]:
    """The calls `f` selects, oldest first, `CHUNK` at a time: memory stays the same
    whatever the number of calls (all in a list, 32,000 calls with their ~50 item results
    took 773 MB for `export csv --long`). Three queries per chunk: its calls (one cursor
    read on), their item rows, their overrides."""
    c, tr = t.calls, t.trainees
    ids = _select(f).scalar_subquery()
    rows = conn.execution_options(stream_results=True, yield_per=CHUNK).execute(
        select(c, tr.c.name, tr.c.team)
        .join(tr, tr.c.id == c.c.trainee_id)
        .where(c.c.id.in_(ids))
        .order_by(c.c.started_at, c.c.id)
    )
    for part in rows.partitions(CHUNK):
        calls = {r.id: _call(r) for r in part}
        if with_items:
            _fill(conn, calls)
        yield from calls.values()


def items_of(conn: Connection, f: Filter) -> list[str]:
    """The protocol items any call `f` selects was graded on, sorted (the wide CSV's
    columns, known before its first row)."""
    ir = t.item_results
    ids = _select(f).scalar_subquery()
    found = conn.execute(select(ir.c.item).where(ir.c.call_id.in_(ids)).distinct()).scalars()
    return sorted(found)


def _fill(conn: Connection, calls: dict[int, ExportCall]) -> None:
    """The chunk's item results, overrides applied (in the order they were made)."""
    ir, o = t.item_results, t.overrides
    ids = list(calls)
    results = {cid: call.results for cid, call in calls.items()}
    marks = conn.execute(select(ir.c.call_id, ir.c.item, ir.c.result).where(ir.c.call_id.in_(ids)))
    for call_id, item, result in marks:  # ~50 rows a call, unpacked as tuples
        results[call_id][item] = result
    for r in conn.execute(
        select(o.c.call_id, o.c.item, o.c.result).where(o.c.call_id.in_(ids)).order_by(o.c.id)
    ):
        call = calls[r.call_id]
        if r.item in call.results:
            call.results[r.item] = r.result
            call.overridden.add(r.item)


def _call(r: Any) -> ExportCall:
    m = r._mapping
    return ExportCall(
        m["id"],
        m["uid"],
        m["name"],
        m["team"],
        m["kind"],
        m["scenario"],
        m["difficulty"],
        m["policy"],
        m["seed"],
        (utc(m["started_at"]) or dt.datetime.min.replace(tzinfo=dt.UTC)).astimezone(dt.UTC),
        m["duration_s"],
        m["outcome"],
        m["score"],
        m["grader_score"],
        None if m["passed"] is None else bool(m["passed"]),
        m["pass_mark"],
    )
