"""What the agent is likely to say next: a read-only hint for the speech recogniser.

The engine knows the moment of the call (nobody has spoken yet, the caller
just complained, the caller is on hold, the caller is saying goodbye) and so
what an agent usually says next (after a complaint an apology or a request
for the account; after a hold thanks for holding; in closing anything else
and goodbye). The listener biases the next turn's recognition toward those
acts without ruling anything out (simulator/listen/context.py). Pure: it
reads the engine's state and changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["MOMENTS", "ListenHint", "moment_for"]

#: each moment of a call -> the protocol acts an agent is likely to do next
MOMENTS: dict[str, frozenset[str]] = {
    "opening": frozenset({"thank_for_calling", "introduce_self", "ask_name"}),
    "problem": frozenset({"empathy", "commit_help", "ownership", "ask_account", "ask_name"}),
    "details": frozenset(
        {
            "commit_help",
            "ask_account",
            "ask_hold",
            "hold_reason",
            "check_history",
            "ask_email",
            "ask_callback_number",
        }
    ),  # fmt: skip
    "on_hold": frozenset(
        {"thank_for_holding", "offer_hold_alternative", "hold_reason", "empathy", "ask_hold"}
    ),
    "escalation": frozenset(
        {
            "empathy",
            "offer_supervisor",
            "refuse_supervisor",
            "notify_supervisor",
            "confirm_second_request",
            "check_history",
            "offer_transfer_or_message",
            "ownership",
        }
    ),  # fmt: skip
    "transfer": frozenset(
        {
            "offer_transfer_or_message",
            "announce_transfer",
            "say_unavailable",
            "offer_message",
            "offer_voicemail_choice",
            "ask_urgent",
            "ask_callback_number",
            "ask_callback_time",
        }
    ),  # fmt: skip
    "closing": frozenset(
        {
            "anything_else",
            "closing_thanks",
            "goodbye",
            "summarize",
            "give_reference",
            "promise_callback",
            "promise_email",
            "create_record",
        }
    ),  # fmt: skip
}
#: the caller's situations (what the engine had them say) that set a moment
_DETAILS = frozenset({"give_name", "give_id", "give_phone", "give_email"})
_CLOSING = frozenset(
    {"thanks", "nothing_else", "that_is_all", "goodbye", "accept_offer", "note_reference"}
)
_ESCALATION = frozenset({"escalate_expert", "escalate_supervisor", "fourth_level"})


@dataclass(frozen=True, slots=True)
class ListenHint:
    """The moment of the call and the acts it makes likely; ``moment`` "" when none stands out.

    (The scenario's names, numbers and directory are in every turn's model already:
    simulator/listen/domain.py.)
    """

    moment: str = ""
    likely: frozenset[str] = frozenset()


def moment_for(
    *,
    agent_lines: int,
    on_hold: bool,
    just_resumed: bool,
    escalated: bool,
    goal_met: bool,
    caller_parts: Iterable[str],
    caller_acts: Iterable[str],
) -> str:
    """The moment before the agent's next line, from what the engine knows (never the line)."""
    parts, acts = set(caller_parts), set(caller_acts)
    if agent_lines == 0:
        return "opening"
    if on_hold or just_resumed:
        return "on_hold"
    if escalated or parts & _ESCALATION or acts & {"ask_supervisor", "threaten_escalation"}:
        return "escalation"
    if parts & _CLOSING or acts & {"thanks", "goodbye"}:
        return "closing"
    if acts & {"ask_transfer", "choose_message", "choose_voicemail"}:
        return "transfer"
    if "report_problem" in acts or "still_unhappy" in acts:
        return "problem"
    if parts & _DETAILS or "give_name" in acts:
        return "details"
    return "closing" if goal_met else ""


def hint(moment: str) -> ListenHint:
    return ListenHint(moment, MOMENTS.get(moment, frozenset()))
