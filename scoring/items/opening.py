"""Opening the call (seeds 002, 003): greeting, names, the reason, verification."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from scoring.call import Call, Turn, content_stems, name_tokens, stem
from scoring.items.base import Check, Params, failed, first, item, na, next_replies, passed
from scoring.literals import gated
from scoring.normalise import normalise
from scoring.topics import topics

#: at most this many agent lines in a row make one turn (a greeting cut into segments)
_RUN = 4


def agent_runs(call: Call, count: int) -> list[list[Turn]]:
    """The agent's first `count` turns, each a run of its lines with no caller line
    between: a speech-to-text export cuts one greeting into "hello this is harper
    valley national bank" / "my name is elizabeth" / "how can i help you" (issue 17).
    Bounded: at most `count` runs of `_RUN` lines."""
    runs: list[list[Turn]] = []
    turns = call.agent_turns
    i = 0
    while i < len(turns) and len(runs) < count:
        nxt = call.caller_after(turns[i].index)
        run = [turns[i]]
        while (
            len(run) < _RUN
            and i + len(run) < len(turns)
            and (nxt is None or turns[i + len(run)].index < nxt.index)
        ):
            run.append(turns[i + len(run)])
        runs.append(run)
        i += len(run)
        if nxt is not None:
            while i < len(turns) and turns[i].index < nxt.index:
                i += 1  # a run longer than _RUN: the rest is not a new turn
    return runs


def _first_runs(call: Call) -> list[list[Turn]]:
    """The agent's first two turns, worked out once per call (four items use them)."""
    runs: list[list[Turn]] | None = call.__dict__.get("_first_agent_runs")
    if runs is None:
        runs = call.__dict__["_first_agent_runs"] = agent_runs(call, 2)
    return runs


def _opening(call: Call) -> list[Turn]:
    runs = _first_runs(call)
    return runs[0] if runs else []


@item(
    "open.thank_for_calling",
    "Thanks the caller for calling",
    "Greet the caller with a thank you for calling.",
    "002, 003",
)
def thank_for_calling(call: Call, p: Params) -> Check:
    opening = _opening(call)
    if not opening:
        return failed("the agent never speaks")
    hit = first(opening, "thank_for_calling")
    if hit:
        return passed("first line thanks the caller for calling", hit)
    return failed("first line does not thank the caller for calling", opening[0])


@item(
    "open.introduce_self",
    "Introduces self",
    "Introduce yourself by name when you answer.",
    "002, 003",
)
def introduce_self(call: Call, p: Params) -> Check:
    opening = _opening(call)
    if not opening:
        return failed("the agent never speaks")
    agent = name_tokens(call.t.agent)
    for turn in opening:
        if agent and any(f" {a} " in f" {turn.normal} " for a in agent):
            return passed(f"first line gives the agent's name ({call.t.agent})", turn)
        if not agent and turn.has("introduce_self"):
            return passed("first line gives the agent's name", turn)
    return failed("first line does not give the agent's own name", opening[0])


@item("open.name_brand", "Names the brand", "Introduce the brand in the greeting.", "002, 003")
def name_brand(call: Call, p: Params) -> Check:
    opening = _opening(call)
    if not opening:
        return failed("the agent never speaks")
    hit = next((t for t in opening if call.says_brand(t.text)), None)
    if hit:
        return passed(f"first line names {call.brand}", hit)
    if not call.brand:
        return failed(
            "first line names no company (no brand header, none recognisable)", opening[0]
        )
    return failed(f"first line does not name {call.brand}", opening[0])


@item(
    "open.ask_caller_name",
    "Asks the caller's name",
    "Request the caller's name (if not yet given) so it can be used throughout the call.",
    "002, 003",
)
def ask_caller_name(call: Call, p: Params) -> Check:
    asked = next((t for t in call.agent_turns if _asks_name(t)), None)
    volunteered = call.caller_gave_name_at
    runs = _first_runs(call)
    early = [t for run in runs for t in run]
    # The exemption is for a name volunteered before the agent asked *within
    # its window* (its first two lines); one volunteered only after the window
    # does not excuse a missed ask (tests/scoring/calls/README.md, worked example 01).
    # A line is a turn: consecutive agent lines with no caller line between.
    window_end = runs[1][0].index if len(runs) > 1 else call.end_index
    if (
        volunteered is not None
        and volunteered < window_end
        and (asked is None or volunteered < asked.index)
    ):
        return na("the caller gave their name before the agent asked")
    hit = next((t for t in early if _asks_name(t)), None)
    if hit:
        return passed("asks for the caller's name within the first two lines", hit)
    if asked:
        return failed("asks for the name only later in the call", asked)
    return failed("never asks for the caller's name", *early[:1])


