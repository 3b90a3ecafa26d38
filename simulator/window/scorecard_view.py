"""Build the scorecard screen's view model from a transcript and the grader's Scorecard.

The window grades nothing itself: the session (`simulator.session.Session`) grades the
transcript the call just wrote, the same way for every front-end; this module only rearranges
the result for display (critical failures first, sections in the registry's order).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from scoring.transcript import Event, Speech, Transcript
from simulator.window.views import (
    Evidence,
    ItemRow,
    ScorecardView,
    SectionView,
    TimelineLine,
    TimelineMark,
    TimelineView,
)

MARK_EVENTS = (
    "consult",
    "transfer",
    "lookup",
    "note",
    "ticket",
    "email",
    "mute",
    "notify",
    "interrupt",
    "hangup",
)


def timeline_of(t: Transcript) -> TimelineView:
    holds: list[tuple[int, int]] = []
    marks: list[TimelineMark] = []
    lines: list[TimelineLine] = []
    start: int | None = None
    for ln in t.lines:
        if isinstance(ln, Speech):
            lines.append(TimelineLine(ln.number, ln.time, ln.speaker, ln.text))
        elif isinstance(ln, Event):
            if ln.name == "hold" and start is None:
                start = ln.time
            elif ln.name == "resume" and start is not None:
                holds.append((start, ln.time))
                start = None
            elif ln.name in MARK_EVENTS:
                detail = " ".join(v for _, v in ln.fields)[:40]
                marks.append(TimelineMark(ln.time, ln.name, f"{ln.name} {detail}".strip()))
    if start is not None:
        holds.append((start, t.end_time))
    return TimelineView(max(1, t.end_time), tuple(holds), tuple(marks), tuple(lines))


def _evidence(raw: Iterable[Any]) -> tuple[Evidence, ...]:
    out = []
    for ev in raw or ():
        if isinstance(ev, dict):
            out.append(
                Evidence(int(ev.get("line", 0)), str(ev.get("time", "")), str(ev.get("text", "")))
            )
        else:
            out.append(Evidence(int(ev.line), str(ev.time), str(ev.text)))
    return tuple(out)


def item_rows(card: Any) -> dict[str, ItemRow]:
    critical = set(getattr(card, "critical_failures", ()) or ())
    rows = {}
    for item_id, r in (getattr(card, "results", None) or {}).items():
        rows[item_id] = ItemRow(
            id=item_id,
            title=getattr(r, "title", "") or item_id,
            result=getattr(r, "result", "na"),
            reason=getattr(r, "reason", ""),
            rule=getattr(r, "rule", ""),
            critical=item_id in critical or bool(getattr(r, "critical", False)),
            evidence=_evidence(getattr(r, "evidence", ())),
            weight=float(getattr(r, "weight", 1.0) or 0.0),
        )
    return rows


def _sections(card: Any, rows: dict[str, ItemRow]) -> tuple[SectionView, ...]:
    """Group items by their section, in the order the grader listed them."""
    order: dict[str, list[ItemRow]] = {}
    for item_id, row in rows.items():
        r = card.results[item_id]
        section = getattr(r, "section", "") or item_id.split(".")[0]
        order.setdefault(section, []).append(row)
    return tuple(
        SectionView(name.capitalize() if name.islower() else name, tuple(items))
        for name, items in order.items()
    )


def scorecard_view(
    transcript: Transcript,
    card: Any,
    title: str,
    rings: int | None = None,
    next_title: str | None = None,
    *,
    pass_mark: float | None,
) -> ScorecardView:
    """The view of a graded call. The grader gives a score and critical failures, no
    verdict: a call passes when no critical item failed and the score reaches `pass_mark`,
    the policy pack's (`pass_mark:`; None for a call that was not graded)."""
    rows = item_rows(card)
    critical = tuple(r for r in rows.values() if r.critical and r.result == "fail")
    score = float(getattr(card, "score", 0.0) or 0.0)
    passed = card is not None and pass_mark is not None and not critical and score >= pass_mark
    bonus = ""
    if rings is not None:
        bonus = f"answered in {rings} ring{'s' if rings != 1 else ''}" + (
            " (bonus: three rings or less)" if rings <= 3 else " (over three rings)"
        )
    return ScorecardView(
        scenario_title=title,
        score=score,
        passed=bool(passed),
        critical_failures=critical,
        sections=_sections(card, rows),
        timeline=timeline_of(transcript),
        next_title=next_title,
        bonus=bonus,
        transcript_path=transcript.path,
    )
