"""Hold protocol (seeds 000, 002, 003): ask, wait for the answer, say why, check in, thank.

A hold segment runs from `hold` to the next `resume`, or to the end of the
call. Every item here is na when the call has no hold.
"""

from __future__ import annotations

import re

from scoring.call import Call, Turn
from scoring.items.base import Check, Params, failed, first, item, na, passed


def _no_hold(call: Call) -> Check | None:
    return None if call.holds else na("no hold in the call")


# gaps6 (issue 17): a hold asked as a choice ("I can ring you back instead, or would you
# like to hold?"), and a yes that says what the caller will do ("No, I'll hold" to "hold
# again, or shall I call you back?", "I'll hang on") or comes after a word of another
# language ("Claro, no problem", "Sige, okay").
_ASKS_TO_HOLD = re.compile(
    r"\b(?:would you (?:like|prefer|rather)|do you want|are you happy|would you be happy)"
    r"(?: \w+){0,2} (?:to )?(?:hold|hang on|wait on the line|stay on the line)\b[^.!?]*\?"
    # gaps10 (issue 17): the choice asked as a question, the hold in it: "I can call you back
    # once it's done, or you can hold on again for a couple of minutes, whichever's easier?"
    r"|\bor (?:you can|you could|i can keep you|we can keep you|shall i keep you) "
    r"(?:\w+ )?(?:hold|hang on|wait on the line|stay on the line|on hold|on the line)\b"
    # gaps12 (issue 17): or the choice stated, and asked in a sentence of its own ("... or you
    # can hang on another minute or two. Which would suit you?")
    r"(?:[^.!?]*\?|[^.!?]*[.!] (?:which|what|whichever)\b[^.!?]*\?)"
)
_WILL_HOLD = re.compile(
    r"\b(?:i will|i can|i shall|happy to|i do not mind (?:to )?) ?(?:hold|hang on|wait)\b"
    r"|^(?!(?:no|nah|nope|not|but)\b)\w+ (?:okay|ok|no problem|that is fine|sure|alright|"
    r"all right)\b|\bgo (?:on|ahead)(?: then)?$"  # "Oh for... go on then."
)


#: gaps6: the reason joined to the hold with "and": "I'll pop you on hold and check Dai's
#: diary", "pop you on hold and see if Rachel's at her desk" (not "... and be right back")
_HOLD_AND_DO = re.compile(
    r"\bhold (?:\w+ ){0,2}and (?:i will |i ll |just )?(?:check|see if|see whether|ask|look|"
    r"find out|have a word|speak|talk|pull up|get|try)\b"
)
#: gaps6: thanks for holding in other words: "Appreciate you waiting", "Thanks for
#: hangin' in there" (the g dropped as spoken), not "I appreciate you calling"
_THANKS_FOR_WAITING = re.compile(
    r"\b(?:thanks|thank you|appreciate|cheers)(?: \w+){0,2} (?:waiting|holding|hanging|hangin|"
    r"bearing with|your patience|being patient|sticking with)\b"
)


def _asks_hold(turn: Turn) -> bool:
    return turn.has("ask_hold") or (
        turn.has("offer_hold_alternative") and bool(_ASKS_TO_HOLD.search(turn.text.lower()))
    )


def _ask_before(call: Call, k: int) -> Turn | None:
    return next(
        (t for t in reversed(call.agent_between(*call.hold_window(k))) if _asks_hold(t)), None
    )


@item(
    "hold.ask_permission",
    "Asks permission to hold",
    "Always ask whether you may place the caller on a brief hold.",
    "002, 003",
)
def ask_permission(call: Call, p: Params) -> Check:
    if skip := _no_hold(call):
        return skip
    asks = []
    for k, seg in enumerate(call.holds):
        ask = _ask_before(call, k)
        if ask is None:
            return failed(f"hold {k + 1} of {len(call.holds)} without asking permission", seg.hold)
        asks.append(ask)
    return passed(f"asked before each of {len(call.holds)} hold(s)", *asks[:3])


