"""How the caller answers the questions in an agent line.

Pure functions over the caller's state; the engine turns the chosen
situations into words. Questions are answered in a fixed order, so a line
that asks two things ("May I have your name and order number?") gets both
answers. Every agent act the recogniser knows is either answered here, moves
the caller's temper (`simulator.engine.mood`), is handled by the engine's
reactions, or is listed in `UNHEARD` as deliberately no reaction: a test
checks the four together cover every act, so a new act cannot be forgotten.
"""

from __future__ import annotations

from collections.abc import Callable

from simulator.engine.caller_state import CallerState, Rung
from simulator.scenario.model import Beat, Scenario

#: kept for modules that name the caller's memory by its old name
Memory = CallerState

Chooser = Callable[[Scenario, CallerState], str | None]


def _hold(s: Scenario, m: CallerState) -> str:
    """Hold permission: the trait, a caller at the end of their patience, or yes."""
    checkin = m.just_resumed
    tired = m.temper.patience < 25 or (checkin and m.long_hold)
    if "refuses_hold" in s.caller.traits or (checkin and tired):
        m.heard_hold_question(agreed=False)
        return "checkin_refuse" if checkin else "refuse_hold"
    m.heard_hold_question(agreed=True)
    return "checkin_agree" if checkin else "agree_hold"


def _if(situation: str, attr: str) -> Chooser:
    """Answer with `situation` only when the caller has the datum (`attr` on Caller, or a
    line of the scenario's that gives it)."""
    return lambda s, m: situation if getattr(s.caller, attr) or s.line(situation) else "no_data"


def _supervisor(s: Scenario, m: CallerState) -> str:
    m.supervisor_handled = True
    return "accept_supervisor"


def transfer_answer(s: Scenario, m: CallerState) -> str:
    """A transfer announced or offered: a caller who must not be passed around again objects now."""
    again = s.caller.expects.no_transfer or "already_transferred" in s.context
    m.transfer_heard(objected=again)
    return "object_transfer" if again else "agree_transfer"


def _transfer_or_message(s: Scenario, m: CallerState) -> str:
    m.told.message_offered = True
    if s.caller.expects.no_transfer or "already_transferred" in s.context:
        return "choose_message"
    return f"choose_{s.caller.wants}"


def _message(s: Scenario, m: CallerState) -> str:
    m.told.message_offered = True
    if "spam" in s.context:
        return ""  # a sales caller's answer is his next tactic (`_spam`), not a second ask
    if "choose_message" in m.said:
        return ""  # "what would you like me to tell him?" once the message is chosen
    return "choose_message" if s.caller.wants == "message" else "ask_transfer"


#: agent question act -> how the caller picks its answer. Order is answer order.
ANSWERS: dict[str, Chooser] = {
    "ask_hold": _hold,
    "ask_name": lambda s, m: "give_name",
    "ask_account": _if("give_id", "id_number"),
    "ask_callback_number": _if("give_phone", "phone"),
    "ask_email": _if("give_email", "email"),
    "ask_callback_time": lambda s, m: "give_callback_time",
    # only a caller who has been in touch before confirms it ("still waiting" is no question)
    "confirm_second_request": lambda s, m: (
        "confirm_second" if {"second_request", "already_transferred"} & set(s.context) else ""
    ),
    "offer_transfer_or_message": _transfer_or_message,
    "offer_voicemail_choice": lambda s, m: f"choose_{s.caller.voicemail_choice}",
    "offer_message": _message,
    "ask_urgent": lambda s, m: "urgent",
    "offer_supervisor": _supervisor,
    "offer_hold_alternative": lambda s, m: "accept_alternative",
    "announce_transfer": transfer_answer,
    "give_number": lambda s, m: "thanks",
    "give_reference": lambda s, m: "note_reference",
    # "anything else?" before anything is done is answered with what they still need
    "anything_else": lambda s, m: (
        "nothing_else" if m.goal_met or {"spam", "wrong_number"} & s.context else "still_need"
    ),
}

#: at most one answer from each group: they are alternatives for the same decision.
_GROUPS = (
    {"offer_transfer_or_message", "offer_message", "offer_voicemail_choice", "announce_transfer"},
)

#: a more specific question makes the general one redundant: "what's the best number to
#: call you back on?" also reads as asking for verification details (`ask_account`).
_SUBSUMED = {"ask_account": ("ask_callback_number", "ask_email")}

#: agent acts the caller deliberately does not react to by themselves: they frame a line
#: (a greeting, a name, a reason given with a hold) or are reacted to through what they
#: carry (a time frame, a record created, notes).
UNHEARD: frozenset[str] = frozenset(
    {
        "thank_for_calling",
        "introduce_self",
        "hold_reason",
        "say_unavailable",
        "promise_callback",
        "promise_email",
        "handoff",
        "check_history",
        "closing_thanks",
        "goodbye",
        "create_record",
    }
)


def answers(acts: frozenset[str], scenario: Scenario, memory: CallerState) -> list[str]:
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
    return _one_way_to_wait(out, scenario, memory)


def _one_way_to_wait(out: list[str], scenario: Scenario, memory: CallerState) -> list[str]:
    """ "Keep holding, or shall I call you back?" is a choice: a caller takes one. The call
    back when they refuse holds or are angry by now, else they hold on."""
    holds = {"agree_hold", "refuse_hold", "checkin_agree", "checkin_refuse"}
    if "accept_alternative" not in out or not holds & set(out):
        return out
    wants_call_back = "refuses_hold" in scenario.caller.traits or memory.temper.mood >= 2
    if wants_call_back:
        memory.heard_hold_question(agreed=False)  # a hold now goes against their choice
    drop = holds if wants_call_back else {"accept_alternative"}
    return [a for a in out if a not in drop]


def fired_beats(acts: frozenset[str], beats: tuple[Beat, ...], memory: CallerState) -> list[str]:
    """Beats (besides `opening` ones) whose trigger happened in this agent turn."""
    if not memory.reason_given:
        return []
    out = []
    for beat in beats:
        if beat.id in memory.said or beat.after == "opening":
            continue
        trigger = beat.after
        if trigger == "thank_for_holding" and not memory.was_held:
            continue  # "thanks for your patience" with no hold is no return from one
        if (
            trigger in acts
            or trigger in memory.pending_events
            or (trigger.startswith("beat:") and trigger[5:] in memory.beat_just_said)
        ):
            out.append(beat.id)
    return out


def opening_beats(beats: tuple[Beat, ...], memory: CallerState) -> list[str]:
    return [b.id for b in beats if b.after == "opening" and b.id not in memory.said]


def is_farewell(acts: frozenset[str], memory: CallerState) -> bool:
    """The agent is saying goodbye (after the caller has said why they called)."""
    if not memory.reason_given or memory.agent_lines < 2:
        return False
    # "goodbye" alone also matches "I'll take care of it": not a farewell when it promises work
    return "closing_thanks" in acts or (
        "goodbye" in acts and not {"commit_help", "ownership", "handoff"} & acts
    )


def accepts_goodbye(memory: CallerState, scenario: Scenario) -> bool:
    """Whether the caller closes politely: only when what they called for was done."""
    if memory.goal_met or "spam" in scenario.context or "wrong_number" in scenario.context:
        return True
    return memory.rung == Rung.AGENT and memory.closing_refused > 0 and memory.temper.mood < 2
