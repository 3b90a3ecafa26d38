"""Second requests (seeds 001, 004): history, confirm, 24 hours, supervisor."""

from __future__ import annotations

import re

from scoring.call import Call
from scoring.extract import timeframe_hours
from scoring.items.base import Check, Params, failed, first, item, na, passed


def _not_second(call: Call) -> Check | None:
    return None if "second_request" in call.context else na("not a second request")


@item(
    "second.check_history",
    "Checks the earlier contacts",
    "Check INFO entries for an earlier call about the same problem.",
    "001",
)
def check_history(call: Call, p: Params) -> Check:
    if skip := _not_second(call):
        return skip
    looked = [e for _, e in call.events("lookup") if e.get("what") == "history"]
    said = first(call.agent_turns, "check_history")
    if looked or said:
        return passed("searched the earlier contacts", *looked[:1], said)
    return failed("no history lookup and no reference to the earlier call's record")


@item(
    "second.confirm",
    "Confirms it is a second request",
    "Verify with the caller that this is a follow-up on an unresolved request.",
    "001",
)
def confirm(call: Call, p: Params) -> Check:
    if skip := _not_second(call):
        return skip
    hit = first(call.agent_turns, "confirm_second_request")
    if hit:
        return passed("verifies this is a follow-up on the earlier request", hit)
    return failed("never verifies that this is a follow-up on an earlier request")


_COMMIT = re.compile(
    r"\b(?:will|should|going to|expect|by|within|promise|guarantee|make sure)\b"
    r"|\b(?:scheduled|rescheduled|booked|arranged|set) (?:\w+ ){0,3}for\b"
)
# A fix reported as done on the call: resolving it now is within 24 hours
# (tests/scoring/calls/README-transfer.md, second.resolve_24h).
_DONE_NOW = re.compile(
    r"\b(?:i|we) (?:have |had )?(?:just |now |already |also |gone ahead and )*(?:corrected|"
    r"credited|refunded|fixed|reversed|re sent|resent|reset|resolved|reissued|cancelled|canceled|"
    r"waived|unlocked|reactivated|restored|removed|reinstated|released|sorted)\b"
    # issue 17: "I've applied the credit now", "I've updated the address now, effective
    # immediately"; a record of the call ("updated the notes") or an application
    # ("applied for") is no fix
    r"|\b(?:i|we) (?:have |had )?(?:just |now |already |also |gone ahead and )*(?:applied|"
    r"updated|changed|paid|approved|"
    # gaps11 (issue 17): "I've switched it on now, and I'm emailing you a digital card"
    r"switched|turned|activated|enabled|unblocked|reconnected|renewed|replaced|processed|"
    r"issued|topped up|put (?:it|that|this|them) through)\b(?! (?:for|to)\b)"
    r"(?! (?:the |your |our )?(?:case |call )?"
    r"(?:notes?|tickets?|case|file|records?|logs?|history|team|department)\b)"
    # (gaps10: a spelled-out word runs long, "I've changed the spelling to M A R G A R E T now")
    r"(?: \w+){0,14} (?:now|today|effective immediately|straight away|right away)\b"
    r"|\b(?:it is|that is|all|everything is|that has been|it has been) (?:now |all )?"
    r"(?:done|sorted|fixed|resolved|taken care of)\b"
)


@item(
    "second.resolve_24h",
    "Commits to 24-hour resolution or status",
    "Resolve second requests within 24 hours, or call with the status.",
    "001",
)
def resolve_24h(call: Call, p: Params) -> Check:
    if skip := _not_second(call):
        return skip
    for turn in call.agent_turns:
        if not _COMMIT.search(turn.normal):
            continue  # the cheaper test first: most lines commit to nothing
        hours = timeframe_hours(turn.text)
        if hours is not None and hours <= 24:
            return passed(f"commits to a resolution or status call within {hours:g} h", turn)
    done = next((t for t in call.agent_turns if _DONE_NOW.search(t.normal)), None)
    if done:
        return passed("resolves the request on the call", done)
    return failed("no commitment to a resolution or status call within 24 hours")


@item(
    "second.notify_supervisor",
    "Notifies the supervisor",
    "Notify the workleader or supervisor of a second request.",
    "001",
)
def notify_supervisor(call: Call, p: Params) -> Check:
    if skip := _not_second(call):
        return skip
    ev = [
        e
        for _, e in call.events("notify")
        if e.get("who") in ("supervisor", "workleader", "manager")
    ]
    said = first(call.agent_turns, "notify_supervisor")
    if ev or said:
        return passed("the supervisor is notified", *ev[:1], said)
    return failed("no notify event and no mention of telling a supervisor")


@item(
    "second.offer_supervisor",
    "Offers a supervisor to an unhappy caller",
    "If the caller is still unhappy, have a supervisor or manager speak with them.",
    "001, 004",
)
def offer_supervisor(call: Call, p: Params) -> Check:
    if skip := _not_second(call):
        return skip
    unhappy = first(call.caller_turns, "still_unhappy")
    if unhappy is None:
        return na("the caller does not say they are still unhappy")
    offer = first(call.agent_between(unhappy.index, call.end_index), "offer_supervisor")
    if offer:
        return passed("offers a supervisor after the caller says they are unhappy", unhappy, offer)
    return failed("the caller is still unhappy; no supervisor or manager offered", unhappy)
