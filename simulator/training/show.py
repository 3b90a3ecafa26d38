"""A plan in the terminal: the headline, the calls to play and why, and the item schedule.

Names and titles go into rich `Text` (never parsed as markup)."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from simulator.records.names import shown


def plan_text(plan: Any) -> Text:
    out = Text()
    out.append(f"Plan for {shown(plan.trainee, 80)}", style="bold")
    out.append(f"  ({plan.calls} graded calls, level {plan.level})\n")
    out.append(plan.headline + "\n\n", style="yellow" if plan.targets else "green")
    if plan.picks:
        out.append("Next calls:\n", style="bold")
    for n, pick in enumerate(plan.picks, 1):
        out.append(f"  {n}. {pick.scenario}", style="bold")
        out.append(f"  ({pick.difficulty}) {shown(pick.title, 60)}\n")
        out.append(f"     {pick.why}\n", style="dim")
    if plan.cards:
        out.append("\nItems, soonest review first:\n", style="bold")
    for c in plan.cards[:15]:
        style = "red" if c.last_result == "fail" else ""
        due = c.due.astimezone().strftime("%Y-%m-%d")
        out.append(f"  {c.item:<28} due {due}  {c.passes} passed, {c.fails} failed\n", style=style)
    if len(plan.cards) > 15:
        out.append(f"  ... {len(plan.cards) - 15} more (--json lists all)\n", style="dim")
    return out
