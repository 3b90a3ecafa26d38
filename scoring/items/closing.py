"""Closing the call (seeds 002, 003): summary, reference, more help, thanks, brand, notes."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import ahocorasick

from scoring.call import _GENERIC_BRAND_WORDS as GENERIC_BRAND_WORDS
from scoring.call import Call, Turn
from scoring.extract import compact, digit_runs, has_phone_shape
from scoring.items.base import Check, Params, failed, first, item, na, passed
from scoring.literals import gated
from scoring.normalise import normalise


def _routine(call: Call) -> Check | None:
    if {"spam", "wrong_number"} & call.context:
        return na("spam or wrong-number call")
    return None


def closing_turns(call: Call) -> list[Turn]:
    """The agent's closing: its last two lines, never its greeting."""
    return list(call.agent_turns[1:][-2:])


@item(
    "close.summarize",
    "Summarises the call",
    "Summarise what was done and the next steps before ending.",
    "002, 003",
)
def summarize(call: Call, p: Params) -> Check:
    if skip := _routine(call):
        return skip
    # A recap with no cue word counts only near the end: in mid-call, "so the router has
    # been reset and it should come back" reports a step, not the call (issue 17).
    closing = call.agent_turns[1:][-_RECAP_LINES:]
    late = closing[0].index if closing else 0
    hit = next(
        (
            t
            for t in call.agent_turns[1:]
            if t.has("summarize") and (t.index >= late or _RECAP_CUE.search(t.normal))
        ),
        None,
    )
    if hit:
        return passed("recaps what was done and the next steps", hit)
    done = next((t for t in closing[-3:] if _DONE.search(t.normal)), None)
    if done is not None:
        return passed("closes by saying what was done to what", done)
    # any closing statement of a thing done followed by what happens next, however it
    # opens ("That's the add-on cancelled; you won't be billed for it again", issue 17)
    recap = next((t for t in closing[-3:] if _states_done_then_next(t.text)), None)
    if recap is not None:
        return passed("closes with what was done and what happens next", recap)
    return failed("no summary of what was done and the next steps")


#: The agent's last lines in which a recap with no cue word ("So, the fee is removed and
#: ...") is the closing summary: the recap, the offer of more help, the thanks, a goodbye.
_RECAP_LINES = 4

#: The words that mark a line as a recap wherever it comes ("to recap", "just to confirm").
_RECAP_CUE = re.compile(
    r"\b(?:recap|summar\w*|sum (?:it |things |that |everything )?up|to confirm|just to (?:go|run)|"
    r"(?:go|run|going|running) (?:over|through) (?:what|everything|it all|where we)|here is where|"
    r"same page|next steps?|what happens (?:now|next)|here is what|all set|in summary|in short|"
    r"wrap (?:things |this |it )?up|so what (?:we|i) (?:have )?(?:done|did))\b"
)


#: A closing statement of what was done, naming the thing it was done to: "i have
#: ordered your replacement card", "eighty one dollars has been transferred from your
#: checking account ...", "your appointment has been scheduled for tuesday" (issue 17,
#: spoken calls). "I've resent it" (no object named) is not a summary.
_DONE_VERB = r"(?:ordered|sent|scheduled|booked|transferred|paid|mailed|placed|issued|set up)"
_DONE_THING = (
    r"(?:card|cards|checkbook|check book|checks|appointment|link|payment|transfer|dollars|"
    r"money|order|replacement|refund|booking|reservation)"
)
_DONE = re.compile(
    # "we will send your payment to fossil gas", "so that will be a hundred dollars from
    # your savings account into your checking account": what is being done, to what
    r"\b(?:i|we) will (?:send|transfer|pay|mail|order|move) (?:you |out )?(?:your|the|a|an) "
    r"(?:\w+ ){0,2}(?:payment|transfer|card|checkbook|check book|refund|money)\b"
    r"|\bso that (?:will be|is) (?:\w+ ){1,6}(?:dollars|pounds|euros) from your\b"
    rf"|\b(?:i have|i|we have|we) (?:just |now |already )?{_DONE_VERB} (?:you )?"
    rf"(?:a |an |the |your )(?:\w+ ){{0,3}}{_DONE_THING}\b"
    rf"|\b{_DONE_THING} (?:\w+ )?(?:has|have) (?:now |just )?been {_DONE_VERB}\b"
)