#: gaps6 (issue 17): the name asked in a terse or chatty question: "Name?", "Your name?",
#: "Who do I have the pleasure of chatting with?" (a question sentence, "?" in the line)
_NAME_QUESTION = re.compile(
    r"(?:^|\b(?:your|and|full|first) )name(?: please)?$"
    r"|\bwho (?:do i have the pleasure|have i got|am i (?:speaking|talking|chatting))\b"
)


def _asks_name(turn: Turn) -> bool:
    if turn.has("ask_name"):
        return True
    if "?" not in turn.text:
        return False
    for part in turn.text.lower().split("?")[:-1]:  # each question, back to its sentence start
        q = normalise(part[max(part.rfind("."), part.rfind("!")) + 1 :])
        if _NAME_QUESTION.search(q):
            return True
    return False


# Reading a name back letter by letter ("Szymanski, S-Z-Y-M-A-N-S-K-I?") checks
# the spelling; it does not address the caller (calls/README.md).
_SPELLS_OUT = re.compile(r"\b(?:[a-z] ){3,}[a-z]\b")


_READ_BACK_BEFORE = frozenset({("name", "is"), ("name", "s"), ("that", "is"), ("that", "s")})
_READ_BACK_WORD = frozenset({"names", "got", "have"})


def _addresses(call: Call) -> Callable[[str], bool]:
    """Does a line's normal form address the caller by name, not counting a name read
    back for the record ("Good, your name is Aleksei", "so that's Aleksei Petrov";
    issue 17)? Token by token, no pattern built per call."""
    names = frozenset(call.caller_name)

    def addresses(normal: str) -> bool:
        toks = normal.split()
        for i, tok in enumerate(toks):
            if tok not in names:
                continue
            k = i - 1 if i > 0 and toks[i - 1] in names else i  # a surname after the name
            read = (k >= 2 and (toks[k - 2], toks[k - 1]) in _READ_BACK_BEFORE) or (
                k >= 1 and toks[k - 1] in _READ_BACK_WORD
            )
            if not read:
                return True
        return False

    return addresses


@item(
    "open.use_caller_name",
    "Uses the caller's name",
    "Use the caller's name throughout the call to personalise it.",
    "002, 003",
)
def use_caller_name(call: Call, p: Params) -> Check:
    known = call.name_known_at
    if known is None:
        return na("the caller's name never became known")
    addresses = _addresses(call)
    uses = [
        t
        for t in call.agent_turns
        if t.index >= known
        and call.names_caller(t)
        and not _SPELLS_OUT.search(t.normal)
        and addresses(call.name_normal(t))
    ]
    if len(uses) >= 2:
        return passed(f"uses the caller's name in {len(uses)} agent lines", *uses[:3])
    if uses:
        return failed("uses the caller's name in only one agent line", uses[0])
    return failed("the caller's name is never used")


@item(
    "open.restate_reason",
    "Restates the reason and offers help",
    "State that you are happy to help the caller with the reason they gave.",
    "002",
)
def restate_reason(call: Call, p: Params) -> Check:
    reason = call.reason_turn
    if reason is None:
        return na("the caller states no reason for calling")
    replies = next_replies(call, reason.index, 2)
    hit = _restated(call, reason, replies)
    if hit is None and replies and _ASKS_REASON.search(replies[0].normal):
        # gaps5 (issue 17): "it's Gareth from Owen Joinery" -> "How can I help you today?":
        # the agent heard no reason yet, so the reason is the caller's next line
        later = call.caller_after(replies[0].index)
        if later is not None:
            reason, replies = later, next_replies(call, later.index, 2)
            hit = _restated(call, reason, replies)
    if hit is not None:
        reply, shared = hit
        return passed(
            f"names the reason ({', '.join(sorted(shared)[:3])}) and commits to help",
            reason,
            reply,
        )
    if not replies:
        return failed("no agent reply to the caller's reason", reason)
    if any(r.has("commit_help") for r in replies):
        return failed("offers help but does not name the caller's reason", reason, *replies)
    return failed("does not restate the reason with an offer to help", reason, *replies)


