"""A learner's question put in the order the caller's hearing expects.

Trainees who learnt English as a second language, or who think in another language's
word order, ask "the certificate, when you need it?", "where he is now?" or "for what you
need the planter?". A person on the phone understands these at once; the caller's cues
("when do you need", "where is he") are written in standard order. Rewriting the
question before it is heard keeps one set of cues for everyone.

Only questions are rewritten (a line ending in "?" whose question starts the sentence),
so "I don't know what you need" stays as it is.
"""

from __future__ import annotations

import re

_WH = r"(?:when|where|why|what|how|how much|how many|how long|which [a-z'-]+)"
_SUBJECT = r"(?:you|we|they|i|he|she|it)"
#: "have" is left out: "when you have this problem?" wants its "do"
_AUX = (
    r"(?:do|does|did|is|are|was|were|am|can|could|will|would|should|shall|must|may|might|"
    r"don't|didn't|can't|won't)"
)
#: past forms a learner leaves without "did" ("when you made it?")
_PAST = frozenset(
    "made paid found got sent bought said took gave came went saw told had heard left put "
    "spoke rang called".split()
)
#: "the certificate, when you need it?": a thing named first, then the question about it
_FRONTED = re.compile(
    r"^(?P<lead>(?:(?:and|so|ok|okay|right|and the|sorry)\s*,?\s+)?)"
    r"(?P<thing>(?:the|your|his|her|this|that|my|our)\s+[a-z'-]+(?:\s+[a-z'-]+)?)\s*,\s*"
    r"(?P<ask>(?:for\s+)?" + _WH + r"\b[^?]*)\?\s*$",
    re.IGNORECASE,
)
#: "for what you need it?": the preposition that ends a standard question
_FOR_WHAT = re.compile(r"^(?P<lead>.*?)\bfor what\s+(?P<rest>[^?]+)\?\s*$", re.IGNORECASE)
#: "where he is now?", "why the invoice is so late?": be or a modal before its subject
_UNINVERTED = re.compile(
    r"^(?P<lead>(?:(?:and|so|ok|okay|sorry)\s*,?\s+)?)(?P<wh>" + _WH + r")\s+"
    r"(?P<subject>" + _SUBJECT + r"|(?:the|your|his|her|this|that)\s+[a-z'-]+)\s+"
    r"(?P<aux>(?:is|are|was|were|can|could|will|would|should|has|have))\b",
    re.IGNORECASE,
)
#: "when you need it?", "since when you have this problem?": no "do" at all
_NO_DO = re.compile(
    r"^(?P<lead>(?:(?:and|so|ok|okay|sorry|since)\s*,?\s+)?)(?P<wh>" + _WH + r")\s+"
    r"(?P<subject>" + _SUBJECT + r")\s+(?!" + _AUX + r"\b)(?P<verb>[a-z'-]+)",
    re.IGNORECASE,
)
_OBJECT_PRONOUN = re.compile(r"\b(?:it|him|her|them)\b", re.IGNORECASE)
_SUBJECT_PRONOUN = re.compile(r"\b(?:he|she|it|they)\b", re.IGNORECASE)


#: an offer or a question dressed as asking leave: "would it be ok if I email it to you",
#: "would you mind if I send a label", "may I ask where you wanted the bench", "could I
#: possibly ask for your order number"
_LEAVE_TO_ACT = re.compile(
    r"\b(?:(?:would|will) it be|is it|would that be) (?:ok|okay|alright|all right|fine)"
    r"(?: with you)? if i\b|\b(?:would|do|will) you mind if i\b",
    re.IGNORECASE,
)
_LEAVE_TO_ASK = re.compile(
    r"\b(?:may|can|could) i (?:just )?(?:possibly )?(?:please )?ask(?: you)?"
    r"(?: (?P<wh>what|when|where|why|how|which|who)\b| for (?P<your>your)\b)",
    re.IGNORECASE,
)


_HOLD_OR_TRANSFER = re.compile(r"\b(?:hold|transfer|put you through|connect you)\b", re.I)


def asking_leave(text: str) -> str:
    """The offer or question inside a request for leave, as it is usually put: "would it
    be ok if I email it to you" -> "I can email it to you, is that ok?", "may I ask where
    you wanted the bench" -> "where you wanted the bench?" (then put in order), "could I
    possibly ask for your order number" -> "can I have your order number?"."""
    out = text
    leave = _LEAVE_TO_ACT.search(out)
    if leave:
        rest = out[leave.end() :].strip(" ?.!")
        # an offer, said as one ("I can email it to you, is that ok?"); a hold or a transfer
        # keeps its question ("can I put you on hold?"), which asks leave in its own right
        if _HOLD_OR_TRANSFER.search(rest):
            out = out[: leave.start()] + "can I " + rest + "?"
        else:
            out = out[: leave.start()] + f"I can {rest}, is that ok?"
    m = _LEAVE_TO_ASK.search(out)
    if m:
        rest = m["wh"] if m["wh"] else "can I have your"
        out = out[: m.start()] + rest + out[m.end() :]
    if out != text and not out.rstrip().endswith("?"):
        out = out.rstrip(" .!") + "?"
    return out


def learner_order(text: str) -> str:
    """The question in standard order ("the certificate, when you need it?" -> "when do you
    need the certificate?"); any other line unchanged."""
    text = asking_leave(text)
    if not text.rstrip().endswith("?"):
        return text
    out = _unfront(text.strip())
    m = _FOR_WHAT.match(out)
    if m and not m.group("lead").strip():
        out = f"what {m.group('rest').strip()} for?"
    out = _UNINVERTED.sub(lambda m: f"{m['lead']}{m['wh']} {m['aux']} {m['subject']}", out, 1)
    return _NO_DO.sub(_with_do, out, 1)


def _unfront(text: str) -> str:
    """ "the driver, where he is now?" -> "where the driver is now?": the thing named first
    takes the place of the pronoun that stands for it."""
    m = _FRONTED.match(text)
    if not m:
        return text
    thing, ask = m.group("thing"), m.group("ask")
    for pronoun in (_OBJECT_PRONOUN, _SUBJECT_PRONOUN):
        if pronoun.search(ask):
            return f"{m.group('lead')}{pronoun.sub(thing, ask, 1)}?"
    return f"{m.group('lead')}{ask} {thing}?"


def _with_do(m: re.Match[str]) -> str:
    subject, verb = m["subject"], m["verb"]
    low = verb.lower()
    if low in _PAST or (low.endswith("ed") and not low.endswith("eed")):
        do = "did"  # "when you called us?" -> "when did you called us?": tense kept, order fixed
    elif subject.lower() in ("he", "she", "it"):
        do = "does"
    else:
        do = "do"
    return f"{m['lead']}{m['wh']} {do} {subject} {verb}"
