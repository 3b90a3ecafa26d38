"""Which option the caller takes when the agent offers a choice, and in whose words.

"Would you rather I email you or call you back?" gets an answer a caller of this scenario
would give, named in their own words ("a call's better"), never a yes to an either-or
question; a caller who must not be passed on never picks the transfer.
"""

from __future__ import annotations

import re

from scoring.normalise import normalise
from simulator.engine.agent_words import (
    _GENERIC_STEMS,
    _SUBJECT,
    _as_caller,
)
from simulator.engine.caller_base import CallerBase
from simulator.engine.understand import Heard

_WISH = re.compile(r"\b(?:you|u) (?:want|would like|d like|prefer|need|would rather)\b", re.I)
_EITHER_OR = re.compile(r"^(?P<a>.+?),? or (?P<b>.+?)[?.!]*$", re.I)
#: the words before the first option: "do you want me to", "would you prefer", "and u want"
_LEAD = re.compile(
    r"^.*?\b(?:want|wanted|like|prefer|rather|need|should i|shall i|either|go for|go with)"
    r"(?:\s+(?:me|us|him|her|them|it|that|this|these|those))?(?:\s+to)?\s+",
    re.I,
)


#: a first option that still carries the question's opening words ("is the pickup today")
_ASKED_LEAD = re.compile(
    r"^(?:is|are|was|were|do|does|did|will|would|should|shall|can|could|have|has)\s", re.I
)
_B_LEAD = re.compile(
    r"^(?:(?:would|do|did) (?:you|u) (?:rather|prefer|want|like|need)(?: (?:me|us|him|her) to)?"
    r"(?: to)? |(?:should|shall|can|could|would) (?:i|we) |(?:i|we) (?:can|could) )",
    re.I,
)
#: the caller's preference asked, not a fact: "would you rather", "do you want me to", "shall I"
_PREFERENCE = re.compile(
    r"\b(?:(?:would|do|d) (?:you|u) (?:want|like|prefer|rather|need)|(?:you|u) (?:would like|"
    r"d like|prefer|would rather|d rather)|should i|shall i|which (?:would|do) you prefer|"
    r"which is better for you)\b"
)
#: an option that is sooner, and one that goes above the agent (an aggrieved caller's pick)
_SOONER = re.compile(r"\b(?:now|today|right away|straight away|immediately|this afternoon)\b", re.I)
_ABOVE = re.compile(r"\b(?:supervisor|manager|team leader|team lead|boss)\b", re.I)


#: a yes that already names the option chosen, in the caller's own line
_SAYS_OPTION = {
    "accept_supervisor": re.compile(r"\b(?:supervisor|manager|team lead(?:er)?)\b", re.I),
    "agree_hold": re.compile(r"\bhold", re.I),
    "checkin_agree": re.compile(r"\bhold", re.I),
    "choose_message": re.compile(r"\bmessage\b", re.I),
    "choose_voicemail": re.compile(r"\bvoice ?mail\b", re.I),
    "choose_transfer": re.compile(r"\b(?:transfer|put (?:me|you) through|connect)\b", re.I),
}


#: the question that closes a list of options: "..., which one you want?", "which do you prefer"
_WHICH_TAIL = re.compile(
    r"[,.;:?!]?\s*\b(?:so\s+)?which(?: one| of (?:those|them|these))?(?: (?:is|would be) "
    r"better| (?:do |would )?(?:you|u) (?:want|prefer|like|rather|choose|pick)| suits?(?: you)?"
    r"| works? (?:best|better)?)?(?: for (?:you|u))?\s*[?.!]*$",
    re.I,
)


_OFFERS_LIST = re.compile(
    r"^(?:(?:ok|okay|so|well|right)\s+)?(?:i|we|u|you) (?:can|could|would|might|d)\b|"
    r"^(?:(?:ok|okay|so|well|right)\s+)?(?:do|would) (?:you|u) (?:want|like|prefer)\b",
    re.I,
)


def _options(question: str) -> tuple[str, ...] | None:
    """The options of a choice: two ("would you like a refund or a replacement?") or a list
    ("I can exchange them, refund you, or give you a credit, which do you want?"); None when
    the line offers no choice between short options."""
    stripped = _WHICH_TAIL.sub("", question.strip()).strip()
    pair = _either_or(stripped)
    m = _EITHER_OR.match(stripped)
    if m is None or pair is None:
        return _either_or(question) or pair
    listed = [p.strip() for p in m.group("a").split(",") if p.strip()]
    # a list is offered as one: "I can exchange them, refund you, or give you a credit";
    # "thanks for holding, the large is in stock, would you like ..." is a preface and a pair
    if len(listed) < 2 or not _OFFERS_LIST.match(listed[0]) or _LEAD.match(listed[-1]):
        return pair
    first = _SUBJECT.sub("", _LEAD.sub("", listed[0]).strip())
    first = _SUBJECT.sub("", _B_LEAD.sub("", first).strip())
    rest = [_SUBJECT.sub("", _B_LEAD.sub("", p).strip()) for p in listed[1:]]
    options = (first, *rest, pair[1])
    if len(options) > 5 or any(not o or len(o.split()) > 8 for o in options):
        return pair
    return options