def _restated(call: Call, reason: Turn, replies: list[Turn]) -> tuple[Turn, set[str]] | None:
    """The first reply that names the reason and commits to help, with the words shared."""
    exclude = frozenset(call.caller_name) | frozenset(name_tokens(call.t.agent))
    stems = content_stems(reason.text, exclude)
    want = stems - _NOT_A_REASON
    # a topic may be named by a brand word too ("power" at Valley Power)
    known = topics()
    reason_topics = known.of(stems, reason.normal)
    wrong_number = "wrong_number" in call.context
    for reply in replies:
        said = content_stems(reply.text, exclude)  # the line's normal form is cached
        if "?" in reply.text and _READ_BACK_Q.search(reply.text):
            said = content_stems(_READ_BACK_Q.sub(" ", reply.text), exclude)
        shared = want & said
        if reason_topics:  # the same reason in other words (scoring/phrasing/topics.yaml)
            shared |= known.named(reason_topics, said, reply.normal)
        helps = (
            reply.has("commit_help", "ownership")
            or bool(_WILL_SEE_TO.search(reply.normal))
            or (wrong_number and bool(_GIVES_NUMBER.search(reply.normal)))
            or (reply is replies[0] and _sends_what_was_asked(reply.normal, want))
        )
        routes_only = reply.has("announce_transfer") and not reply.has("ownership")
        if shared and helps and not routes_only:
            return reply, shared
    return None


#: An open question for the reason, ending the agent's line: the caller has not given one yet.
_ASKS_REASON = re.compile(
    r"\b(?:how (?:can|may|could) (?:i|we) help(?: you)?|what can (?:i|we) do for you"
    # gaps10 (issue 17): other open asks for the reason, "What can I help you with?",
    # "What do you need?", "What are you calling about?", "How can I be of help?"
    r"|what (?:can|could|may) (?:i|we) help (?:you )?with|what (?:do|did) you need"
    r"|what (?:is it )?(?:are you|you are) (?:calling|ringing|phoning) (?:about|for)"
    r"|how (?:can|may|could) (?:i|we) be of (?:help|service|assistance)"
    r"|what is the (?:problem|issue)"
    r"|what is (?:the|your) (?:question|query)"  # gaps6: "happy to help. What's the question?"
    # gaps8 (issue 17): an invitation to go on ("Loud and clear, Martina, go ahead") after
    # a line of greeting and asides: the reason is still to come
    r"|go ahead|go on|fire away|carry on|i am listening"
    # gaps11 (issue 17): "Sorry you've been passed along. What's happened?": the reason is
    # still to come ("what is up", "what seems to be the trouble", "what is going on")
    r"|what (?:has|is|s) (?:happened|up|going on)|what seems to be the (?:problem|trouble|issue))"
    r"(?: (?:today|this morning|this afternoon|this evening|then|please))?"
    # gaps8: a vocative after the question ("What can I do for you, Laura?")
    r"(?: (?:mr|mrs|ms|miss|dr|sir|madam|maam|love|mate))?(?: [a-z]+)?$"
)