#: A closing line that says what was done and then what happens next (issue 17).
_DONE_WORD = (
    r"(?:cancelled|canceled|removed|waived|refunded|credited|reversed|booked|rebooked|"
    r"scheduled|rescheduled|ordered|sent|issued|placed|processed|updated|changed|moved|"
    r"extended|added|applied|fixed|repaired|replaced|reset|restored|reconnected|renewed|"
    r"confirmed|arranged|raised|logged|opened|submitted|resubmitted|approved|upgraded|"
    r"downgraded|paused|frozen|reinstated|activated|reactivated|unlocked|switched|swapped|"
    r"transferred|cleared|blocked|taken off|gone through|on (?:its|their) way|no more|"
    # gaps4: "the cheque's been stopped", "the driver's been told", "I've put the refund
    # through", "your appointment's now Wednesday", "you're now on the annual plan"
    r"stopped|told|informed|notified|flagged|amended|put (?:\w+ ){0,3}through|sorted|"
    r"rerouted|redirected|resent|reissued|"
    # gaps8: the hyphen of "re-routed" is a space in the normal form
    r"re (?:routed|directed|sent|issued|booked|scheduled|connected|activated|fitted|done)|"
    r"topped up|unblocked|activated|connected|installed|registered|enrolled|"
    r"(?:got you|you are|have you) (?:down|booked in|booked) for|"
    r"(?:is|are) now|now (?:runs|ends|covers|on|at|for|booked|set|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday))"
)
_NEXT_WORD = (
    r"(?:will|should|going to|can expect|expect|arrives?|ships?|"
    r"on (?:its|their) way|tomorrow|tonight|next (?:week|month|bill|statement|payment)|"
    r"within|monday|tuesday|wednesday|thursday|friday|saturday|sunday|from now on|"
    r"from next|starting|goes back|(?:in|within) (?:\w+ ){0,3}(?:days|weeks|hours)|"
    r"(?:one|two|three|four|five|six|seven|ten|\d+) (?:\w+ ){0,3}(?:days|weeks|hours)|"
    r"goes out|go out|comes out|next time|this (?:morning|afternoon|evening|week)|later today|"
    r"next (?:order|delivery|visit|appointment|shop|invoice|renewal)|from (?:tomorrow|next|now))"
)
_DONE_THEN_NEXT = re.compile(
    rf"\b{_DONE_WORD}\b.{{0,200}}?\b{_NEXT_WORD}\b"
    # "So you'll get the new card in five days, and the old one's already blocked"
    rf"|^(?:\w+ ){{0,2}}so\b.{{0,200}}?\b{_NEXT_WORD}\b.{{0,200}}?\b{_DONE_WORD}\b"
)


