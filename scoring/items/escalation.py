"""Escalation (seed 004): expert hand-offs with a time, supervisors on request, no fourth level."""

from __future__ import annotations

import re

from scoring.call import Call, Turn
from scoring.extract import has_timeframe
from scoring.items.base import Check, Params, failed, first, item, na, passed, silent_na
from scoring.literals import gated

# The agent will come back with someone else's answer: "I'll check with our
# warehouse team and call you back", "I'll go over it with him and come back
# to you" (README-transfer.md: if the agent will come back with another team's
# answer, the item applies).
_RELAYS = re.compile(
    # gaps8 (issue 17): an answer that is someone else's, "I'll ask her myself and email you
    # her answer"; not "your checking" (the account) in "back to your checking in 3 days"
    r"\b(?:his|her|their) (?:answer|reply|response|decision|verdict|advice)\b|"
    # "I need to ask my colleague in the warehouse", "I'll ask the maker", "put it to the
    # head carpenter", "ask him" (the caller is "you"): someone else answers
    r"\b(?:ask|check with|speak to|talk to|put it to|run it by|run it past) (?:my|our|the|one of"
    r" (?:my|our|the)) (?!(?:question|system|computer|details|account|order|same)\b)\w+|"
    r"\b(?:ask|check with|speak to|talk to) (?:him|her|them)\b|"
    r"\b(?<!your )(?<!the )(?<!my )(?:check|checking|ask|asking|confirm|consult|speak|talk|"
    r"find out|hear back|go over it|"
    r"go over that|go over this|run it by|run this by|get (?:an? |the )?(?:answer|details|info\w*)"
    # gaps6: "check that with Gerry in the workshop", "speak to Mrs Dale", "have a word with him"
    r"|have a word|run it past)"
    # gaps7: "I'll get the answer off one of the team and email it to you"; gaps9: not
    # across a question word, "find out where your console is with the repair" (a thing)
    r"\b(?: (?!(?:where|what|why|how|whether|which)\b)\w+){0,5} (?:with|from|by|to|past|off) "
    r"(?!(?:you|your|yours|me|it|us|this|that)\b)[a-z]+\b"
    r"|\bchase (?:our|the|my) |\bpass (?:\w+ ){0,3}(?:over|on) to\b"
    # "I'll ring you before four once Gerry's given me a slot"
    r"|\b(?:once|when|after|as soon as) (?:\w+ ){1,3}(?:has|have|s) (?:given|told|confirmed|"
    r"checked|come back|got back|replied)\b"
    # gaps9 (issue 17): the outcome waits on someone else's hand, "The certificate has to be
    # signed by the club secretary", "it needs the manager's sign-off", "needs approving by"
    r"|\b(?:has|have|needs?|must|got) to be (?:\w+ )?(?:signed|approved|authori[sz]ed|checked|"
    r"confirmed|okayed|countersigned|agreed|assessed|inspected|priced|quoted|reviewed|stamped|"
    r"cleared|verified|looked at|seen) (?:off )?by (?!(?:you|me|us|the system)\b)\w+"
    r"|\bneeds? (?:\w+ ){0,3}(?:signature|approval|sign off|say so|go ahead|authori[sz]ation|"
    r"stamp)\b"
    # gaps12 (issue 17): the outcome waits on a colleague's say-so, "I need the transport
    # planner to confirm the driver", "we need the yard foreman to sign it off" (not "I need
    # the postcode to confirm the address": a person or a team, not a detail)
    r"|\b(?:i|we) (?:will )?(?:need|have to get|need to get) (?:the|our|my|a) (?:\w+ ){0,2}"
    r"(?:planner|planners|manager|supervisor|foreman|forewoman|team|department|engineer|technician|surveyor|"
    r"inspector|dispatcher|controller|office|workshop|depot|lab|specialist|expert|underwriter|"
    r"assessor|adjuster|accountant|solicitor|vet|doctor|nurse|pharmacist|boss|lead) to (?:confirm|"
    r"check|approve|sign|agree|allocate|assign|decide|look at|okay|authori[sz]e|arrange|book)\b"
    # gaps9: someone else sends the answer, "I'll get him to email you the quote"
    r"|\b(?:get|have|ask) (?!(?:you|me|us|it|this|that)\b)(?:\w+ ){1,3}to (?:email|e mail|send|"
    r"text|write to|post) you\b"
)
# Every match of _RELAYS / _TEAM_DECIDES holds one of these: a line with none is not
# searched (a search costs as much as the rest of the line's rule; gaps6 measured).
_RELAY_HINTS = (
    "check", "ask", "confirm", "consult", "speak", "talk", "find out", "hear back", "go over",
    "run it", "run this", "get ", "have a word", "chase", "pass ", "once", "when", "after",
    "as soon", "answer", "reply", "response", "decision", "verdict", "advice", "put it",
    "to be ", "need",
)  # fmt: skip
_TEAM_HINTS = (
    "team", "department", "workshop", "lab", "engineer", "technician", "specialist", "expert",
    "underwriter", "assessor",
)  # fmt: skip
#: the agent will come back to the caller: "... and ring you back before four"
_COMES_BACK = re.compile(
    r"\b(?:ring|call|email) you\b"
    # gaps8 (issue 17): "... and come back to you", "... and let you know"
    r"|\b(?:come|get) back to you\b|\blet you know\b"
    # gaps9 (issue 17): "I'll have it done and emailed to you", "it'll be with you by five"
    r"|\b(?:emailed|sent|posted|texted|forwarded) (?:over |across |out |on )?to you\b"
    r"|\bbe with you (?:by|before|in|within|tomorrow|today|this|on)\b"
)
_COMES_BACK_ACTS = frozenset(("ownership", "promise_callback", "promise_email"))
#: gaps6: another team does the work and the agent reports back: "Our Heathrow team checks
#: reports against everything handed in, and we'll email you within forty-eight hours"
_TEAM_DECIDES = re.compile(
    r"\b(?:our|the) (?:\w+ ){0,2}(?:team|department|workshop|lab|engineers?|technicians?|"
    r"specialists?|experts?|underwriters?|assessors?) (?:\w+ ){0,2}(?:checks?|reviews?|looks? at|"
    r"decides?|assess(?:es)?|will (?:check|review|look|decide|assess))\b"
)
_THIRD_PARTY_CALL = re.compile(r"^(?!(?:\w+ ){0,2}(?:i|we)\b)")
#: Someone else promised to call, anywhere in the line: "I'll put a note on the record for
#: Dr Novak, and she'll give you a call once she's had a look" (gaps4, issue 17).
_OTHER_WILL_CALL = re.compile(
    r"\b(?!(?:i|we|you|it|that|this|which|and|so|then|or|also|just)\b)[a-z]+ "
    r"(?:will|is going to|are going to|should|can|shall) (?:\w+ ){0,2}"
    r"(?:give you a (?:call|ring|bell|buzz)|call you|ring you|phone you|get back to you)\b"
    # gaps8 (issue 17): "I'll get Dave in the workshop to give you a ring"
    r"|\b(?:get|have|ask) (?!(?:you|me|us)\b)(?:\w+ ){1,4}to (?:give you a (?:call|ring|bell|buzz)|"
    r"call you|ring you|phone you|get back to you)\b"
)
#: The agent's own call back ("I'll look at the calendar and ring you back myself"): a
#: line that opens with something else is not a third party's promise then.
_OWN_CALL = re.compile(
    r"\bmyself\b|\b(?:i|we) (?:will|am going to|are going to|shall|can) (?:\w+ )?"
    r"(?:call|ring|phone|give you a (?:call|ring|bell|buzz)|get back to you)\b"
)


