"""Messages and callbacks (seeds 000, 001, 003).

A message is taken when the caller accepts the agent's offer to take one, or
asks to leave one; a callback is promised when the agent says someone will
call the caller back. An offer the caller declines is neither.
"""

from __future__ import annotations

import re

from scoring.call import Call, Turn
from scoring.extract import emails, is_role_mailbox, mentions_clock_time, timeframe_hours
from scoring.items.base import Check, Params, failed, first, item, na, passed
from scoring.normalise import normalise


@item(
    "msg.collect_details",
    "Collects the message details",
    "Take the caller's name, identification number, phone number and inquiry.",
    "001, 003",
)
def collect_details(call: Call, p: Params) -> Check:
    if call.message_taken_at is None and not call.callback_turns:
        return na("no message taken or callback promised")
    missing = [
        what
        for what, known in (
            ("name", call.name_known_at is not None),
            ("identification number", _id_known(call)),
            ("phone number", call.phone_given_at is not None),
            ("inquiry", call.reason_turn is not None),
        )
        if not known
    ]
    anchor = (
        call.callback_turns[0] if call.callback_turns else call.lines[call.message_taken_at or 0]
    )
    if missing:
        return failed(f"by the end, no {', '.join(missing)}", anchor)
    return passed("name, identification number, phone number and inquiry are known", anchor)


def _id_known(call: Call) -> bool:
    """The item asks that the details be *known*, not that the caller gave each one
    (unlike xfer.collect_info): an order number the agent reads from the lookup ("order
    D S, two zero six, eight one") or a quote reference made and read out counts
    (gaps11, issue 17; batch 10's adjudication)."""
    if call.id_given_at is not None:
        return True
    return any(
        (t.has("give_reference") and _DIGIT.search(t.normal) is not None)
        or _RECORD_READ.search(t.normal) is not None
        for t in call.agent_turns
    )


#: gaps11 probe: a record's number read from the screen, "That's account H S 4 4 0 1 9"
_RECORD_READ = re.compile(
    r"\b(?:account|order|job|booking|customer|member|membership|policy|case|quote|hire)"
    r"(?: here| there| up)?(?: number| no| reference| ref)?(?: is)? "
    r"(?:[a-z]{1,4} ?\d|(?:[a-z] ){1,4}"
    r"(?:\d|zero|oh|one|two|three|four|five|six|seven|eight|nine)\b)"
)


#: a number in the line: written, or three digit words running ("two zero six eight one")
_DIGIT = re.compile(
    r"\d|\b(?:(?:zero|oh|one|two|three|four|five|six|seven|eight|nine) ){2}"
    r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)\b"
)


@item(
    "msg.callback_time",
    "Asks when to call back",
    "Ask the caller when is most convenient for the return call.",
    "001",
)
def callback_time(call: Call, p: Params) -> Check:
    if not call.callback_turns:
        return na("no callback promised")
    ask = first(call.agent_turns, "ask_callback_time")
    if ask:
        return passed("asks when is most convenient for the call", ask)
    return failed("never asks when is most convenient for the call", call.callback_turns[0])


_DAY = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow)\b"
)
_PART = re.compile(r"\b(?:morning|afternoon|evening|tonight)s?\b")


def _other_time(chosen: str, said: str) -> bool:
    """Does the agent's line name a day or part of the day that the caller's choice rules out?"""
    a, b = normalise(chosen).replace("tonight", "today evening"), normalise(said)
    b = b.replace("tonight", "today evening")
    for rx in (_DAY, _PART):
        want = {m.rstrip("s") for m in rx.findall(a)}
        got = {m.rstrip("s") for m in rx.findall(b)}
        if want and got and not want & got:
            return True
    return False


#: when the message is passed on, not when the caller is called: "I'll forward this
#: message right away and he'll call you back" names no time for the call (issue 17)
_PASS_ON = re.compile(
    r"\b(?:forward|pass|send|relay|give|get|hand)(?: \w+){0,3} "
    r"(?:message|details|note|it|this|that)"
    r"(?: \w+){0,3} (?:right away|straight away|immediately|right now|now|at once)\b"
)