#: A closing statement opening "so" ("Right, so Dean's coming between one and three",
#: "So, four payments of eight-ten, the first one due January first"): the agent sums up
#: the call in its own words, and says what comes next, with no cue word (issue 17).
#: Not "so sorry", "so if anything changes", "so yeah", nor a question.
_SO_OPEN = re.compile(
    r"^(?:\w+ ){0,3}so (?!(?:sorry|much|glad|pleased|nice|good|lovely|great|if|what|is|are|"
    r"do|does|did|can|could|would|how|when|where|why|which|who|yeah|yes|yep|anyway|thanks|"
    r"thank|have|enjoy|take|bye|goodbye|just to|i will let|let me)\b)(?:\w+ ){6}"
    # gaps9 (issue 17): the same recap opened "Right then: Saturday at eleven, Lymington Yacht
    # Haven, pontoon D." (an interjection and "then", then the arrangement)
    r"|^(?:(?:right|okay|alright|all right|lovely|great|perfect|brilliant|grand|good|fine|"
    r"excellent|super|well) )+then (?!(?:what|how|is|are|do|can|could|would|bye|goodbye|take|"
    r"thanks|thank|let me|i will (?:just )?(?:put|pop|transfer|pass|check|look|see))\b)"
    r"(?:\w+ ){5}"
    # gaps12 (issue 17): where the caller now stands, with no "so": "You're on Saturday and
    # Sunday now in the same room, ..., and the confirmation text is coming this afternoon"
    r"|^(?:\w+ ){0,2}you are (?:now )?(?:on|booked (?:on|in|for)|down for|in for|all set for|"
    r"confirmed for|moved to) (?!hold\b|the line\b|speaker\b|through\b|mute\b)"
    r"(?:\w+ )+?now\b"
)
#: A "so" sentence that is a pleasantry, an invitation or a refusal, not a recap: "So it's
#: been a pleasure speaking with you today", "So you're welcome to ring back anytime this
#: week", "So I'm afraid there's nothing more I can do today".
_SO_NOT_RECAP = re.compile(
    # (gaps13: a recap's "and nothing else changes" or "nothing else to pay" is a state, not
    # "there's nothing more I can do")
    r"\b(?:nothing (?:more|else|further)(?! (?:changes|changed|has changed|will change|"
    r"to pay|to do|for you to do|you need to do)\b)|pleasure|"
    r"(?:nice|lovely|good|great) (?:talking|speaking|"
    r"chatting)|welcome to|feel free|any ?time|any time|thanks? (?:for|again)|thank you|"
    r"patien\w*"
    # gaps8 (issue 17): a "so" that routes, not recaps: "so that's a claims thing, I can't see
    # claims stuff from here. They'll sort you out over in claims" (then a transfer)
    r"|(?:can not|unable to) (?:see|do|access|help|deal|sort)|that is (?:a|an|one for) (?:\w+ )?"
    r"(?:thing|question|matter|department|team)(?! (?:is|are|has|have|was) )"
    # gaps9 (issue 17): a "so" that brings news of someone's absence (what the consult found),
    # not a recap: "Right, so Mr Okoro's not available, he's out on a test until half three"
    r"|(?:he|she|they|\w+) (?:is|are) (?:not|no longer) (?:available|in|here|around|free|at (?:his|"
    r"her|their) desk|answering|picking up|back)|(?:he|she|they|(?:mr|mrs|ms|miss|dr) \w+) "
    # gaps11 (issue 17): not a visit ahead, "then he's out Thursday morning to price it"
    r"(?:is|are) (?:out(?! (?:on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"tomorrow|to (?:you|see|price|fit|fix|look|measure|quote|check|repair|install|survey|do)\b))"
    r"|away|off|busy|unavailable|tied up"
    r"|in a (?:meeting|fitting|session|lesson|consultation)"
    r"|on (?:a|another|the|his|her) (?:call|test|job|break|lunch|holiday|leave|site|round|visit))"
    r")\b"
)
_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
#: What comes next in that statement: a future, a time ahead, a thing under way.
_NOT_AHEAD = r"(?! have (?:been|arrived|come|gone|had|got|heard|seen|received))"
_AHEAD = re.compile(
    rf"\b(?:will|going to|should{_NOT_AHEAD}|today|tomorrow|tonight|this (?:morning|afternoon|"
    rf"evening|week)|later|next (?:week|month|bill|statement|payment|time)|comes|coming|"
    rf"arrives?|arriving|landing|due(?! (?:last|yesterday|back then))|on (?:its|their) way|"
    rf"within|from (?:now|next)|starting|goes out|in (?:\w+ ){{1,4}}(?:days|weeks|hours|months)|"
    # gaps6: "it stays off until you turn it back on", "it restarts on the first of May"
    rf"until(?! now)|till(?! now)|restarts|resumes|"
    # gaps7: "it reaches you three to five working days after that"
    rf"reaches|reach you|lands|(?:working|business) days|starts|begins|kicks in|takes effect|"
    rf"comes off|"
    # gaps8: the caller's next step, "and you pay when you collect", "I fit it when you come"
    rf"when you (?:come|collect|pick|get here|arrive|pop in|drop in|call in|visit)|"
    # gaps11 (issue 17): a time of day or a date set, "pick-up two o'clock on the twelfth"
    rf"o clock|half past|quarter (?:past|to)|on the (?:\w+ )?(?:\w+th|first|second|third|"
    rf"twenty first|twenty second|twenty third|thirty first)|"
    rf"(?<!last )(?<!since ){_DAY}|"
    # gaps12 (issue 17): a next step said in the present, someone else's ("the quality team
    # reviews them and lets you know"), or the caller's as usual ("she books in as normal")
    rf"(?:lets|let us|let) you know|gets back to you|(?:rings|calls|emails|texts|contacts) you|"
    rf"(?:the )?(?:week|weekend|fortnight) of|(?<!not )(?<!never )come (?:on|the|next|this|back|"
    rf"round|out|in)\b|"
    rf"as (?:normal|usual))\b"
)
#: gaps8 (issue 17): a "so" recap that lists how things now stand, two or more: "So the club
#: charge is off, the bursary is back on, the invoice you owe now is ..., and it's in your
#: email" (what was done, and what the caller has next)
_STATE = re.compile(
    r"\b(?:is|are|has been|have been) (?:now |back |all |already )?(?:off|on|in|done|sorted|"
    r"fixed|fitted|cancelled|canceled|removed|waived|booked|paid|sent|applied|cleared|reissued|"
    r"refunded|credited|updated|changed|ready|gone|through|moved|rebooked|rescheduled|ordered|"
    r"logged|raised|arranged|set up|renewed|extended|rerouted|re routed|redirected|switched|"
    r"upgraded|downgraded|paused|blocked|unblocked|reset|activated|transferred)\b"
    # "So I've cancelled the order and the refund is back on your card"
    r"|\b(?:i|we) have (?:now |just |already )?(?:cancelled|canceled|removed|refunded|credited|"
    r"reissued|updated|changed|booked|sent|applied|waived|fixed|cleared|taken off)\b"
    # "the late fee's off, the direct debit's back on": the normal form drops the "'s"
    r"|\b(?:back on|back in|off)(?= (?:the|and|now|too)\b|$)"
)
#: gaps7 (issue 17): the step ahead in its own sentence after a "so" recap: "So on our side
#: everything was fine ... now you're on Movistar. If it drops again, just restart the
#: phone"; "So you've got twelve doubles held ... I'll email you the contract."
_IF_AGAIN = re.compile(r"^(?:\w+ ){0,2}if\b.{0,80}\b(?:again|still|happens|comes back)\b")


