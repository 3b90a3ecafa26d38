"""What to practise next, from a scorecard's failed items.

Each family of protocol items maps to a short tip and to the shipped
scenarios that drill it, so the advice names a next call to play.
"""

from __future__ import annotations

from typing import Any

from simulator.scenario.model import Scenario

#: item id prefix -> (tip, scenario ids that practise it)
TIPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "open.": (
        "Open with thanks, your name and the brand; ask the caller's name and use it.",
        ("wrong-size-planter", "wrong-item-exchange"),
    ),
    "soft.empathy": (
        "Acknowledge the problem with an apology or empathy in your next line.",
        ("irate-double-charge", "furious-late-delivery"),
    ),
    "soft.": (
        "Keep it professional: no jargon, say 'we' not 'they', never mute.",
        ("irate-double-charge",),
    ),
    "hold.": (
        "Holds: ask, wait for a yes, say why, check in within 2 minutes, thank on return.",
        ("wrong-size-planter", "refuses-hold"),
    ),
    "xfer.": (
        "Transfers: screen, offer transfer or message, consult first, announce name and "
        "extension; never transfer twice.",
        ("spam-listing-verification", "family-emergency-transfer", "already-transferred"),
    ),
    "msg.": (
        "Messages and callbacks: collect name, ID, phone and inquiry; ask when to call; "
        "say when to expect it.",
        ("person-unavailable", "already-transferred"),
    ),
    "second.": (
        "Second requests: check history, confirm it is a follow-up, commit to 24 hours, "
        "notify the supervisor.",
        ("irate-double-charge",),
    ),
    "esc.": (
        "Escalation: arrange a supervisor when asked; give an ETA for expert answers.",
        ("demands-supervisor", "product-question-boots"),
    ),
    "close.": (
        "Close: summarise, give reference numbers, offer more help, thank and brand, "
        "email a summary, log notes, let the caller hang up first.",
        ("wrong-size-planter",),
    ),
}


def _tip_for(item: str) -> tuple[str, tuple[str, ...]] | None:
    best = max((p for p in TIPS if item.startswith(p)), key=len, default=None)
    return TIPS[best] if best else None


def practise_next(card: Any, scenario: Scenario, limit: int = 3) -> list[str]:
    failed = [i for i, r in card.results.items() if getattr(r, "result", "") == "fail"]
    if not failed:
        return [f"No failed items. Try a harder scenario than '{scenario.id}'."]
    out: list[str] = []
    seen: set[str] = set()
    # critical failures first, then in scorecard order (opening, soft skills, hold ...)
    for item in sorted(failed, key=lambda i: i not in card.critical_failures):
        tip = _tip_for(item)
        if tip is None or tip[0] in seen:
            continue
        seen.add(tip[0])
        drills = [s for s in tip[1] if s != scenario.id] or list(tip[1])
        out.append(f"{tip[0]} Practise: callsim play {drills[0]}")
        if len(out) >= limit:
            break
    return out
