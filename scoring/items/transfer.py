"""Transfers (seeds 000, 001, 002, 003): screen, offer the choice, warm, announce, once."""

from __future__ import annotations

import re

from scoring.call import Call, Turn, name_tokens
from scoring.extract import (
    digit_runs,
    digits_only,
    emails,
    has_phone_shape,
    is_role_mailbox,
    mentions_digits,
    spoken_digits,
)
from scoring.items.base import Check, Params, failed, first, item, na, passed

_TRANSFER_WORDS = re.compile(
    r"\b(?:transfer\w*|put you through|putting you through|connect you|connecting you|"
    r"patch you|send you over|send you to|sending you to|forward your call|put through|"
    r"pop you through|popping you through)\b"
)
_NOT_CUSTOMER = re.compile(
    r"\b(?:emergency|hospital|accident|my (?:wife|husband|son|daughter|mother|mom|mum|father|"
    r"dad|brother|sister|partner|kid|child|grandson|granddaughter)|his (?:wife|mother|father)|"
    r"her (?:husband|mother|father)|family|i work (?:here|with|in|at)|colleague|coworker|"
    r"co worker|from (?:the )?(?:\w+ )?(?:office|branch|team|department|warehouse)|"
    # an employee reaching a colleague: "I'm one of the install leads", "my crew"
    r"one of (?:the|your|our) (?:\w+ ){0,2}(?:leads|techs|technicians|drivers|installers|"
    r"engineers|reps|fitters|staff|nurses|agents)|i work for you|my crew|"
    r"(?:install|field|site|crew|team|shift) (?:lead|leader|supervisor))\b"
)


def _no_transfer(call: Call) -> Check | None:
    return None if call.transfers else na("no transfer")


@item(
    "xfer.screened",
    "Screens spam callers",
    "Do not transfer spam or unauthorised calls to other people in the company.",
    "000",
)
def screened(call: Call, p: Params) -> Check:
    if "spam" not in call.context:
        return na("not a spam call")
    if call.transfers:
        ev = call.transfers[0][1]
        return failed(f"spam call transferred (ext {ev.get('ext') or '?'})", ev)
    return passed("spam call not transferred")


@item(
    "xfer.product_kept",
    "Keeps product questions",
    "Do not transfer product questions; research and follow up yourself.",
    "000",
)
def product_kept(call: Call, p: Params) -> Check:
    if "product_question" not in call.context:
        return na("no product_question context")
    if call.transfers:
        return failed("product question transferred", call.transfers[0][1])
    own = first(call.agent_turns, "ownership")
    if own:
        return passed("not transferred; the agent owns the research and follow-up", own)
    # Consulting a colleague during a hold and passing the answer on is owning
    # it (README-transfer.md, xfer.product_kept).
    consulted = [
        e for i, e in call.events("consult") if e.get("result") == "answered" and call.on_hold_at(i)
    ]
    if consulted:
        return passed(
            "not transferred; the agent consulted during a hold and relayed the answer",
            consulted[0],
        )
    # Researching with the team and following up in writing is owning it too.
    research = first(call.agent_turns, "handoff", "commit_help")
    follow = first(call.agent_turns, "promise_email")
    if research and follow:
        return passed(
            "not transferred; the agent researches and follows up by email", research, follow
        )
    return failed("not transferred, but the agent takes no ownership of the research")


_INTERNAL_CONTACT = re.compile(
    r"\b(?:extension|ext|x) ?\d{2,}\b|\b(?:direct|personal|cell|mobile) (?:line|number|dial|"
    r"extension|email|phone)\b|\b(?:his|her) (?:number|phone|email|extension|line|cell|mobile|"
    # gaps8 (issue 17): the state of a phone is no contact, "in the edit all day with her
    # phone off", "his line is busy"
    r"direct)\b(?! (?:is |was |has been |has )?(?:off|switched off|turned off|on silent|dead|"
    r"died|busy|engaged|ringing|rang out|down|broken|playing up))"
    r"|\b(?:reach|call|contact|email|ring|text) (?:him|her) (?:directly )?(?:at|on)\b"
)


_EXTENSION_WORD = re.compile(r"\b(?:extension|ext|x)\b")