def _states_done_then_next(text: str) -> bool:
    """A statement (not a question: "the refund was sent, will you be in?") in the line
    that says what was done and then what happens next, or sums the call up opening
    "so" and says what comes next."""
    recap_before = False  # the sentence before was a "so" recap with no step ahead
    for sentence in _SENTENCE_END.split(text.strip()):
        if sentence.endswith("?"):
            recap_before = False
            continue
        norm = normalise(sentence)
        if recap_before and (_AHEAD.search(norm) or _IF_AGAIN.search(norm)):
            return True
        if _DONE_THEN_NEXT.search(norm) or (" about " in norm and _MESSAGE_RECAP.match(norm)):
            return True
        # the cheap test first: most closing sentences do not open "so"
        recap_before = bool(_SO_OPEN.search(norm)) and not _SO_NOT_RECAP.search(norm)
        if recap_before and (_AHEAD.search(norm) or len(_STATE.findall(norm)) >= 2):
            return True
        recap_before = recap_before or _arrangement_list(sentence, norm)  # the step comes next
    return False


#: gaps11 (issue 17): the message or callback restated at the close with its time and what
#: it is about: "Okay, Joy will ring you tomorrow morning about the broken zip on the cow's
#: back legs" (a bare "she'll ring you tomorrow" names no subject and is no recap)
_MESSAGE_RECAP = re.compile(
    r"^(?:\w+ ){0,3}?(?:[a-z]+|(?:mr|mrs|ms|miss|dr) [a-z]+) (?:will|is going to|is gonna|"
    r"rings|calls|phones) (?:ring |call |phone |text |email |contact |get back to )?you (?:back )?"
    r"(?:\w+ ){0,4}?(?:today|tomorrow|tonight|this (?:morning|afternoon|evening)|on [a-z]+|"
    r"at [a-z0-9]+|before [a-z0-9]+|after [a-z0-9]+|by [a-z0-9]+|between)\b"
    r"(?: \w+){0,6}? about (?:\w+ ){2,}\w+"
)


#: gaps9 (issue 17): the arrangement listed with no verb, "Thursday morning, engineer Dave,
#: new door seal." or "Saturday at eleven, Lymington Yacht Haven, pontoon D.": three or more
#: short parts, one of them a day or a time
_LIST_WHEN = re.compile(
    rf"\b(?:{_DAY}|today|tomorrow|tonight|morning|afternoon|evening|noon|midday|o clock|a m|p m|"
    r"am|pm|\d)\b|\d"
)
_LIST_VERB = re.compile(
    r"\b(?:is|are|was|were|will|would|can|could|have|has|had|do|does|did|should|shall|may|might|"
    r"must|need|needs|want|wants|let|please|thanks|thank)\b"
)


_FILLER = frozenset(
    "right so um uh er erm yes yeah okay ok well sorry great lovely perfect i see then now "
    "and brilliant fine good cool".split()
)


#: days listed as bad news, not an arrangement: "Monday, Tuesday, Wednesday, all full, sorry."
_LIST_NOT = re.compile(
    r"\b(?:full|fully|booked up|no|not|none|nothing|closed|sorry|unfortunately|afraid|gone|"
    r"taken|unavailable)\b"
)


_LIST_SPLIT = re.compile(r"[,:;]")


def _arrangement_list(sentence: str, norm: str) -> bool:
    if sentence.count(",") + sentence.count(":") < 2 or _LIST_VERB.search(norm):
        return False  # most sentences: fewer than three parts, or a verb
    if not _LIST_WHEN.search(norm) or _LIST_NOT.search(norm):
        return False
    parts = [
        p for p in _LIST_SPLIT.split(sentence.rstrip(".!")) if not set(p.lower().split()) <= _FILLER
    ]
    return len(parts) >= 3 and all(len(p.split()) <= 5 for p in parts[1:])


#: not after a title: "So, Dr. Feld will call you tomorrow" is one sentence (gaps6)
_SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\bDr\.)(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bSt\.)\s+")


#: Repeats of found ids tolerated beyond the automaton's size before it is rebuilt.
REPEATS_SLACK = 1000


