"""Showing records in the terminal: tables of calls and trainees, one call in full.

Every name, reason and path is user input: it goes into rich `Text` objects
(never parsed as markup) after `names.shown` has replaced unprintable
characters, so a `[bold]` or an escape sequence in a name prints as itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from simulator.records.names import shown
from simulator.records.store import CallDetail, CallRow, TraineeRow

OUTCOME_WORDS = {
    "in_progress": "in progress",
    "completed": "completed",
    "hung_up_early": "hung up early",
    "abandoned_at_ring": "abandoned at ring",
    "abandoned": "abandoned",
    "interrupted": "interrupted",
}


def when(value: dt.datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else ""


def score_text(score: float | None, passed: bool | None, overridden: bool = False) -> Text:
    if score is None:
        return Text("-", style="dim")
    mark = "PASS" if passed else "FAIL"
    star = "*" if overridden else ""
    return Text(f"{score:5.1f} {mark}{star}", style="green" if passed else "red")


class Columns:
    """Rows of cells printed as aligned columns, one `Text` line per row.

    rich's `Table` measures every cell for wrapping and took ~0.45 s for 100
    trainees (7 columns); lists here never wrap a cell (long names are cut
    with an ellipsis by `shown`), so plain padding does the job in a few ms.
    """

    def __init__(self, headers: Sequence[str]) -> None:
        self.headers = list(headers)
        self.rows: list[list[Text]] = []

    def add_row(self, *cells: str | Text) -> None:
        self.rows.append([c if isinstance(c, Text) else Text(c) for c in cells])

    def print(self, console: Console) -> None:
        head = [Text(h, style="bold") for h in self.headers]
        widths = [max(c.cell_len for c in col) for col in zip(head, *self.rows, strict=True)]
        for row in (head, *self.rows):
            line = Text()
            for n, (cell, width) in enumerate(zip(row, widths, strict=True)):
                line.append_text(cell)
                if n < len(row) - 1:
                    line.append(" " * (width - cell.cell_len + 2))
            if console.is_terminal:  # cut at the window's edge; a file or a pipe gets it all
                console.print(line, no_wrap=True, overflow="ellipsis", crop=True)
            else:
                console.print(line, soft_wrap=True)


def calls_table(rows: Sequence[CallRow]) -> Columns:
    table = Columns(("call", "started", "trainee", "scenario", "score", "how it ended"))
    for r in rows:
        table.add_row(
            str(r.id),
            when(r.started_at),
            Text(shown(r.trainee, 30)),
            Text(shown(r.scenario or ("(real call)" if r.kind == "real" else ""), 30)),
            score_text(r.score, r.passed, r.overrides > 0),
            OUTCOME_WORDS.get(r.outcome, r.outcome),
        )
    return table


def trainees_table(rows: Sequence[TraineeRow]) -> Columns:
    table = Columns(("trainee", "team", "calls", "last played", "average", "last", "weakest items"))
    for r in rows:
        table.add_row(
            Text(shown(r.name, 40)),
            Text(shown(r.team, 20)),
            str(r.calls),
            when(r.last_played),
            "-" if r.average_score is None else f"{r.average_score:.1f}",
            "-" if r.last_score is None else f"{r.last_score:.1f}",
            ", ".join(r.weakest),
        )
    return table


def print_call(detail: CallDetail, console: Console) -> None:
    """One call with every item's mark; an overridden mark shows the grader's and the ruling."""
    c = detail.call
    head = Text()
    head.append(f"Call {c.id}", style="bold")
    head.append(f"  {when(c.started_at)}  ")
    head.append(shown(c.trainee, 80))
    if c.team:
        head.append(f" ({shown(c.team, 40)})")
    console.print(head)
    console.print(
        Text(
            f"{shown(c.scenario or '(real call)', 80)}  policy {shown(c.policy, 60)}  "
            f"{OUTCOME_WORDS.get(c.outcome, c.outcome)}"
        )
    )
    console.print(Text("score ").append(score_text(c.score, c.passed, c.overrides > 0)))
    console.print(Text(f"transcript: {shown(c.transcript, 400)}"))
    order = {"fail": 0, "pass": 1, "na": 2}
    for item in sorted(detail.items, key=lambda i: (order.get(i.result, 3), i.item)):
        line = Text(f"  {item.result:<4} {item.item:<28} ", style=_style(item.result))
        line.append(shown(item.reason, 200), style="")
        console.print(line)
        if item.override:
            o = item.override
            console.print(
                Text(
                    f"       overridden: grader said {item.grader_result}, "
                    f"{shown(str(o['by']), 60)} ruled {o['result']}: "
                    f"{shown(str(o['reason']), 200)}",
                    style="yellow",
                )
            )
    if c.overrides:
        console.print(Text("* the score includes a trainer's override", style="dim"))


def _style(result: str) -> str:
    return {"fail": "red", "pass": "green"}.get(result, "dim")
