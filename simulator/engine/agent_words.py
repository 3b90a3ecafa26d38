"""Patterns of agent lines that several of the caller's reaction steps read.

Shared by `reactions.py`, `read_backs.py`, `choices.py`, `outcomes.py` and
`archetypes.py`; each pattern is kept once, next to its examples.
"""

from __future__ import annotations

import re

from simulator.engine.caller_state import Rung

#: acts that mistreat the caller, and what the caller says back when not climbing the ladder.
MISTREATMENT = {
    "talk_down": "talked_down",
    "blame_caller": "blamed",
    "dismiss": "dismissed",
    "refuse_help": "refused",
}
#: acts that turn the caller away without an answer: the caller climbs the ladder.
_BRUSH_OFF = frozenset({"refuse_help", "dismiss", "guess"})
#: acts that work toward what the caller wants.
_HELPS = frozenset(
    {
        "commit_help",
        "ownership",
        "promise_callback",
        "promise_email",
        "handoff",
        "summarize",
        "create_record",
        "offer_supervisor",
    }
)
_SCREENING = frozenset(
    {
        "refuse_help",
        "say_unavailable",
        "offer_message",
        "offer_transfer_or_message",
        "promise_email",
        "ask_email",
        "bad_news",
        "dismiss",
    }
)
#: a rung of the ladder -> what the caller says on reaching it
_RUNG_SAYS = {
    Rung.EXPERT: "escalate_expert",
    Rung.SUPERVISOR: "escalate_supervisor",
    Rung.FOURTH: "fourth_level",
}


#: what an agent does that shows a wrong-number caller they reached the wrong company
_ACTS_ON_IT = frozenset(
    {
        "ask_account",
        "make_offer",
        "commit_help",
        "ownership",
        "create_record",
        "say_unavailable",
        "refuse_help",
        "check_history",
        "bad_news",
        "offer_message",
        "announce_transfer",
    }
)
#: words of every order or account: naming one is not naming what the caller came for
_GENERIC_STEMS = frozenset({"order", "account", "item", "product", "purchas", "get"})
#: the right firm's number offered to a caller who dialled the wrong one
_THEIR_NUMBER = re.compile(
    r"\b(?:their|the right|the correct|that) (?:phone )?number\b|\blook (?:it|that|them|it s) up\b"
    r"|\bfind (?:it|that|their|the) (?:number )?for you\b"
)


def _later(hours: float, than: float) -> bool:
    """A day or more later, and at least twice as long: "next week" after "tomorrow", not
    "by five" after "this afternoon"."""
    return hours >= max(2 * than, than + 12)


_DAY_NAMES = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")
#: the agent's words turned to the caller's: "you" is the caller, "I" the agent
_FLIP = {
    "you": "me", "your": "my", "yours": "mine", "yourself": "myself", "u": "me", "ur": "my",
    "me": "you", "my": "your", "mine": "yours", "myself": "yourself",
}  # fmt: skip
_SUBJECT = re.compile(r"^(?:i|we)(?: (?:can|could|will|would|should|shall))? ", re.I)


def _as_caller(option: str) -> str:
    """An option as the caller says it back: "i email you the answers" -> "Email me the
    answers", "daniel calls you" -> "Daniel calls me", "post one to you" -> "Post one to me"."""
    words = _SUBJECT.sub("", option.strip()).split()
    said = " ".join(_FLIP.get(w.lower(), w) for w in words)
    said = _DAY_NAMES.sub(lambda d: d.group(0).capitalize(), said)
    return said[:1].upper() + said[1:]


def _brushes_off(acts: frozenset[str]) -> bool:
    """Turned away with nothing else: "I can't send it by phone, but I'll email it" is not."""
    return bool(_BRUSH_OFF & acts) and not (_HELPS & acts)


def _lower_first(text: str) -> str:
    """'It was late' -> 'it was late' after "I said, "; 'I'd like' and names stay."""
    first = text.split(" ", 1)[0]
    if first == "I" or first.startswith("I'") or (first[1:2].isupper()):
        return text
    return text[:1].lower() + text[1:]


def _mentions(text: str, name: str) -> bool:
    lower = text.lower()
    return any(re.search(rf"\b{re.escape(p.lower())}\b", lower) for p in name.split() if len(p) > 2)