def _first_mentions(
    call: Call, ids: list[str], key: Callable[[str], str] = compact
) -> dict[str, Turn]:
    """Each id (compacted, as `mentions_id` compares) -> the first agent line that reads it out.

    One Aho-Corasick pass over the agent's lines for all the call's ticket ids,
    not a pass per ticket: a call with thousands of tickets stays linear. An
    id found once need not be reported again; when repeats of found ids pass
    the size of the automaton (nested ids, "aaa" ... "aaaa...a", over a line of
    a's report every one at every character), it is rebuilt without them, so the
    scan costs no more than the ids and the lines themselves.
    """
    remaining = {c for c in map(key, ids) if len(c) >= 3}
    found: dict[str, Turn] = {}
    automaton, budget, longest = _automaton(remaining)
    for turn in call.agent_turns:
        if not remaining:
            break
        text, start = compact(turn.text), 0
        while True:
            stopped = _scan(automaton, text, start, turn, found, budget)
            if stopped is None:
                break
            remaining.difference_update(found)
            if not remaining:
                break
            automaton, budget, longest = _automaton(remaining)
            start = max(0, stopped - longest + 2)  # matches ending after `stopped` again
    return found


def _automaton(words: set[str]) -> tuple[Any, int, int]:
    """The automaton of `words`, the repeats allowed before rebuilding it, the longest word."""
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, word)
    if words:
        automaton.make_automaton()
    size = sum(map(len, words))
    return automaton, size + REPEATS_SLACK, max(map(len, words), default=0)


def _scan(
    automaton: Any, text: str, start: int, turn: Turn, found: dict[str, Turn], budget: int
) -> int | None:
    """Record first mentions in `text`; None when done, else where too many repeats began."""
    if not len(automaton):
        return None
    repeats = 0
    for end, word in automaton.iter(text, start):
        if word not in found:
            found[word] = turn
        else:
            repeats += 1
            if repeats > budget:
                return int(end)
    return None


@item(
    "close.reference",
    "Gives the reference number",
    "Give the caller the ticket, case or order number to keep.",
    "002",
)
def reference(call: Call, p: Params) -> Check:
    tickets = [e for _, e in call.events("ticket") if e.get("id")]
    created = next(
        (t for t in call.agent_turns if t.has("create_record") and not _declined_offer(call, t)),
        None,
    )
    if not tickets and created is None:
        made = _record_with_number(call)
        if made is not None:
            return passed("gives the number of a record made or changed in the call", made)
        return na("no ticket, case or order created or changed")
    forms = {ev.get("id"): _id_forms(ev.get("id")) for ev in tickets}
    said_at = _first_mentions(call, [f for fs in forms.values() for f in fs], key=str)
    for ev in tickets:
        said = next((said_at[f] for f in forms[ev.get("id")] if f in said_at), None)
        if said:
            return passed(f"reference {compact(ev.get('id')).upper()} given", said)
    for ev in tickets:
        said = _read_in_tens(call, forms[ev.get("id")])
        if said:
            return passed(f"reference {compact(ev.get('id')).upper()} given", said)
    if not tickets:
        ref = first(call.agent_turns, "give_reference")
        if ref and any(ch.isdigit() for ch in compact(ref.text)):
            return passed("gives the reference number", ref)
        read = _number_asked_or_repeated(call, created)
        if read is not None:
            return passed("gives the number the caller asks for or repeats back", read)
        return failed("a record was created or changed but no number given", created)
    return failed(f"ticket {tickets[0].get('id')} never read out to the caller", tickets[0])


#: gaps12 (issue 17): a record change the agent only offers ("I can put a full credit on
#: your account", "I could move you to Wednesday if that's easier?")
_OFFERS_CHANGE = re.compile(
    r"\b(?:i|we) (?:can|could) (?:also |always |just )?\w+"
    r"|\b(?:would you like|do you want|shall i|should i|want me to)\b"
)

_MORE_HELP_ASK = re.compile(r"\banything (?:else|more|further)\b|\bhelp (?:you )?with\b")


def _declined_offer(call: Call, turn: Turn) -> bool:
    """Is the line's record change an offer the caller turns down next ("I don't want a
    credit, I want a manager")? An offer declined makes or changes no record (the spec's
    reading for messages: "an offer the caller declines is neither")."""
    if not _OFFERS_CHANGE.search(turn.normal):
        return False
    # the offer is in a sentence of its own, not "Is there anything else I can help with?"
    if not any(
        _OFFERS_CHANGE.search(n) and not _MORE_HELP_ASK.search(n)
        for n in map(normalise, _SENTENCE_END.split(turn.text))
    ):
        return False
    reply = call.caller_after(turn.index)
    if reply is None or call.agent_between(turn.index + 1, reply.index):
        return False  # the "no" answers a later line ("... anything else?" - "no, that's it")
    return reply.has("refuse") and not reply.has("agree")


