"""Calls and item results as CSV for spreadsheets.

`wide`: one row per call, a column per protocol item (pass, fail, na; blank where the call
was not graded on it). `long`: one row per call and item. A cell that a spreadsheet would
read as a formula (starting with = + - @, a tab or a carriage return) gets a leading `'`,
as OWASP advises against CSV injection: trainee names and teams are typed by users.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import IO, Any

from simulator.exports.rows import ExportCall

CALL_COLUMNS = (
    "call_id",
    "call_uid",
    "trainee",
    "team",
    "kind",
    "scenario",
    "difficulty",
    "policy",
    "seed",
    "started_at",
    "duration_s",
    "outcome",
    "score",
    "grader_score",
    "passed",
    "pass_mark",
    "overridden_items",
    "failed_items",
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _call_cells(c: ExportCall) -> list[Any]:
    return [
        c.id,
        c.uid,
        c.trainee,
        c.team or "",
        c.kind,
        c.scenario or "",
        c.difficulty or "",
        c.policy,
        "" if c.seed is None else c.seed,
        c.started_at.isoformat(),
        "" if c.duration_s is None else round(c.duration_s, 1),
        c.outcome,
        "" if c.score is None else c.score,
        "" if c.grader_score is None else c.grader_score,
        "" if c.passed is None else ("yes" if c.passed else "no"),
        "" if c.pass_mark is None else c.pass_mark,
        " ".join(sorted(c.overridden)),
        " ".join(c.failed),
    ]


def write_wide(
    calls: Iterable[ExportCall], out: IO[str], items: Sequence[str] | None = None
) -> int:
    """`items`: the columns, when `calls` is a stream (`rows.items_of`); else found in
    `calls` (a list)."""
    if items is None:
        calls = list(calls)
        items = sorted({i for c in calls for i in c.results})
    w = csv.writer(out)
    w.writerow([*CALL_COLUMNS, *items])
    n = 0
    for c in calls:
        n += 1
        w.writerow([safe(v) for v in _call_cells(c)] + [c.results.get(i, "") for i in items])
    return n


def write_long(calls: Iterable[ExportCall], out: IO[str]) -> int:
    w = csv.writer(out)
    w.writerow(["call_id", "call_uid", "trainee", "team", "scenario", "started_at", "item",
                "result", "overridden"])  # fmt: skip
    n = 0
    for c in calls:
        n += 1
        for item in sorted(c.results):
            w.writerow(
                [
                    c.id,
                    c.uid,
                    safe(c.trainee),
                    safe(c.team or ""),
                    safe(c.scenario or ""),
                    c.started_at.isoformat(),
                    item,
                    c.results[item],
                    "yes" if item in c.overridden else "",
                ]
            )
    return n