@item(
    "hold.wait_for_answer",
    "Waits for the caller's answer",
    "Ask and wait for the caller's answer before pressing hold.",
    "003",
)
def wait_for_answer(call: Call, p: Params) -> Check:
    if skip := _no_hold(call):
        return skip
    answers = []
    for k, seg in enumerate(call.holds):
        start, end = call.hold_window(k)
        ask = _ask_before(call, k)
        if ask is None:
            return failed(f"hold {k + 1}: no permission question to answer", seg.hold)
        replies = call.caller_between(ask.index + 1, end)
        if not replies:
            return failed(f"hold {k + 1}: put on hold without waiting for an answer", ask, seg.hold)
        verdict = None
        for reply in replies:
            if reply.has("agree") or _WILL_HOLD.search(reply.normal):
                verdict = ("agree", reply)
            elif reply.has("refuse"):
                verdict = ("refuse", reply)
        if verdict is None:
            return failed(f"hold {k + 1}: the caller did not agree to hold", replies[-1], seg.hold)
        if verdict[0] == "refuse":
            return failed(f"hold {k + 1}: held after the caller refused", verdict[1], seg.hold)
        answers.append(verdict[1])
    return passed("the caller agreed before each hold", *answers[:3])


@item(
    "hold.give_reason",
    "Says why the caller will hold",
    "Say what you will do during the hold (check, look up, verify ...).",
    "002",
)
def give_reason(call: Call, p: Params) -> Check:
    if skip := _no_hold(call):
        return skip
    reasons = []
    for k, seg in enumerate(call.holds):
        turns = call.agent_between(*call.hold_window(k))
        hit = next(
            (
                t
                for t in reversed(turns[-_REASON_LINES:])
                if t.has("hold_reason") or _HOLD_AND_DO.search(t.normal)
            ),
            None,
        )
        if hit is None:
            return failed(f"hold {k + 1}: no reason given for the hold", *(turns[-1:]), seg.hold)
        reasons.append(hit)
    return passed("says what it will do during each hold", *reasons[:3])


#: gaps12 (issue 17): the hold's reason is said with the hold, in the agent's last lines before
#: it, not in the reply to the caller's reason many lines earlier ("I can get your eight
#: hundred booked in for late June" ... three lines on ... "Can I pop you on hold a sec?")
_REASON_LINES = 2


@item(
    "hold.max_segment",
    "Checks in within the hold limit",
    "Never leave a caller on hold longer than the check-in limit (2 minutes).",
    "003",
)
def max_segment(call: Call, p: Params) -> Check:
    if skip := _no_hold(call):
        return skip
    limit = int(p["hold_checkin_s"])
    longest = max(call.holds, key=lambda s: s.seconds)
    if longest.seconds > limit:
        return failed(
            f"hold segment {longest.seconds} s (limit {limit} s)", longest.hold, longest.resume
        )
    return passed(
        f"longest hold segment {longest.seconds} s (limit {limit} s)", longest.hold, longest.resume
    )


@item(
    "hold.thank_on_return",
    "Thanks the caller for holding",
    "Always thank the caller for holding when you return.",
    "002, 003",
)
def thank_on_return(call: Call, p: Params) -> Check:
    if skip := _no_hold(call):
        return skip
    judged = []
    for seg in call.holds:
        if seg.resume_index is None:
            continue
        back = call.agent_after(seg.resume_index, 1)
        if not back:
            continue
        if not (back[0].has("thank_for_holding") or _THANKS_FOR_WAITING.search(back[0].normal)):
            return failed(
                "first line after the hold does not thank the caller for holding", back[0]
            )
        judged.append(back[0])
    if not judged:
        return na("the agent never came back on the line after a hold")
    return passed(f"thanks the caller after each of {len(judged)} return(s)", *judged[:3])


@item(
    "hold.callback_number",
    "Asks for a callback number before holding",
    "Before a hold, ask for the best number to call back on if the call drops.",
    "003",
)
def callback_number(call: Call, p: Params) -> Check:
    if skip := _no_hold(call):
        return skip
    first_hold = call.holds[0].hold_index
    ask = first(call.agent_between(0, first_hold), "ask_callback_number")
    if ask:
        return passed("asks for a callback number before the first hold", ask)
    given = call.phone_given_at
    if given is not None and given < first_hold:
        return passed("the caller had already given a phone number", call.lines[given])
    return failed("no callback number asked before the hold, and none given", call.holds[0].hold)


@item(
    "hold.offer_alternative",
    "Offers an alternative to more holding",
    "When checking in on a long hold, offer an alternative (a call back, an email).",
    "000, 003",
)
def offer_alternative(call: Call, p: Params) -> Check:
    if len(call.holds) < 2:
        return na("fewer than two holds")
    offers = []
    for k in range(1, len(call.holds)):
        turns = call.agent_between(*call.hold_window(k))
        hit = first(turns, "offer_hold_alternative")
        if hit is None:
            return failed(
                f"no alternative offered before hold {k + 1}", *turns[-1:], call.holds[k].hold
            )
        offers.append(hit)
    return passed("offers a call back or email at each check-in", *offers[:3])