# gaps6 (issue 17): a reference for what was done in the call names the record made
# ("Your refund reference is R F 3 3 0 9 2", "The case reference for that is ...", "The new
# order number is 3 3 9, 1 0 2, 4"), as does a booking changed with its number ("Your
# booking H K 4 4 1 9 now runs Friday to Monday"), though no words say it was created.
_NEW_RECORD_REF = re.compile(
    r"\b(?:(?:new|replacement|refund|return|repair|complaint|cancellation|credit) (?:\w+ )?"
    r"(?:reference|ref|number|no|code)"
    r"|(?:case|claim|ticket|reference|ref) (?:number |reference )?for (?:that|this|the "
    r"(?:refund|repair|complaint|change|return|payment))"
    # gaps9 (issue 17): any record's number "for that" ("I've put the renewal through ...
    # The order number for that's 7 7 0, 4 1 9"; "the booking reference for this is ...")
    r"|(?:order|booking|job|confirmation|transaction|receipt|payment|renewal|request|"
    r"reservation|appointment|work order|service) (?:number|no|reference|ref|code|id) "
    r"for (?:that|this|it|them|the \w+))\b"
)
_CHANGED_NOW = re.compile(
    r"\b(?:your|the) (?:booking|reservation|stay|appointment) (?:\w+ ){1,8}?now "
    r"(?:runs|ends|starts|covers|goes)\b"
)
_DIGITS = re.compile(r"\d{4,}")


def _record_with_number(call: Call) -> Turn | None:
    """An agent line that names a record made or changed now with a number of 4+ digits:
    a new record's number the caller had not given before (not the caller's own order
    number read back), or a changed booking's number, whoever said it first."""
    for turn in call.agent_turns:
        n = turn.normal
        # plain substring tests first (this runs on most calls' every agent line)
        changed = " now " in n and _CHANGED_NOW.search(n)
        if not changed and not (
            ("give_reference" in turn.acts or " for th" in n) and _NEW_RECORD_REF.search(n)
        ):
            continue
        runs = _DIGITS.findall(compact(turn.text))
        if runs and changed:
            return turn
        if runs:
            theirs = " ".join(compact(t.text) for t in call.caller_between(0, turn.index))
            if any(run not in theirs for run in runs):
                return turn
    return None


_TENS_WORDS = {"twenty": 2, "thirty": 3, "forty": 4, "fifty": 5, "sixty": 6, "seventy": 7,
               "eighty": 8, "ninety": 9}  # fmt: skip
_TEENS = {"ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14",
          "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18",
          "nineteen": "19"}  # fmt: skip
_UNIT = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9}  # fmt: skip


def _tens_read(normal: str) -> str:
    """The line with numbers said in pairs as digits: "forty seven thirty three" -> "47 33"."""
    words, out, i = normal.split(), [], 0
    while i < len(words):
        w = words[i]
        if w in _TENS_WORDS:
            unit = _UNIT.get(words[i + 1], 0) if i + 1 < len(words) else 0
            out.append(f"{_TENS_WORDS[w]}{unit}")
            i += 2 if unit else 1
            continue
        out.append(_TEENS.get(w, w))
        i += 1
    return " ".join(out)


def _read_in_tens(call: Call, forms: tuple[str, ...]) -> Turn | None:
    """gaps6 (issue 17): a ticket read in pairs of tens ("J B, forty-seven, thirty-three,
    eighty-one" for JB-473381). Tried only when no plain reading was found."""
    for turn in call.agent_turns:
        n = turn.normal
        if "ty " in n or "teen" in n or " ten" in n or "eleven" in n or "twelve" in n:
            read = compact(_tens_read(n))
            if any(f in read for f in forms if len(f) >= 3):
                return turn
    return None


_ALNUM = re.compile(r"[^a-z0-9]+")


def _id_forms(ident: str) -> tuple[str, ...]:
    """The id as `compact` reads it ("OH-88214" -> 088214, "oh" as zero) and letter by
    letter as written ("oh88214"), as an agent spelling "O H 8 8 2 1 4" says it."""
    return compact(ident), _ALNUM.sub("", ident.lower())


_ASKS_NUMBER = re.compile(r"\b(?:number|reference|ref|case|ticket|confirmation)\b")
_NOT_A_REFERENCE = re.compile(
    r"\b(?:street|st|road|rd|avenue|ave|lane|drive|zip|zip code|postcode|post code|apartment|"
    r"suite|phone|mobile|cell|extension|dollars?|pounds?|euros?|cents|percent|am|pm|o clock)\b"
)


