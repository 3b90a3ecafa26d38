"""How the caller answers an agent line: from its act labels and what the caller remembers.

Pure functions over a small `Memory`; the engine turns the chosen situations
into words. Questions are answered in a fixed order, so a line that asks two
things ("May I have your name and order number?") gets both answers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from simulator.scenario.model import Beat, Scenario


@dataclass
class Memory:
    """What the caller knows about the call so far."""

    agent_lines: int = 0
    reason_given: bool = False
    said: set[str] = field(default_factory=set)  # situations and beat ids said
    pending_events: set[str] = field(default_factory=set)  # events since the last agent line
    beat_just_said: set[str] = field(default_factory=set)
    hold_ok: bool = False  # the caller agreed to a hold since the last hold/resume
    complaint_at: int | None = None  # agent line count when the caller first reported a problem
    empathy_shown: bool = False
    supervisor_requested: bool = False
    supervisor_handled: bool = False
    supervisor_repeats: int = 0
    just_resumed: bool = False
    long_hold: bool = False
    transfers: int = 0


Chooser = Callable[[Scenario, Memory], str | None]


def _hold(s: Scenario, m: Memory) -> str:
    if "refuses_hold" in s.caller.traits:
        m.hold_ok = False
        return "refuse_hold"
    m.hold_ok = True
    return "agree_hold"


def _if(situation: str, attr: str) -> Chooser:
    """Answer with `situation` only when the caller has the datum (`attr` on Caller)."""
    return lambda s, m: situation if getattr(s.caller, attr) else "no_data"


def _supervisor(s: Scenario, m: Memory) -> str:
    m.supervisor_handled = True
    return "accept_supervisor"


#: agent question act -> how the caller picks its answer. Order is answer order.
ANSWERS: dict[str, Chooser] = {
    "ask_hold": _hold,
    "ask_name": lambda s, m: "give_name",
    "ask_account": _if("give_id", "id_number"),
    "ask_callback_number": _if("give_phone", "phone"),
    "ask_email": _if("give_email", "email"),
    "ask_callback_time": lambda s, m: "give_callback_time",
    "confirm_second_request": lambda s, m: "confirm_second",
    "offer_transfer_or_message": lambda s, m: f"choose_{s.caller.wants}",
    "offer_voicemail_choice": lambda s, m: f"choose_{s.caller.voicemail_choice}",
    "offer_message": lambda s, m: (
        "choose_message" if s.caller.wants == "message" else "ask_transfer"
    ),
    "ask_urgent": lambda s, m: "urgent",
    "offer_supervisor": _supervisor,
    "offer_hold_alternative": lambda s, m: "accept_alternative",
    "announce_transfer": lambda s, m: "agree_transfer",
    "give_number": lambda s, m: "thanks",
    "give_reference": lambda s, m: "note_reference",
    "anything_else": lambda s, m: "nothing_else",
}

#: at most one answer from each group: they are alternatives for the same decision.
_GROUPS = (
    {"offer_transfer_or_message", "offer_message", "offer_voicemail_choice", "announce_transfer"},
)


#: a more specific question makes the general one redundant: "what's the best number to
#: call you back on?" also reads as asking for verification details (`ask_account`).
_SUBSUMED = {"ask_account": ("ask_callback_number", "ask_email")}


def answers(acts: frozenset[str], scenario: Scenario, memory: Memory) -> list[str]:
    out: list[str] = []
    taken: set[int] = set()
    for act, choose in ANSWERS.items():
        if act not in acts or any(a in acts for a in _SUBSUMED.get(act, ())):
            continue
        group = next((i for i, g in enumerate(_GROUPS) if act in g), None)
        if group is not None:
            if group in taken:
                continue
            taken.add(group)
        situation = choose(scenario, memory)
        if situation and situation not in out:
            out.append(situation)
    return out


def fired_beats(acts: frozenset[str], beats: tuple[Beat, ...], memory: Memory) -> list[str]:
    """Beats (besides `opening` ones) whose trigger happened in this agent turn."""
    if not memory.reason_given:
        return []
    out = []
    for beat in beats:
        if beat.id in memory.said or beat.after == "opening":
            continue
        trigger = beat.after
        if (
            trigger in acts
            or trigger in memory.pending_events
            or (trigger.startswith("beat:") and trigger[5:] in memory.beat_just_said)
        ):
            out.append(beat.id)
    return out


def opening_beats(beats: tuple[Beat, ...], memory: Memory) -> list[str]:
    return [b.id for b in beats if b.after == "opening" and b.id not in memory.said]


def is_closing(acts: frozenset[str], memory: Memory, answered: list[str]) -> bool:
    """The agent is saying goodbye: the caller answers in kind and hangs up first."""
    if not memory.reason_given:
        return False
    # "goodbye" alone also matches "I'll take care of it": not a farewell when it promises work
    farewell = "closing_thanks" in acts or (
        "goodbye" in acts and not {"commit_help", "ownership", "handoff"} & acts
    )
    if not farewell:
        return False
    if memory.agent_lines < 2:
        return False
    return not [a for a in answered if a != "thanks"]