def _depends_on_others(call: Call) -> Turn | None:
    """The first line saying another team, expert or colleague will answer or call."""
    for turn in call.agent_turns:
        if _hands_off(call, turn) and not _answered_on_hold(call, turn):
            return turn  # not "I'd like to check with the nurse; can I put you on hold?" (gaps6)
    return None


def _hands_off(call: Call, turn: Turn) -> bool:
    acts = turn.acts
    if "handoff" in acts:
        return True
    normal = turn.normal
    # the agent comes back with the answer: an act, or "... and ring you back" (plain
    # substring tests first: this runs on every agent line, a search costs more)
    if not acts.isdisjoint(_COMES_BACK_ACTS) or (
        (
            "ring you" in normal
            or "call you" in normal
            or "email you" in normal
            or "back to you" in normal
            or "let you know" in normal
            or " to you" in normal
            or "be with you" in normal
        )
        and _COMES_BACK.search(normal)
    ):
        if (any(h in normal for h in _RELAY_HINTS) and _RELAYS.search(normal)) or (
            any(h in normal for h in _TEAM_HINTS) and _TEAM_DECIDES.search(normal)
        ):
            return True
    return turn.index in call.callback_indexes and _calls_back_for_others(normal)


def _answered_on_hold(call: Call, turn: Turn) -> bool:
    """The agent asks the expert while the caller holds: the answer comes in the call."""
    if not turn.has("hold_reason", "ask_hold"):
        return False
    after = call.agent_after(turn.index, 1)
    return bool(
        call.events_between("hold", turn.index, after[0].index if after else call.end_index)
    )


def _calls_back_for_others(normal: str) -> bool:
    """A promised call that someone else makes, not the agent."""
    if _OTHER_WILL_CALL.search(normal):
        return True
    return bool(_THIRD_PARTY_CALL.match(normal)) and not _OWN_CALL.search(normal)


