"""What a response card says: the move it makes, in words, and nothing more.

Choice mode offers the ideal response and plausible mistakes. A card must teach, not give
the answer away, so it never shows a scenario's `label` (for a mistake, labels such as
"(put the caller on hold without asking)" say what is wrong with it; they belong on the
scorecard and in a trainer's review) and never a raw `/command`. Every front-end words a
card through `card_text`, so the terminal and the window say the same thing, and the
number of the card makes exactly the move the card describes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from simulator.engine.moves import (
    Consult,
    Email,
    HangUp,
    Hold,
    Interrupt,
    Lookup,
    Move,
    Moves,
    Mute,
    Note,
    Notify,
    Resume,
    Say,
    Skip,
    Ticket,
    Transfer,
    Unmute,
    Wait,
)

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario

LOOKUPS = {
    "history": "Look up the caller's earlier contacts",
    "order": "Look up the order in the records",
    "account": "Look up the account in the records",
}
NOTIFY = {
    "supervisor": "your supervisor",
    "workleader": "your work leader",
    "manager": "the manager",
    "expert": "a product expert",
}
SIMPLE = {
    Hold: "Put the caller on hold",
    Resume: "Take the caller off hold",
    Mute: "Mute the line",
    Unmute: "Unmute the line",
    HangUp: "Hang up",
    Interrupt: "Cut in while the caller is talking",
    Skip: "Say nothing and carry on",
}


def _person(ext: str, directory: Iterable[object]) -> str:
    for c in directory:
        if str(getattr(c, "ext", "")) == ext:
            name, dept = getattr(c, "name", ""), getattr(c, "dept", "")
            return f"{name} ({dept}, ext. {ext})" if dept else f"{name} (ext. {ext})"
    return f"extension {ext}"


def _wait(seconds: int) -> str:
    if seconds < 90:
        return (
            f"Take {seconds} seconds (about a minute)"
            if seconds >= 45
            else (f"Take {seconds} seconds")
        )
    return f"Take {seconds} seconds (about {round(seconds / 60)} minutes)"


def _moves(move: Moves, directory: tuple[object, ...]) -> str:
    parts = [card_text(move.moves[0], directory)]
    for m in move.moves[1:]:
        text = card_text(m, directory)
        parts.append(f"say “{text}”" if isinstance(m, Say) else text[:1].lower() + text[1:])
    return ", then ".join(parts)


#: move type -> its wording (the directory names the person at an extension)
WORDING: dict[type, Callable[[Any, tuple[object, ...]], str]] = {
    Say: lambda m, d: m.text,
    Consult: lambda m, d: f"Call {_person(m.ext, d)} while the caller waits",
    Transfer: lambda m, d: f"Transfer the call to {_person(m.ext, d)}",
    Lookup: lambda m, d: LOOKUPS.get(m.what, f"Look up the {m.what}"),
    Note: lambda m, d: f"Log a call note: “{m.text}”",
    Ticket: lambda m, d: f"Create ticket {m.id}" if m.id else "Create a ticket for this call",
    Email: lambda m, d: f"Email the caller: {m.what}",
    Notify: lambda m, d: f"Notify {NOTIFY.get(m.who, m.who)}",
    Wait: lambda m, d: _wait(m.seconds),
    Moves: _moves,
}


def card_text(move: Move, directory: Iterable[object] = ()) -> str:
    """The card for `move`: what the agent says (quoted as it is) or does (in words)."""
    simple = SIMPLE.get(type(move))
    if simple is not None:
        return simple
    wording = WORDING.get(type(move))
    return wording(move, tuple(directory)) if wording else type(move).__name__


def mistake_note(scenario: Scenario, step: int, move: Move, agent: str) -> str | None:
    """For the scorecard: what is wrong with a mistake card the trainee picked (the
    scenario's label and `why`, and the items it fails); None for an ideal move."""
    from simulator.engine.script import build_options
    from simulator.scenario.lines import template_values

    if not 0 <= step < len(scenario.script):
        return None
    options = build_options(scenario, template_values(scenario, agent))[step]
    for j, option in enumerate(options[1:]):
        if option.move == move:
            m = scenario.script[step].mistakes[j]
            words = [m.label.strip("() ") if m.label else "", m.why]
            text = ". ".join(w.rstrip(".") for w in words if w) or "A mistake at this step"
            fails = ", ".join(sorted(m.fails))
            return f"{text}." + (f" Fails: {fails}." if fails else "")
    return None