def _number_asked_or_repeated(call: Call, created: Turn | None) -> Turn | None:
    """An agent line after the record was made that reads a number of 4+ digits which
    the caller asked for ("What's the case number?" - "It's 5 5 2 0 1") or repeats back
    (issue 17). Addresses, phone numbers and sums are not references."""
    if created is None:
        return None
    # the record's line and the agent's next five: a bounded look, linear in any call
    look = call.agent_after(created.index - 1, 6)
    next_agent = look[1].index if len(look) > 1 else created.index
    for turn in look:
        if _NOT_A_REFERENCE.search(turn.normal):
            continue
        runs = [r for r in digit_runs(turn.text) if len(r) >= 4]
        if not runs or has_phone_shape(turn.text):
            continue
        before = call.caller_before(turn.index)
        asked = (
            before is not None
            and before.index > created.index
            and "?" in before.text
            and bool(_ASKS_NUMBER.search(before.normal))
        )
        after = call.caller_after(turn.index)
        repeated = after is not None and any(r in compact(after.text) for r in runs)
        # gaps8 (issue 17): the changed record's number restated in the record's line or the
        # agent's next ("So I've cancelled the charge." - "It's cancelled on PCN 774 1093")
        # gaps12: or in a later line that is itself a record change ("I'll update the address
        # on your membership now" ... "Your member number stays the same, 4 4 0 9 1 2")
        restated = (turn.index <= next_agent or turn.has("create_record")) and _stated(
            turn.text, runs
        )
        if asked or repeated or (restated and _restates_order(call, turn, runs)):
            return turn
    return None


def _stated(text: str, runs: list[str]) -> bool:
    """Is one of `runs` said in a statement of the line, not read back in a question?"""
    return any(
        not sentence.rstrip().endswith("?") and any(r in runs for r in digit_runs(sentence))
        for sentence in _SENTENCE_END.split(text)
    )


def _restates_order(call: Call, turn: Turn, runs: list[str]) -> bool:
    """gaps7 (issue 17): the line that changes the order reads back the number the caller
    gave for it ("I've moved it over, it's still C V four four one, nine oh seven"): the
    changed order's number restated (calls/README.md, close.reference)."""
    given = {r for c in call.caller_between(0, turn.index) for r in digit_runs(c.text)}
    return any(r in given for r in runs)


@item(
    "close.offer_more_help",
    "Offers more help",
    "Offer additional assistance before the closing statement.",
    "002",
)
def offer_more_help(call: Call, p: Params) -> Check:
    if skip := _routine(call):
        return skip
    hit = first(call.agent_turns[1:], "anything_else") or next(
        (t for t in call.agent_turns[1:] if "nything" in t.text and _ELSE_NAMED.search(t.text)),
        None,
    )
    if hit:
        return passed("asks whether there is anything else", hit)
    return failed("never asks whether there is anything else it can help with")


#: gaps7 (issue 17): the bare question with the caller's name or a title after it, as
#: written ("Is there anything else, Kayden?", "Anything else, Mrs. Osei?"); a capitalised
#: word, so "Is there anything else damaged?" stays a question about the goods
_ELSE_NAMED = re.compile(
    r"\b[Aa]nything (?:else|more|further),? (?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.? )?[A-Z][a-z]+\?"
)


@item(
    "close.thank",
    "Thanks the caller in closing",
    "Thank the caller for calling, for their time or business, when closing.",
    "002, 003",
)
def thank(call: Call, p: Params) -> Check:
    closing = closing_turns(call)
    hit = first(closing, "closing_thanks", "thank_for_calling")
    if hit:
        return passed("the closing thanks the caller", hit)
    return failed("the closing does not thank the caller", *closing[-1:])


@lru_cache(maxsize=256)
def _common_word_lead(brand: str) -> str:
    """gaps6 (issue 17): a brand's two leading words when both are common words ("North
    West" for North West Plumbing Services, "Green Light" for Green Light Driving School),
    a short form only as written, capitalised like a name: "you've got the green light" is
    a phrase, not the firm ("" when the brand has no such lead)."""
    words = brand.replace("&", " and ").split()
    if len(words) < 3 or not all(w[:1].isupper() for w in words[:2]):
        return ""
    if not {w.lower().strip(",.") for w in words[:2]} <= GENERIC_BRAND_WORDS:
        return ""  # a distinctive lead is already one of says_brand's forms
    return " ".join(w.strip(",.") for w in words[:2])