def _gives_contact(normal: str) -> bool:
    """An internal contact in the line; an extension said in words ("extension four two oh
    seven") is read as digits, but only in a line that names an extension at all."""
    if _INTERNAL_CONTACT.search(normal):
        return True
    return bool(_EXTENSION_WORD.search(normal)) and bool(
        _INTERNAL_CONTACT.search(spoken_digits(normal))
    )


@item(
    "xfer.no_internal_contacts",
    "Gives out no internal contacts",
    "Do not divulge internal people's direct numbers, extensions or emails.",
    "000",
)
def no_internal_contacts(call: Call, p: Params) -> Check:
    if "product_question" not in call.context:
        return na("no product_question context")
    said_by_caller: set[str] = set()
    spelled = ""  # the caller's lines with spoken "dot"s and "at"s taken out
    for turn in call.turns:
        if turn.line.is_caller:
            said_by_caller.update(emails(turn.text))
            if " dot " in turn.normal:
                spelled += " " + _SPOKEN_MAIL.sub("", turn.normal).replace(" ", "")
            continue
        personal = [
            e
            for e in emails(turn.text)
            if e not in said_by_caller
            and not is_role_mailbox(e)
            and not _spelled_by_caller(e, spelled)
        ]
        if personal or _gives_contact(turn.normal) or _gives_own_phone(call, turn):
            return failed("gives out an internal person's contact", turn)
    return passed("no internal person's number, extension or email given")


#: gaps9 (issue 17): the caller's own address spelled out ("hannah dot lister at seamail dot
#: co dot uk") and written back by the agent ("So that's hannah.lister@seamail.co.uk") is
#: no internal contact
_SPOKEN_MAIL = re.compile(r"\b(?:dot|at|underscore|dash|hyphen|point)\b")


def _spelled_by_caller(address: str, spelled: str) -> bool:
    local, _, domain = address.partition("@")
    letters = re.sub(r"[^a-z0-9]", "", local)
    host = re.sub(r"[^a-z0-9]", "", domain.split(".")[0])
    return bool(spelled) and len(letters) >= 2 and letters + host in spelled


_PERSONAL_PHONE = re.compile(r"\b(?:mobile|cell|cellphone|direct|personal)\b")


def _gives_own_phone(call: Call, turn: Turn) -> bool:
    """A mobile or direct number read out that the caller did not give ("Dean's mobile is
    07700 900611"; issue 17). The caller's own number read back is no internal contact."""
    if not _PERSONAL_PHONE.search(turn.normal) or not has_phone_shape(turn.text):
        return False  # most lines: no such word, or no number
    theirs = {r for c in call.caller_between(0, turn.index) for r in digit_runs(c.text)}
    return any(len(r) >= 7 and r not in theirs for r in digit_runs(turn.text))


_CHOICES: tuple[str, ...] = ("offer_transfer_or_message",)
_CHOICES_TO_MAILBOX: tuple[str, ...] = ("offer_transfer_or_message", "offer_voicemail_choice")


@item(
    "xfer.offer_choice",
    "Offers transfer or message",
    "Give the caller the option of being transferred or leaving a message.",
    "001",
)
def offer_choice(call: Call, p: Params) -> Check:
    if skip := _no_transfer(call):
        return skip
    hit = None
    for k, (_, ev) in enumerate(call.transfers):
        # gaps6 (issue 17): to a voicemail, "I can take a message for him, or put you
        # through to his voicemail" is the choice: the other option is a message
        to_mailbox = ev.get("voicemail") in ("yes", "true")
        acts = _CHOICES_TO_MAILBOX if to_mailbox else _CHOICES
        offer = first(call.agent_between(*call.transfer_window(k)), *acts)
        if not offer:
            return failed("no choice of transfer or message before the transfer", ev)
        hit = hit or offer
    return passed("offers the choice of transfer or message", hit)