#: "I'll" with a verb of seeing to it, outright: "I'll get an engineer out to your boiler",
#: "I'll find out about a Year 8 place for your son. Just a second." (a hold cue after the
#: commitment does not undo it; tests/scoring/calls/README.md: "say it will help ('I'll')").
_WILL_SEE_TO = re.compile(
    r"\b(?:i|we) (?:will|am going to|are going to|shall) (?:\w+ ){0,3}"
    # gaps11: "I'll do my best to track down your keys", "we'll try and sort"
    r"(?:(?:do (?:my|our) (?:very )?best|try|try and|make every effort|do (?:everything|all|what) "
    r"(?:i|we) can) (?:to |and )?)?"
    r"(?:get (?:an?|the|our|someone|somebody|one of our|to the bottom)\b|find out|look into|"
    r"look at|check|sort|fix|arrange|book|chase|track|organi[sz]e|"
    r"send (?:an?|someone|somebody|the|our)\b"
    # gaps11 probe: "I'll send maintenance up to the shower in room four"
    r"|send (?:\w+ ){1,2}(?:up|out|round|over|along) to\b)"
    # gaps5: "I can put your own reading on and get that bill redone for you"
    r"|\b(?:i|we) can (?:\w+ ){0,8}get (?:that|this|your|it) (?:\w+ )?"
    r"(?:redone|sorted|fixed|changed|corrected|refunded|replaced|reissued|rebooked)\b"
    # gaps6: "Let's get that discount sorted for you today", "I'll get your flood claim
    # started", "I'll get him in with the nurse at three" (not "let's get you verified")
    # gaps8: any object, "I can get four sets sorted for you", "get both of those put right",
    # "I can get that quote brought down to twenty-five seats", "I'll get your line checked over"
    r"|\b(?:let s|let us|i will|i am going to|we will|we can|i can|i would like to) (?:\w+ )?get"
    r" (?!you (?:verified|through|transferred|over)\b)(?:\w+ ){1,4}(?:sorted|fixed|started|going|"
    r"moving|booked|sent|changed|corrected|refunded|replaced|reissued|rebooked|redone|repaired|"
    r"resolved|cleared|looked at|put right|brought down|brought forward|reduced|lowered|"
    r"checked over|checked out|seen to|dealt with|swapped|updated|ready|reset|unlocked|renewed|"
    r"cancelled|canceled|activated|reactivated|reconnected|restored|processed|posted|connected|"
    r"working|running|back up|back on|online|delivered|collected|approved|released|unblocked)\b"
    # gaps8: "I'll go through the invoice with you", "I'd be happy to find out about ..."
    r"|\b(?:i|we) (?:will|can|am going to|are going to) (?:\w+ )?go (?:through|over)"
    r" (?:the|your|that|this|both|all|each|them|it|everything)\b"
    # gaps11 (issue 17): the agent does the deed asked, "let me move your wheel course to
    # Thursdays for you"; "Let's see about getting you a guaranteed peony supply"
    r"|\blet me (?:just )?(?!(?:put|take|get you|pop|place|transfer|pass|have|ask|grab|check)\b)"
    r"[a-z]{3,} (?:your|that|this|those|these|the|a|an|someone|somebody) (?:\w+ ){0,6}for you\b"
    # (gaps11 probe: the caller moved, "let me switch you onto the Friday yoga class")
    r"|\blet me (?:just )?(?:switch|move|swap|book|sign|enrol|enroll|change) you (?:onto|on to|"
    r"into|over to|to|on|in for|down for)\b(?! hold\b)"
    # (gaps11 probe: "Let's have a look at upgrading your phone early for you")
    r"|\blet (?:us|me) (?:have|take) a (?:quick |proper |good )?look (?:at|into)\b"
    r"|\blet (?:us|me) see (?:about|what (?:i|we) can do about) (?:getting|sorting|fixing|"
    r"having|moving|finding|arranging|booking|changing)\b"
    r"|\b(?:i will|i can|i am going to|we will|we can|let me) (?:\w+ )?(?:get|fit|squeeze|book)"
    r" (?:you|him|her|them) in\b"
    # "I can take that meter reading for you now": a service done on the named thing
    r"|\b(?:i|we) (?:can|will) (?:\w+ )?(?:take|log|record|process|do) (?:that|this|those|these)"
    r" (?:\w+ ){0,3}for you\b"
    # gaps12 (issue 17): the caller's question carried to the one who can answer it, "I'll do
    # my best to get your question about the binding to him", "I'll put your query about the
    # deposit to the manager" (a bare "I'll get a message to her" names nothing)
    r"|\b(?:i|we) (?:will|can|shall|am going to|are going to) (?:\w+ ){0,5}?(?:get|pass|take|put|"
    r"bring) (?:your|the|that|this) (?:\w+ ){0,2}?(?:question|questions|query|queries|enquiry|"
    r"inquiry|request|concern|complaint)\b(?: \w+){0,5}? (?:to|on to|onto|over to|along to|"
    r"in front of) (?:him|her|them|mr|mrs|ms|dr|the|our|[a-z]+)\b"
    # gaps12: the means to pursue the reason given, "I can give you our general email so you
    # can send the details" (a sales call answered, more than routing: adjudicated batch 11)
    r"|\b(?:i|we) (?:can|will) (?:\w+ )?give you (?:our|the|a|an) (?:\w+ ){0,2}(?:email|email "
    r"address|address|number|link|form)(?: \w+){0,3}? so (?:that )?you can\b"
)

#: gaps8 (issue 17): on a wrong-number call the help is the right firm's number (worked
#: example 04): "I can give you Spokes' number, though", "I'll give you their number".
_GIVES_NUMBER = re.compile(
    r"\b(?:i|we) (?:can|will|could|shall) (?:\w+ )?(?:give|read|text) you (?:\w+ ){0,2}number\b"
)

#: gaps8 (issue 17): the thing the caller asked for, sent: "Could I get a copy of my energy
#: certificate?" - "I can email you a copy of your energy certificate". Sending by itself is
#: no commitment ("I'll send you an email with the details"): what is sent must be the reason,
#: and only as the direct answer to the request (the first reply), not a later step of the call.
_SENDS = re.compile(
    r"\b(?:i|we) (?:can|will|shall|am going to|are going to) (?:\w+ )?(?:email|send|post|text)"
    r" (?:you |it |that |them )?(?:over |out |across )?(?:a |an |the |your |that |this )"
    r"(?:\w+ ){0,5}"
)


def _sends_what_was_asked(normal: str, want: set[str]) -> bool:
    if (
        "send" not in normal
        and "email" not in normal
        and "post" not in normal
        and "text" not in normal
    ):
        return False  # most replies: no sending verb at all
    m = _SENDS.search(normal)
    return m is not None and bool(content_stems(m.group()) & want)