@item(
    "esc.expert_eta",
    "Says when the expert will answer",
    "When an expert or another team must answer, tell the caller when to expect it.",
    "004",
)
def expert_eta(call: Call, p: Params) -> Check:
    handoff = _depends_on_others(call)
    if handoff is None or call.transfers:
        return na(
            "nothing handed to an expert or another team"
            if handoff is None
            else "a live transfer, not a hand-off for follow-up"
        )
    when = next(
        (t for t in call.agent_turns if t.index >= handoff.index and _answer_time(t.text)), None
    )
    if when:
        return passed("tells the caller when to expect the answer", handoff, when)
    return failed("hands off to another team without saying when to expect an answer", handoff)


#: gaps10 (issue 17): "today" that says when someone is away or thanks the caller is no time
#: for the answer: "He's out flying today, but I'll take care of it", "Thanks for your
#: patience today" (the answer came "once I hear back from him": no time given)
_TODAY_NOT_ETA = re.compile(
    r"\b(?:(?:out|off|away|on leave|on holiday|in court|not in|flying|off sick|on site|on the road)"
    r"(?: \w+){0,3}|(?:thanks|thank you|cheers)\b[^.!?]{0,40}?"
    # gaps11 (issue 17): where someone is ("She's in the fish house today and not taking
    # calls"), and a note of the call sent today while the answer comes "once I have it"
    r"|\b(?:she|he|they)(?:'s|’s| is| are) (?:in|at|on|with|busy|tied up)(?: [\w']+){0,4}?) today\b"
    r"|\b(?:email|send|text|write to) you today,? with (?:a |the )?(?:note|summary|recap|copy|"
    r"record|confirmation) of (?:what|our|the call)\b"
    # gaps12 (issue 17): the "today" of the offer of more help ("Is there anything else I
    # can help you with today?", "anything more I can do for you today")
    r"|\b(?:help|assist|do for)(?: you)?(?: with)?(?: anything)?(?: else)? today\b",
    re.IGNORECASE,
)


def _answer_time(text: str) -> bool:
    """Does the line give a time for the answer (not only an absence or thanks "today")?"""
    if not has_timeframe(text):
        return False
    return "today" not in text.lower() or has_timeframe(_TODAY_NOT_ETA.sub(" ", text))


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
    arranged = first(after, "offer_supervisor", "notify_supervisor") or _named_boss_offered(
        ask, after
    )
    events = [e for i, e in call.transfers + call.events("notify") if i > ask.index]
    if (arranged or events) and not (
        refusal and not events and (arranged is None or arranged.index < refusal.index)
    ):
        return passed("arranges for a supervisor", ask, arranged or events[0])
    return failed("the request for a supervisor is refused or ignored", ask, refusal)


#: gaps7 (issue 17): the manager the caller asks for by name ("Mum said to ask for the
#: manager, Sue"), as written: a capitalised name next to the title
_BOSS_NAMED = re.compile(
    r"\b(?:manager|supervisor|boss|team leader|team lead),? ([A-Z][a-z]+)\b"
    r"|\b([A-Z][a-z]+),? (?:the|your) (?:manager|supervisor|boss|team leader)\b"
)
_ROUTES = ("offer_transfer_or_message", "announce_transfer", "promise_callback", "offer_message")


def _named_boss_offered(ask: Turn, after: list[Turn]) -> Turn | None:
    """The agent's first line after the request that puts the caller through to, or has a
    call back from, the manager the caller named ("I can put you through to Sue now, or take
    a message and have her ring your mum")."""
    m = _BOSS_NAMED.search(ask.text)
    if m is None:
        return None
    name = m.group(1) or m.group(2)
    return next((t for t in after if t.has(*_ROUTES) and name in t.text), None)


@item(
    "esc.no_fourth_level",
    "Caller does not escalate to a fourth level",
    "Resolve the problem before the caller takes it above the service group (CEO, BBB, reviews).",
    "004",
)
def no_fourth_level(call: Call, p: Params) -> Check:
    threats = [t for t in call.caller_turns if t.has("threaten_escalation")]
    if not threats:
        return silent_na(call) or passed("no threat to take the complaint higher")
    last = threats[-1]
    calmed = [t for t in call.caller_turns if t.index > last.index and t.has("calmer")]
    if calmed:
        return passed("the caller threatened to escalate but was won back", last, calmed[0])
    return failed("the caller ends threatening to take the complaint above the service group", last)


# speedy4 (issue 17, speed): each expression behind the literals its matches need, worked
# out from the expression itself (scoring.literals.gated): the same answers, and a changed
# pattern brings its own pre-check.
(_RELAYS,) = map(gated, (_RELAYS,))