def _consented(call: Call, start: int, end: int) -> Turn | None:
    """The caller's agreement to be transferred in lines [start, end), if they gave it."""
    verdict: Turn | None = None
    for turn in call.caller_between(start, end):
        prev = call.agent_before(turn.index)
        # A "no" to "anything else?" in the same breath is not a "no" to the transfer.
        about_transfer = bool(
            prev and _TRANSFER_WORDS.search(prev.normal) and not prev.has("anything_else")
        )
        # gaps7: "Oh, put me through. I'd rather just talk to her now" picks the transfer:
        # the caller asking to be put through objects to nothing
        objects = turn.has("refuse") and not turn.has("agree", "ask_transfer")
        accepts = turn.has("agree") or (
            turn.has("thanks", "calmer") and not objects and "?" not in turn.text
        )
        if turn.has("choose_message") or (about_transfer and objects):
            verdict = None
        elif turn.has("ask_transfer", "choose_voicemail") or (about_transfer and accepts):
            verdict = turn
    return verdict


@item(
    "xfer.permission",
    "Gets permission to transfer",
    "Obtain the caller's permission before a live transfer.",
    "003",
)
def permission(call: Call, p: Params) -> Check:
    if skip := _no_transfer(call):
        return skip
    yeses = []
    for k, (_, ev) in enumerate(call.transfers):
        yes = _consented(call, *call.transfer_window(k))
        if yes is None:
            return failed("transferred without the caller agreeing", ev)
        yeses.append(yes)
    return passed("the caller agreed to the transfer", *yeses[:2])


@item(
    "xfer.collect_info",
    "Collects name, ID and reason before transferring",
    "Before transferring, get the caller's name, identification number and inquiry.",
    "001",
)
def collect_info(call: Call, p: Params) -> Check:
    if skip := _no_transfer(call):
        return skip
    at, ev = call.transfers[0]
    name = call.caller_gave_name_at
    ident = call.id_given_at
    reason = call.reason_turn
    missing = []
    if name is None or name > at:
        missing.append("name")
    if reason is None or reason.index > at:
        missing.append("reason")
    non_customer = "transfer_ok" in call.context and any(
        _NOT_CUSTOMER.search(t.normal) for t in call.caller_between(0, at)
    )
    if (ident is None or ident > at) and not non_customer:
        missing.append("identification number")
    if missing:
        return failed(f"before the transfer, no {', '.join(missing)}", ev)
    got = [i for i in (name, ident) if i is not None]
    return passed(
        "name, identification and reason known before the transfer",
        *(call.lines[i] for i in got),
        reason,
    )


@item(
    "xfer.warm",
    "Warm transfer (consults first)",
    "Hold the caller, reach the receiving party and give them the caller's details first.",
    "001",
)
def warm(call: Call, p: Params) -> Check:
    if skip := _no_transfer(call):
        return skip
    for k, (at, ev) in enumerate(call.transfers):
        start, _ = call.transfer_window(k)
        consults = call.events_between("consult", start, at)
        ext = ev.get("ext")
        answered = [
            (i, c)
            for i, c in consults
            if c.get("result") == "answered"
            and call.on_hold_at(i)
            and (not ext or not c.get("ext") or c.get("ext") == ext)
        ]
        if answered:
            continue
        if ev.get("voicemail") == "yes":
            missed = [(i, c) for i, c in consults if c.get("result") in ("voicemail", "no_answer")]
            chose = missed and any(
                t.has("choose_voicemail") for t in call.caller_between(missed[0][0], at)
            )
            if chose:
                continue
            return failed(
                "sent to voicemail without a consult that found no one and the caller's choice", ev
            )
        return failed(
            "no answered consult with the receiving party during a hold before the transfer", ev
        )
    return passed(
        "reached the receiving party on hold before transferring",
        *(c for _, c in call.events("consult")[:2]),
    )


@item(
    "xfer.announce",
    "Announces name and extension",
    "Tell the caller the name of the person and the extension they are transferred to.",
    "001, 002, 003",
)
def announce(call: Call, p: Params) -> Check:
    if skip := _no_transfer(call):
        return skip
    lines = []
    for k, (_, ev) in enumerate(call.transfers):
        turns = call.agent_between(*call.transfer_window(k))
        person = name_tokens(ev.get("to"))
        ext = ev.get("ext")
        said_name = (
            [t for t in turns if any(f" {w} " in f" {t.normal} " for w in person)]
            if person
            else [
                t
                for t in turns
                if t.has("announce_transfer") and re.search(r"\bto [A-Z][a-z]+", t.text)
            ]
        )
        said_ext = (
            [t for t in turns if mentions_digits(t.text, ext) or _reads_extension(t.normal, ext)]
            if ext
            else [t for t in turns if re.search(r"\b(?:extension|ext)\b\W*\w*\d", t.text.lower())]
        )
        if not said_name or not said_ext:
            missing = " and ".join(
                w for w, ok in (("name", said_name), ("extension", said_ext)) if not ok
            )
            return failed(f"the caller is not told the {missing} before the transfer", ev)
        lines.append(said_ext[-1])
    return passed("tells the caller the person's name and extension", *lines[:2])