def _person_lead(call: Call) -> re.Pattern[str] | None:
    """gaps8 (issue 17): a brand named for a person ("Gemma Reid Photography") whose first
    name is also how the call speaks of her ("I'm asking Gemma ... her answer"): that first
    name alone is the person, not the brand. The pattern finds the first name said without
    the surname (None when the brand is not a person's full name used so in the call)."""
    words = call.brand.split()
    if len(words) < 3 or not all(w[:1].isupper() and w.isalpha() for w in words[:2]):
        return None
    first_name, surname = words[0], words[1]
    if {first_name.lower(), surname.lower()} & GENERIC_BRAND_WORDS:
        return None
    alone = re.compile(rf"\b{first_name}\b(?! {surname}\b)")
    as_person = re.compile(
        rf"\b(?:ask|asking|asked|tell|telling|told|with) {first_name}\b"
        rf"|\b{first_name}(?:'s|'ll| did| does| will| is| was| has| had| says| said| can| would)\b"
    )
    for t in call.turns:
        if first_name in t.text and as_person.search(t.text) and _PERSONAL.search(t.normal):
            return alone
    return None


_PERSONAL = re.compile(r"\b(?:she|he|her|his|him|herself|himself)\b")


@item("close.brand", "Brands the closing", "Brand each call in the closing statement.", "002")
def brand(call: Call, p: Params) -> Check:
    closing = closing_turns(call)
    lead = _common_word_lead(call.brand)
    person = _person_lead(call)

    def names(text: str) -> bool:
        return bool(
            call.says_brand(person.sub(" ", text) if person else text) or (lead and lead in text)
        )

    # a brand said only inside an email or web address is not said (a brand that is an
    # address itself, "Booking.com", is kept whole); checked on a line that names it only
    hit = next(
        (t for t in closing if names(t.text) and ("." in call.brand or names(_no_address(t.text)))),
        None,
    )
    if hit:
        return passed(f"closing names {call.brand}", hit)
    return failed(f"the closing does not name {call.brand or 'the company'}", *closing[-1:])


@item(
    "close.caller_hangs_up_first",
    "Lets the caller hang up first",
    "Wait for the caller to hang up first.",
    "003",
)
def caller_hangs_up_first(call: Call, p: Params) -> Check:
    hangups = call.events("hangup")
    if not hangups:
        return na("no hangup event")
    at, ev = hangups[0]
    if ev.get("by") != "caller":
        return failed("the agent hung up first", ev)
    # the spec's test is the event alone: an angry caller hanging up on the agent passes
    # too (docs/decisions.md, "The caller hangs up first, read as the spec reads")
    return passed("hangup by=caller", ev)


#: gaps11 (issue 17): an email or web address, written or spoken ("hello at merseycrust dot
#: co dot uk", "www.merseycrust.co.uk"): a brand inside it is an address, not the brand said
#: in the closing (tests/scoring/calls/README.md, "Brand in the closing")
_ADDRESS = re.compile(
    r"\S+@\S+|\b(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|co|org|net|uk|ie|io|gov|edu)\b\S*"
    r"|\b(?:[\w-]+ at )?(?:www dot )?[\w-]+ dot (?:com|co|org|net|uk|ie|io|gov|edu)\b"
    r"(?: dot \w+)*",
    re.IGNORECASE,
)


def _no_address(text: str) -> str:
    """The line without email and web addresses (most lines have none: a plain test first)."""
    low = text.lower()
    if "@" in low or "dot" in low or "www" in low or ".co" in low or ".org" in low or ".net" in low:
        return _ADDRESS.sub(" ", text)
    return text  # most lines: the expression backtracks over every word (5% of grading if run)


def _caller_before(call: Call, index: int) -> Turn | None:
    turns = call.caller_between(0, index)
    return turns[-1] if turns else None


@item(
    "close.follow_up_email",
    "Promises a follow-up email",
    "Follow up every call with an email of what was discussed and the next steps.",
    "003",
)
def follow_up_email(call: Call, p: Params) -> Check:
    if skip := _routine(call):
        return skip
    sent = call.events("email")
    said = first(call.agent_turns, "promise_email")
    if sent or said:
        return passed(
            "an email with the discussion and next steps", said, *(e for _, e in sent[:1])
        )
    return failed("no email promised or sent")


@item("close.notes_logged", "Logs call notes", "Log call notes after each call.", "002, 003")
def notes_logged(call: Call, p: Params) -> Check:
    notes = call.events("note")
    if notes:
        return passed("note event logged", notes[0][1])
    return failed("no note event")


# speedy4 (issue 17, speed): each expression behind the literals its matches need, worked
# out from the expression itself (scoring.literals.gated): the same answers, and a changed
# pattern brings its own pre-check.
_RECAP_CUE, _DONE, _DONE_THEN_NEXT, _SO_OPEN, _SO_NOT_RECAP, _AHEAD = map(
    gated, (_RECAP_CUE, _DONE, _DONE_THEN_NEXT, _SO_OPEN, _SO_NOT_RECAP, _AHEAD)
)
