"""What to practise next, from a scorecard's failed items.

Each family of protocol items maps to a short tip; the scenario named for it is one
whose script offers the same tempting mistake in the same kind of call (`drills`), so
the advice never sends a trainee to a call where what they did wrong is right.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from simulator.scenario.model import Scenario

#: item id prefix -> what to do (the scenarios to play come from `drills`)
TIPS: dict[str, str] = {
    "open.": ("Open with thanks, your name and the brand; ask the caller's name and use it."),
    "soft.empathy": ("Acknowledge the problem with an apology or empathy in your next line."),
    "soft.": ("Keep it professional: no jargon, say 'we' not 'they', never mute."),
    "xfer.screened": (
        "Screen before you transfer: sales and spam calls are never put through; "
        "point them to the published email address."
    ),
    "hold.": ("Holds: ask, wait for a yes, say why, check in within 2 minutes, thank on return."),
    "xfer.": (
        "Transfers: screen, offer transfer or message, consult first, announce name and "
        "extension; never transfer twice."
    ),
    "msg.": (
        "Messages and callbacks: collect name, ID, phone and inquiry; ask when to call; "
        "say when to expect it."
    ),
    "second.": (
        "Second requests: check history, confirm it is a follow-up, commit to 24 hours, "
        "notify the supervisor."
    ),
    "esc.": ("Escalation: arrange a supervisor when asked; give an ETA for expert answers."),
    "close.": (
        "Close: summarise, give reference numbers, offer more help, thank and brand, "
        "email a summary, log notes, let the caller hang up first."
    ),
}


#: contexts that only say what the call is about, not what kind of call it is
GENERIC_CONTEXT = frozenset({"order", "documentation"})
LEVELS = {"easy": 0, "medium": 1, "hard": 2}


def _tip_for(item: str) -> str | None:
    best = max((p for p in TIPS if item.startswith(p)), key=len, default=None)
    return TIPS[best] if best else None


def _kind(scenario: Scenario) -> frozenset[str]:
    return frozenset(scenario.context) - GENERIC_CONTEXT


def drills(item: str, scenario: Scenario, library: Sequence[Scenario]) -> list[str]:
    """Scenarios that practise `item` in the same kind of call as `scenario`.

    A scenario practises an item when one of its script's mistakes fails it (the trainee
    meets the tempting wrong move there). It must be the same kind of call (spam, wrong
    number, transfer allowed ...), because what is right depends on the kind: a spam caller
    wrongly transferred must not be sent to a call where transferring is the right move.
    Easiest first; the call itself last (retrying it is always a fair drill)."""
    kind = _kind(scenario)
    found = [
        s
        for s in library
        if s.id != scenario.id
        and _kind(s) == kind
        and any(item in m.fails for step in s.script for m in step.mistakes)
    ]
    found.sort(key=lambda s: (LEVELS.get(s.difficulty, 1), s.id))
    return [s.id for s in found] + [scenario.id]


def _order(card: Any, failed: list[str]) -> list[str]:
    """Critical failures first, then by weight (what costs most), then scorecard order."""
    critical = set(getattr(card, "critical_failures", ()) or ())
    place = {item: n for n, item in enumerate(card.results)}

    def key(item: str) -> tuple[bool, float, int]:
        weight = float(getattr(card.results[item], "weight", 1.0) or 0.0)
        return (item not in critical, -weight, place[item])

    return sorted(failed, key=key)


def practise_next(
    card: Any,
    scenario: Scenario,
    limit: int = 3,
    library: Sequence[Scenario] | None = None,
) -> list[str]:
    """Up to `limit` tips, most important first, each naming a scenario to play for it."""
    failed = [i for i, r in card.results.items() if getattr(r, "result", "") == "fail"]
    if not failed:
        return [f"No failed items. Try a harder scenario than '{scenario.id}'."]
    if library is None:
        from simulator.scenario.library import load_all

        library = load_all()[0]
    out: list[str] = []
    seen: set[str] = set()
    for item in _order(card, failed):
        tip = _tip_for(item)
        if tip is None or tip in seen:
            continue
        seen.add(tip)
        out.append(f"{tip} Practise: callsim play {drills(item, scenario, library)[0]}")
        if len(out) >= limit:
            break
    return out