#: Words of when, not what: "since last night" and "your last bill" share no reason.
_NOT_A_REASON = frozenset(
    stem(w)
    for w in """last night nights morning mornings afternoon evening evenings today yesterday
    tomorrow week weeks month months day days hour hours minute minutes ago since time times
    now still again every one two three four five six seven eight nine ten
    sorry trouble bother apologies apologise apologize pardon excuse""".split()
    # gaps7 (issue 17): the caller's courtesy ("I am very sorry to trouble you") is no
    # reason; an agent's "Sorry, did you say ...?" shares the word but not the reason
)
#: gaps7: a word read back to check it ("Sorry, did you say Ms Collins?") is heard, not
#: named as the reason: the question is left out of what the reply says
_READ_BACK_Q = re.compile(
    r"(?:[Dd]id you say|[Ww]as that|[Ww]as it|[Yy]ou said|[Ii]s that)\b[^.?!]*\?"
)

_ACTING = ("lookup", "hold", "transfer", "ticket")


#: gaps5 (issue 17): an identifier asked in a question of any frame ("Have you the job
#: number there off the sheet?", "And your applicant ID and date of birth, so I can pull up
#: your file?", "Have you got your claim number, love?"): a question sentence that names
#: the caller's identifier (not a phone or contact number) and does not offer one.
_ID_NOUN = re.compile(
    r"\b(?:your|the|his|her|their) (?!(?:phone|mobile|contact|telephone|home|work|cell|landline"
    r"|best|direct|fax|extension|new|same|right|wrong)\b)(?:[a-z]+ ){0,2}"
    r"(?:number|reference|ref|id|date of birth|postcode|post code|zip code)\b"
)
_OFFERS_ID = re.compile(
    r"\b(?:would you like|do you want|do you need|shall i|should i|can i give|let me give|is this"
    r"|is that|is it|was it|did you get|did you receive|have you received|got it)\b"
)


def _asks_id(turn: Turn) -> bool:
    # cheap gates first: a question mark, then the identifier in the whole line
    if "?" not in turn.text or not _ID_NOUN.search(turn.normal):
        return False
    for part in turn.text.lower().split("?")[:-1]:  # each question, back to its sentence start
        q = part[max(part.rfind("."), part.rfind("!")) + 1 :]
        if _ID_NOUN.search(q) and not _OFFERS_ID.search(q):
            return True
    return False


#: gaps7 (issue 17): the slip that stands for the order ("Have you got the ticket from the
#: drop-off?", "Do you have your receipt there?"): asked for, it is the order's number
_SLIP = re.compile(
    r"\b(?:have you got|have you|do you have|you got|got|can i (?:have|get|take|see)|could i "
    r"(?:have|get|take|see)|what is on)(?: \w+){0,2} (?:the|your) (?:\w+ )?"
    r"(?:ticket|receipt|docket|stub|slip|claim ticket|collection ticket)\b"
)


def _asks_slip(turn: Turn) -> bool:
    n = turn.normal
    return "?" in turn.text and any(w in n for w in _SLIP_WORDS) and bool(_SLIP.search(n))


_SLIP_WORDS = ("ticket", "receipt", "docket", "stub", "slip")


def _first_id_ask(turns: Sequence[Turn]) -> Turn | None:
    return next((t for t in turns if t.has("ask_account") or _asks_id(t) or _asks_slip(t)), None)


@item(
    "open.verify_account",
    "Verifies the order or account",
    "Ask for the order number and have the caller verify identifying details.",
    "002, 003",
)
def verify_account(call: Call, p: Params) -> Check:
    if "order" not in call.context:
        return na("no order or account in this call")
    acting = [i for name in _ACTING for i, _ in call.events(name)]
    act_at = min(acting) if acting else call.end_index
    ask = _first_id_ask(call.agent_between(0, act_at))
    if ask:
        return passed("asks for the number or verification before acting on it", ask)
    later = _first_id_ask(call.agent_turns)
    if later:
        return failed("verifies only after acting on the account", later)
    return failed("never asks for an order/account number or verification details")


# speedy4 (issue 17, speed): each expression behind the literals its matches need, worked
# out from the expression itself (scoring.literals.gated): the same answers, and a changed
# pattern brings its own pre-check.
_NAME_QUESTION, _ASKS_REASON, _WILL_SEE_TO, _ID_NOUN = map(
    gated, (_NAME_QUESTION, _ASKS_REASON, _WILL_SEE_TO, _ID_NOUN)
)