_UNIT_WORDS = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS_WORDS = {
    w: 10 * n
    for n, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)
}


def _grouped_digits(normal: str) -> str:
    """The digits of numbers read in groups: "forty four ten" -> "4410", "forty one" -> "41"."""
    out: list[str] = []
    toks = normal.split()
    i = 0
    while i < len(toks):
        tok, nxt = toks[i], toks[i + 1] if i + 1 < len(toks) else ""
        if tok in _TENS_WORDS:
            unit = _UNIT_WORDS.get(nxt, 0)
            if 0 < unit < 10:
                i += 1
            out.append(str(_TENS_WORDS[tok] + (unit if unit < 10 else 0)))
        elif tok in _UNIT_WORDS or tok.isdigit():
            out.append(str(_UNIT_WORDS.get(tok, tok)))
        else:
            out.append(" ")
        i += 1
    return "".join(out)


def _reads_extension(normal: str, ext: str) -> bool:
    """The extension said in groups of tens ("extension forty-one"; issue 17), in a line
    that names an extension: "forty-one dollars" elsewhere is no extension."""
    want = digits_only(ext)
    if not want or not _EXTENSION_WORD.search(normal):
        return False
    return any(want in run for run in _grouped_digits(normal).split())


@item(
    "xfer.once", "Transfers at most once", "No caller should be transferred more than once.", "001"
)
def once(call: Call, p: Params) -> Check:
    already = "already_transferred" in call.context
    n = len(call.transfers)
    if not n and not already:
        return na("no transfer and not already_transferred")
    limit = 0 if already else int(p["max_transfers"])
    if n > limit:
        why = (
            "transferred again after an earlier transfer"
            if already
            else f"{n} transfers (at most {limit})"
        )
        return failed(why, *(e for _, e in call.transfers[:3]))
    if already:
        return passed("already transferred once; not transferred again")
    return passed(f"{n} transfer(s)", *(e for _, e in call.transfers[:1]))


@item(
    "xfer.voicemail_choice",
    "Offers message or voice mailbox",
    "If only voicemail answers, offer a message with you or the voice mailbox.",
    "001",
)
def voicemail_choice(call: Call, p: Params) -> Check:
    missed = [
        (i, c) for i, c in call.events("consult") if c.get("result") in ("voicemail", "no_answer")
    ]
    if not missed:
        return na("no consult reached voicemail or went unanswered")
    at, consult = missed[0]
    later_transfers = [i for i, _ in call.transfers if i > at]
    end = later_transfers[0] if later_transfers else call.end_index
    # "Before either happens" is the only timing the spec sets, so an offer made
    # before the consult ("if she doesn't pick up, would you rather ...") counts.
    start = max((i for i, _ in call.transfers if i < at), default=0)
    offer = first(call.agent_between(start, end), "offer_voicemail_choice")
    if offer:
        return passed("offers a message or the voice mailbox", consult, offer)
    return failed("no choice of message or voice mailbox offered", consult)


@item(
    "xfer.correct_number",
    "Gives the right number",
    "When a caller dialled the wrong number, give them the correct number for future use.",
    "001",
)
def correct_number(call: Call, p: Params) -> Check:
    if "wrong_number" not in call.context:
        return na("not a wrong-number call")
    want = call.t.correct_number
    for turn in call.agent_turns:
        if (want and mentions_digits(turn.text, want)) or (not want and has_phone_shape(turn.text)):
            return passed(f"gives the correct number{f' {want}' if want else ''}", turn)
    return failed(f"never gives the correct number{f' {want}' if want else ''}")
