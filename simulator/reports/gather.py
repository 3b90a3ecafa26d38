"""What each report shows, read from the store, the transcripts and the scenarios.

The store gives the marks (overrides applied); the transcript file, the
source of truth, gives the lines, the timeline and each line's recognised
acts. A transcript that cannot be read any more leaves its part of a call
report saying why; the rest is still shown.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from simulator.records import schema as t
from simulator.training.ratings import section
from simulator.training.reviews import GradedCall

HOLD_DEFAULT_S = 120.0
WEAKEST = 5
MIN_TRIES = 2  # an item judged weakest needs at least this many applicable calls


@dataclass
class TranscriptLine:
    number: int
    time: str
    speaker: str  # agent | caller | event
    text: str
    acts: tuple[str, ...] = ()


@dataclass
class CallView:
    detail: Any  # simulator.records.store.CallDetail
    title: str
    lines: list[TranscriptLine] = field(default_factory=list)
    timeline_svg: str = ""
    problem: str = ""  # why the transcript part is missing


def call_view(detail: Any, hold_limit: float | None = None) -> CallView:
    from scoring.reader import TranscriptError, read_transcript

    view = CallView(detail, _scenario_title(detail.call.scenario))
    try:
        transcript = read_transcript(detail.call.transcript)
    except TranscriptError as exc:
        view.problem = f"the transcript cannot be read: {exc}"
        return view
    view.lines = transcript_lines(transcript)
    view.timeline_svg = timeline(transcript, hold_limit or HOLD_DEFAULT_S)
    return view


def _scenario_title(scenario: str | None) -> str:
    if not scenario:
        return "(a real call)"
    from simulator.scenario.library import find_scenario
    from simulator.scenario.problems import ScenarioError

    try:
        return find_scenario(scenario).title
    except (LookupError, ScenarioError):
        return scenario


def transcript_lines(transcript: Any) -> list[TranscriptLine]:
    from scoring.acts import recognise
    from scoring.transcript import Speech, format_time

    out = []
    for ln in transcript.lines:
        if isinstance(ln, Speech):
            acts = tuple(sorted(recognise(ln.text, ln.speaker)))
            out.append(TranscriptLine(ln.number, format_time(ln.time), ln.speaker, ln.text, acts))
        else:
            out.append(TranscriptLine(ln.number, format_time(ln.time), "event", ln.render()))
    return out


def timeline(transcript: Any, hold_limit: float) -> str:
    from scoring.transcript import Speech
    from simulator.reports.charts import call_timeline

    lines = list(transcript.lines)
    if not lines:
        return ""
    end = float(max(ln.time for ln in lines))
    speech, holds, events = [], [], []
    held: float | None = None
    later = _next_later([float(ln.time) for ln in lines])
    for ln, nxt in zip(lines, later, strict=True):
        if isinstance(ln, Speech):
            t = float(ln.time)
            speech.append((ln.speaker, t, min((t + 3 if nxt is None else nxt) - t, 30.0)))
        elif ln.name == "hold":
            held = float(ln.time) if held is None else held
        elif ln.name == "resume" and held is not None:
            holds.append((held, float(ln.time) - held))
            held = None
        elif ln.name not in ("hold", "resume"):
            events.append((ln.name, float(ln.time)))
    if held is not None:
        holds.append((held, end - held))
    return call_timeline(speech, holds, events, end, hold_limit)


def _next_later(times: list[float]) -> list[float | None]:
    """For each time, the first later time after it in the list (None: none later), in one
    pass from the end with a stack of candidates (rescanning the rest of the call for each
    line was quadratic: 20,000 lines at one time took 10 s to report)."""
    out: list[float | None] = [None] * len(times)
    stack: list[float] = []
    for n in range(len(times) - 1, -1, -1):
        t = times[n]
        while stack and stack[-1] <= t:
            stack.pop()
        out[n] = stack[-1] if stack else None
        stack.append(t)
    return out


# ----- a trainee --------------------------------------------------------------------


@dataclass
class ItemStats:
    item: str
    tries: int
    passes: int
    recent: str  # the last results, oldest first: "PPFP"

    @property
    def rate(self) -> float:
        return self.passes / self.tries if self.tries else 0.0


@dataclass
class TraineeView:
    name: str
    team: str | None
    calls: list[GradedCall]
    all_calls: int
    sections: dict[str, float]
    items: list[ItemStats]
    weakest: list[ItemStats]
    periods: list[str]
    trend: list[list[float]]
    plan: Any


def trainee_view(
    name: str, team: str | None, calls: Sequence[GradedCall], all_calls: int, plan: Any
) -> TraineeView:
    sec: dict[str, Counter[str]] = defaultdict(Counter)
    per: dict[str, list[str]] = defaultdict(list)
    for c in calls:
        for item, result in c.results.items():
            if result in ("pass", "fail"):
                sec[section(item)][result] += 1
                per[item].append(result)
    sections = {s: n["pass"] / (n["pass"] + n["fail"]) for s, n in sorted(sec.items())}
    items = [
        ItemStats(i, len(rs), rs.count("pass"), "".join(r[0].upper() for r in rs[-10:]))
        for i, rs in sorted(per.items())
    ]
    weakest = sorted(
        (s for s in items if s.tries >= MIN_TRIES and s.passes < s.tries),
        key=lambda s: (s.rate, -s.tries, s.item),
    )[:WEAKEST]
    periods, trend = item_periods(calls, [s.item for s in items])
    return TraineeView(
        name, team, list(calls), all_calls, sections, items, weakest, periods, trend, plan
    )


def item_periods(
    calls: Sequence[GradedCall], items: Sequence[str], most: int = 24
) -> tuple[list[str], list[list[float]]]:
    """Pass rate of each item per period: days over a month of calls or less, else weeks,
    or months past `most` weeks (NaN where the item did not apply in the period)."""
    if not calls:
        return [], []
    key = period_key(calls[-1].started_at - calls[0].started_at, most)
    order: list[str] = []
    counts: dict[str, dict[str, list[int]]] = {}
    for c in calls:
        k = key(c.started_at)
        if k not in counts:
            order.append(k)
            counts[k] = {}
        for item, result in c.results.items():
            if result in ("pass", "fail"):
                n = counts[k].setdefault(item, [0, 0])
                n[0] += result == "pass"
                n[1] += 1
    nan = float("nan")
    grid = [
        [counts[p][i][0] / counts[p][i][1] if i in counts[p] else nan for p in order] for i in items
    ]
    return order, grid


def period_key(span: dt.timedelta, most: int = 24) -> Callable[[dt.datetime], str]:
    if span <= dt.timedelta(days=31):
        return _day
    return _week if span <= dt.timedelta(weeks=most) else _month


def period_word(span: dt.timedelta) -> str:
    words: dict[Callable[[dt.datetime], str], str] = {_day: "day", _week: "week", _month: "month"}
    return words[period_key(span)]


def _day(when: dt.datetime) -> str:
    return when.date().isoformat()


def _week(when: dt.datetime) -> str:
    monday = when.date() - dt.timedelta(days=when.weekday())
    return monday.isoformat()


def _month(when: dt.datetime) -> str:
    return when.strftime("%Y-%m")


# ----- a team -----------------------------------------------------------------------


@dataclass
class TeamView:
    team: str | None
    trainees: list[tuple[str, int, float | None]]  # name, calls, average score
    items: list[str]
    grid: dict[tuple[str, str], tuple[int, int]]  # (trainee, item) -> (passes, tries)


def team_view(conn: Connection, team: str | None) -> TeamView:
    """Pass rates per trainee and item from one grouped query over the item rows, corrected
    for trainers' overrides (few) with a second."""
    c, tr, ir = t.calls, t.trainees, t.item_results
    people = select(tr.c.id, tr.c.name).order_by(tr.c.name)
    if team is not None:
        people = people.where(tr.c.team == team)
    names = {r.id: r.name for r in conn.execute(people)}
    summary = conn.execute(
        select(c.c.trainee_id, func.count(c.c.id), func.avg(c.c.score))
        .where(c.c.trainee_id.in_(list(names)))
        .group_by(c.c.trainee_id)
    ).all()
    by_id = {r[0]: (int(r[1]), None if r[2] is None else float(r[2])) for r in summary}
    counts: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
    graded = (
        select(ir.c.item, ir.c.result, c.c.trainee_id)
        .join(c, c.c.id == ir.c.call_id)
        .where(c.c.trainee_id.in_(list(names)), ir.c.result != "na")
        .subquery()
    )
    q = select(graded.c.trainee_id, graded.c.item, graded.c.result, func.count()).group_by(
        graded.c.trainee_id, graded.c.item, graded.c.result
    )
    for tid, item, result, n in conn.execute(q):
        cell = counts[(tid, item)]
        cell[0] += n if result == "pass" else 0
        cell[1] += n
    _apply_overrides(conn, counts, list(names))
    items = sorted({item for _, item in counts})
    grid = {(names[tid], item): (p, n) for (tid, item), (p, n) in counts.items() if n}
    rows = [(names[i], *by_id.get(i, (0, None))) for i in names]
    return TeamView(team, rows, items, grid)


def _apply_overrides(
    conn: Connection, counts: dict[tuple[int, str], list[int]], ids: list[int]
) -> None:
    c, ir, o = t.calls, t.item_results, t.overrides
    rows = conn.execute(
        select(o.c.call_id, o.c.item, o.c.result, ir.c.result.label("grader"), c.c.trainee_id)
        .join(ir, (ir.c.call_id == o.c.call_id) & (ir.c.item == o.c.item))
        .join(c, c.c.id == o.c.call_id)
        .where(c.c.trainee_id.in_(ids))
        .order_by(o.c.id)
    ).all()
    latest = {(r.call_id, r.item): r for r in rows}
    for r in latest.values():
        cell = counts[(r.trainee_id, r.item)]
        for result, sign in ((r.grader, -1), (r.result, 1)):
            if result != "na":
                cell[0] += sign * (result == "pass")
                cell[1] += sign
