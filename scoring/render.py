"""The scorecard for people: a QA monitoring form in the terminal.

Critical failures first, then each section with a mark per item; a failed
item shows the seed's rule in one sentence and the evidence lines with their
times, so a trainee sees what to say next time. Colour on a terminal, plain
text when piped (rich decides).
"""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from scoring.grader import ItemResult, Scorecard

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
        quoted = ev.text if len(ev.text) <= 140 else ev.text[:137] + "…"
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
    rows.append(Text(r.reason, style="red" if r.result == "fail" else "dim"))
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
                title.append(f"   n/a: {items[0].reason}", style="dim")
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
            note = "; ".join(f"{r.title} ({r.reason})" for r in skipped)
            parts.append(Text(f"   n/a: {note}", style="dim"))
    return Panel(
        Group(*parts),
        title=f"[bold]{card.file}[/]",
        subtitle=f"policy: {card.policy}",
        border_style="red" if card.failed_call else "blue",
        expand=True,
    )


def print_scorecard(
    card: Scorecard, console: Console | None = None, *, failed_only: bool = False
) -> None:
    (console or Console()).print(scorecard_renderable(card, failed_only=failed_only))


def summary_table(cards: list[Scorecard]) -> Table:
    """One row per graded call, for a folder of many calls."""
    table = Table(title="Summary", show_lines=False)
    table.add_column("call")
    table.add_column("score", justify="right")
    table.add_column("failed items", justify="right")
    table.add_column("critical")
    for c in cards:
        style = _score_style(c)
        table.add_row(
            c.file,
            Text(f"{c.score:.1f}", style=style),
            str(c.counts()["fail"]),
            ", ".join(c.critical_failures) or "–",
        )
    return table