def _either_or(question: str) -> tuple[str, str] | None:
    """The two options of "would you like a refund or a replacement?" (None if it is not
    a choice between two short options)."""
    m = _EITHER_OR.match(question.strip())
    if m is None:
        return None
    whole = m.group("a").split(",")[-1]
    a = _SUBJECT.sub("", _LEAD.sub("", whole).strip())  # "we send a crew": "send a crew"
    b = _SUBJECT.sub("", _B_LEAD.sub("", m.group("b")).strip())
    if a == whole.strip() and _ASKED_LEAD.match(a):
        # "is the pickup today or tomorrow?": the first option is as long as the second
        a = " ".join(a.split()[-len(b.split()) :])
    if not a or not b or len(a.split()) > 6 or len(b.split()) > 6 or " or " in b:
        return None
    return a, b


class Choices(CallerBase):
    """The `choices` steps of `Reactions` (see the module docstring)."""

    def _choice(self, heard: Heard, tie_first: bool = False) -> str | None:
        """An either/or question ("a refund or the big one?", "email it or post it?"): the
        option that names what the caller came for, or the one that is not an outcome they
        do not want; None when the line offers no such choice or neither option is better."""
        from simulator.engine.topics import outcomes_in, stems

        # spoken, a choice often has no question mark: "ok and u want a refund or the big one"
        wish = _WISH.search(heard.text) or _PREFERENCE.search(normalise(heard.text))
        asked = heard.asks if heard.question else heard.text if wish else ""
        options = _options(asked) if asked else None
        if options is None or {"spam", "wrong_number"} & set(self.scenario.context):
            return None
        c = self.scenario.caller
        goal = f"{c.goal} {c.expects.resolution}"
        want, wanted = stems(goal), outcomes_in(goal)
        aggrieved = self.temper.mood >= 1 or "asks_supervisor" in c.traits

        def score(option: str) -> int:
            named = outcomes_in(option)
            offered = named - {"transfer"}
            unwanted = bool(offered) and not offered & wanted
            points = 2 * len(stems(option) & want) + bool(offered & wanted) - 3 * unwanted
            if c.expects.no_transfer and "transfer" in named:
                points -= 10  # passed on again: never
            points += bool(_SOONER.search(option))  # "now" over "someone comes out"
            return points + bool(aggrieved and _ABOVE.search(option))

        points = [score(o) + self._said_so(o) for o in options]
        best = max(points)
        if points.count(best) > 1:
            # asked which they prefer, a person with no reason either way takes the first
            return options[points.index(best)] if tie_first else None
        return options[points.index(best)]

    def _said_so(self, option: str) -> int:
        """An option the caller already asked for in this call ("a message is fine")."""
        from simulator.engine.topics import stems

        own = stems(" ".join(self.memory.texts))
        return 2 * len(stems(option) & own - _GENERIC_STEMS)

    def _names_option(self, situation: str, option: str) -> bool:
        """The caller's own line for a yes already names the option ("Yes. Have your
        supervisor call me."), so it is said instead of the option echoed."""
        from simulator.scenario.lines import DEFAULT_LINES

        kind = _SAYS_OPTION.get(situation)
        if kind is None or not kind.search(option):
            return False
        said = self.scenario.line(situation) or DEFAULT_LINES.get(situation, ())
        return all(kind.search(t) for t in said) if said else False

    def _prefers(self, heard: Heard) -> str:
        """The caller's preference asked between two things to do ("would you rather I email
        the answers or call you back?", "put you through now or have him call you?"): the
        option that serves them is said, in their words ("" when not asked); a fact asked as
        either/or ("is the pickup today or tomorrow?") is answered as a fact."""
        from simulator.engine.topics import bare_choice

        if not (_PREFERENCE.search(normalise(heard.text)) or bare_choice(heard.text)):
            return ""
        choice = self._choice(heard, tie_first=True)
        if choice is None:
            return ""
        self.hear_value("option", _as_caller(choice))
        return choice