@item(
    "msg.expectation",
    "Says when to expect the call",
    "Tell the caller when to expect the return call (within 24 hours; within the hour if irate).",
    "001",
)
def expectation(call: Call, p: Params) -> Check:
    if not call.callback_turns:
        return na("no callback promised")
    irate = "irate" in call.context
    limit = float(p["irate_callback_hours"] if irate else p["callback_hours"])
    ask = first(call.agent_turns, "ask_callback_time")
    if ask:
        chose = [c for c in call.caller_turns if c.index > ask.index][:1]
        if chose and mentions_clock_time(chose[0].text):
            confirm = [
                t
                for t in call.agent_turns
                if t.index > chose[0].index
                and (mentions_clock_time(t.text) or t.has("promise_callback"))
            ][:1]
            # The agent's time must be the caller's: "Thursday morning" for a
            # caller who asked for "tomorrow after two" is another time.
            if confirm and not _other_time(chose[0].text, confirm[0].text):
                return passed("the call is set for the time the caller chose", chose[0], confirm[0])
    best: tuple[float, Turn] | None = None
    for turn in call.callback_turns:
        hours = _call_hours(turn)
        if hours is not None and (best is None or hours < best[0]):
            best = (hours, turn)
    if best is None:
        return failed("never says when to expect the call", call.callback_turns[0])
    hours, turn = best
    who = "irate caller" if irate else "caller"
    if hours <= limit:
        return passed(f"{who} told to expect the call within {hours:g} h (limit {limit:g} h)", turn)
    return failed(f"{who} told {hours:g} h, over the {limit:g} h limit", turn)


#: gaps12 (issue 17): a sentence that promises the call itself ("I'll make sure she calls
#: you within the hour"), not the visit or booking timed in the same line ("I've got you on
#: the tanker this afternoon, between two and four")
_CALL_SENTENCE = re.compile(
    r"\b(?:call|calls|calling|ring|rings|ringing|phone|phones|phoning|get back to|gets back to|"
    r"hear from|contact|contacts|buzz|bell|callback|call back)\b"
)
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?;])\s+")


def _call_hours(turn: Turn) -> float | None:
    """When the line says to expect the call, in hours: the time frame of its sentences
    that promise the call (the shortest, when several do), else the line's own."""
    whole = timeframe_hours(_PASS_ON.sub(" ", turn.normal))
    if whole is None or not _SENTENCE_SPLIT.search(turn.line.text):
        return whole  # no time at all, or one sentence: the line's own
    hours = [
        h
        for sentence in _SENTENCE_SPLIT.split(turn.line.text)
        if _CALL_SENTENCE.search(n := normalise(sentence))
        and (h := timeframe_hours(_PASS_ON.sub(" ", n))) is not None
    ]
    return min(hours) if hours else whole


@item(
    "msg.unavailable",
    "Handles an unavailable person",
    "Say the person is unavailable and ask whether it is urgent or offer to take a message.",
    "003",
)
def unavailable(call: Call, p: Params) -> Check:
    if "unavailable" not in call.context:
        return na("no unavailable context")
    said = first(call.agent_turns, "say_unavailable")
    if said is None:
        return failed("never says the person is unavailable")
    follow = first(
        call.agent_turns,
        "ask_urgent",
        "offer_message",
        "offer_transfer_or_message",
        "offer_voicemail_choice",
    )
    if follow is None:
        return failed(
            "says the person is unavailable but neither asks if urgent nor offers a message", said
        )
    return passed(
        "says the person is unavailable and asks if urgent or offers a message", said, follow
    )


@item(
    "msg.email_divert",
    "Arranges an email follow-up",
    "Divert it to email: ask for the caller's email address or give the shared one.",
    "000",
)
def email_divert(call: Call, p: Params) -> Check:
    if not {"documentation", "product_question"} & call.context:
        return na("no documentation or product_question context")
    ask = first(call.agent_turns, "ask_email")
    if ask:
        return passed("asks for the caller's email address", ask)
    caller_emails = {e for t in call.caller_turns for e in emails(t.text)}
    for turn in call.agent_turns:
        # The shared inbox counts; a colleague's own address is neither option
        # (README-transfer.md, msg.email_divert).
        given = [e for e in emails(turn.text) if e not in caller_emails and is_role_mailbox(e)]
        if given:
            return passed(f"gives the email address {given[0]}", turn)
    sent = call.events("email")
    if sent:
        return passed("an email follow-up is sent", sent[0][1])
    return failed("no email address asked for or given")
