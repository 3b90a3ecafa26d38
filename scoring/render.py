"""The scorecard for people: a QA monitoring form in the terminal.

Critical failures first, then each section with a mark per item; a failed
item shows the seed's rule in one sentence and the evidence lines with their
times, so a trainee sees what to say next time. Colour on a terminal, plain
text when piped (rich decides).

Everything that comes from a file (its path, the lines quoted as evidence,
reasons that quote them) is put in `Text` objects, never in markup strings,
and through `printable`: `x[/]y.txt` is a name, not markup, and an escape
sequence in a caller's line is shown as `\x1b`, not obeyed.
"""

from __future__ import annotations

import os

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from scoring.batch import GradeError
from scoring.grader import ItemResult, Scorecard
from scoring.literal import printable

MARKS = {"pass": ("✔", "green"), "fail": ("✘", "bold red"), "na": ("–", "dim")}


def _score_style(card: Scorecard) -> str:
    if card.failed_call:
        return "bold white on red"
    if card.score >= 90:
        return "bold green"
    if card.score >= 75:
        return "bold yellow"
    return "bold red"


def _headline(card: Scorecard) -> Text:
    counts = card.counts()
    text = Text()
    text.append(f" {card.score:.1f} / 100 ", style=_score_style(card))
    text.append("  ")
    text.append(f"✔ {counts['pass']} passed  ", style="green")
    text.append(f"✘ {counts['fail']} failed  ", style="red" if counts["fail"] else "dim")
    text.append(f"– {counts['na']} n/a", style="dim")
    if card.failed_call:
        text.append("\n CALL FAILED ", style="bold white on red")
        text.append(f" critical: {', '.join(card.critical_failures)}", style="bold red")
    return text


def _evidence(r: ItemResult, limit: int = 3) -> list[Text]:
    out = []
    for ev in r.evidence[:limit]:
        line = Text()
        line.append(f"[{ev.time}] ", style="cyan")
        text = printable(ev.text)
        quoted = text if len(text) <= 140 else text[:137] + "…"
        line.append(quoted, style="italic")
        line.append(f"  line {ev.line}", style="dim")
        out.append(line)
    return out


def _item_cell(r: ItemResult) -> Group:
    head = Text()
    head.append(r.title, style="bold" if r.result == "fail" else "")
    head.append(f"  {r.id}", style="dim")
    if r.critical:
        head.append("  CRITICAL", style="magenta")
    rows: list[RenderableType] = [head]
    rows.append(Text(printable(r.reason), style="red" if r.result == "fail" else "dim"))
    if r.result == "fail":
        rule = Text()
        rule.append("Rule: ", style="bold")
        rule.append(r.rule)
        rule.append(f"  ({r.source})", style="dim")
        rows.append(rule)
        rows.extend(_evidence(r))
    return Group(*rows)


def _items_grid(items: list[ItemResult]) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=2)
    grid.add_column(ratio=1)
    for r in items:
        mark, style = MARKS[r.result]
        grid.add_row(Text(mark, style=style), _item_cell(r))
    return grid


def scorecard_renderable(card: Scorecard, *, failed_only: bool = False) -> RenderableType:
    parts: list[RenderableType] = [_headline(card)]
    crit = [card.results[i] for i in card.critical_failures]
    if crit:
        parts.append(Text("\nCritical failures", style="bold red"))
        parts.append(_items_grid(crit))
    sections: dict[str, list[ItemResult]] = {}
    for r in card.results.values():
        sections.setdefault(r.section, []).append(r)
    for name, items in sections.items():
        applicable = [r for r in items if r.result != "na"]
        won = sum(1 for r in applicable if r.result == "pass")
        shown = [r for r in applicable if r.result == "fail" or not failed_only]
        title = Text(f"\n{name}", style="bold underline")
        if not applicable:
            if not failed_only:
                title.append(f"   n/a: {printable(items[0].reason)}", style="dim")
                parts.append(title)
            continue
        if not shown:
            continue
        title.append(
            f"   {won}/{len(applicable)}", style="green" if won == len(applicable) else "yellow"
        )
        parts.append(title)
        parts.append(_items_grid(shown))
        skipped = [r for r in items if r.result == "na"]
        if skipped and not failed_only:
            note = "; ".join(f"{r.title} ({printable(r.reason)})" for r in skipped)
            parts.append(Text(f"   n/a: {note}", style="dim"))
    return Panel(
        Group(*parts),
        title=Text(printable(card.file), style="bold"),
        subtitle=Text(f"policy: {printable(card.policy)}"),
        border_style="red" if card.failed_call else "blue",
        expand=True,
    )


def print_scorecard(
    card: Scorecard, console: Console | None = None, *, failed_only: bool = False
) -> None:
    (console or Console()).print(scorecard_renderable(card, failed_only=failed_only))


def short_names(files: list[str], width: int) -> list[str]:
    """File names for a narrow column, cut from the left so the parts that differ show.

    The folder they all share is dropped first; a name still wider than
    `width` keeps its end ("…/irate/lopez-0412.txt"). When cutting would make
    two names alike, they are left whole (the table folds them instead).
    """
    shown = [printable(f) for f in files]
    if len(shown) > 1:
        try:
            common = os.path.commonpath([os.path.dirname(f) or "." for f in shown])
        except ValueError:  # absolute and relative paths mixed
            common = ""
        if common and common != ".":
            shown = [os.path.relpath(f, common) if f.startswith(common) else f for f in shown]
    width = max(width, 8)
    cut = [f if len(f) <= width else "…" + f[-(width - 1) :] for f in shown]
    return cut if len(set(cut)) == len(set(shown)) else shown


def summary_table(outcomes: list[Scorecard | GradeError], width: int = 100) -> Table:
    """One row per call (a file that could not be graded too), for one call or a folder."""
    table = Table(title="Summary", show_lines=False)
    table.add_column("call", no_wrap=True)
    table.add_column("score", justify="right")
    table.add_column("failed items", justify="right")
    table.add_column("critical")
    names = short_names([o.file for o in outcomes], max(20, width - 45))
    for name, o in zip(names, outcomes, strict=True):
        if isinstance(o, GradeError):
            table.add_row(Text(name), Text("–", style="dim"), "–", Text("not graded", style="red"))
            continue
        table.add_row(
            Text(name),
            Text(f"{o.score:.1f}", style=_score_style(o)),
            str(o.counts()["fail"]),
            Text(", ".join(o.critical_failures) or "–"),
        )
    return table
