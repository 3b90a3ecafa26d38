"""Escalation (seed 004): expert hand-offs with a time, supervisors on request, no fourth level."""

from __future__ import annotations

from scoring.call import Call
from scoring.extract import has_timeframe
from scoring.items.base import Check, Params, failed, first, item, na, passed


@item(
    "esc.expert_eta",
    "Says when the expert will answer",
    "When an expert or another team must answer, tell the caller when to expect it.",
    "004",
)
def expert_eta(call: Call, p: Params) -> Check:
    handoff = first(call.agent_turns, "handoff")
    if handoff is None or call.transfers:
        return na(
            "nothing handed to an expert or another team"
            if handoff is None
            else "a live transfer, not a hand-off for follow-up"
        )
    when = next(
        (t for t in call.agent_turns if t.index >= handoff.index and has_timeframe(t.text)), None
    )
    if when:
        return passed("tells the caller when to expect the answer", handoff, when)
    return failed("hands off to another team without saying when to expect an answer", handoff)


@item(
    "esc.supervisor_on_request",
    "Arranges a supervisor when asked",
    "When the caller asks for a supervisor or manager, arrange it.",
    "004",
)
def supervisor_on_request(call: Call, p: Params) -> Check:
    ask = first(call.caller_turns, "ask_supervisor")
    if ask is None:
        return na("no supervisor requested")
    after = call.agent_between(ask.index, call.end_index)
    refusal = first(after, "refuse_supervisor")
    arranged = first(after, "offer_supervisor", "notify_supervisor")
    events = [e for i, e in call.transfers + call.events("notify") if i > ask.index]
    if (arranged or events) and not (
        refusal and not events and (arranged is None or arranged.index < refusal.index)
    ):
        return passed("arranges for a supervisor", ask, arranged or events[0])
    return failed("the request for a supervisor is refused or ignored", ask, refusal)


@item(
    "esc.no_fourth_level",
    "Caller does not escalate to a fourth level",
    "Resolve the problem before the caller takes it above the service group (CEO, BBB, reviews).",
    "004",
)
def no_fourth_level(call: Call, p: Params) -> Check:
    threats = [t for t in call.caller_turns if t.has("threaten_escalation")]
    if not threats:
        return passed("no threat to take the complaint higher")
    last = threats[-1]
    calmed = [t for t in call.caller_turns if t.index > last.index and t.has("calmer")]
    if calmed:
        return passed("the caller threatened to escalate but was won back", last, calmed[0])
    return failed("the caller ends threatening to take the complaint above the service group", last)
