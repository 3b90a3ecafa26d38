"""A transcript analysed once for all protocol items.

Many items ask the same questions (when did the caller give their name? where
are the holds? what did each line do?). `Call` answers each once, lazily, so
every rule stays a few lines of plain logic over these facts. Pure: built
from the transcript alone.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Generic, NamedTuple, TypeVar, overload

from scoring.acts import recognise
from scoring.extract import digit_runs, has_phone_shape, id_digit_runs, longest_digit_run
from scoring.literals import gated
from scoring.normalise import fold, normalise
from scoring.transcript import Event, Line, Speech, Transcript

TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "doctor", "sir", "madam", "prof"})
_CORP_SUFFIX = re.compile(
    r"\b(?:inc|incorporated|llc|ltd|limited|co|corp|corporation|company|plc|gmbh|lp|llp)\b"
)
_STOP = frozenset(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself
    yourselves okay yes yeah hi hello hey good morning afternoon evening please thank thanks
    sure well um uh oh ah really also still got get getting gets like need want wanted calling
    call called today help know just going one thing things something anything way able
    let lot much many make made see said says say tell told back right now there again
    ask asking question questions think thinking wondering hoping could would might try
    trying look looking maybe actually think mine came come comes""".split()
)
_SELF_ID = re.compile(
    r"\b(?:my name is|my name's|name is|this is|it's|it is|i'm|i am|speaking with|you have)"
    r"\s+((?:[A-Z][a-zA-Z'\-]+)(?:\s+[A-Z][a-zA-Z'\-]+){0,2})"
)
_SELF_ID_LOWER = re.compile(
    r"(?:\b(?:my name is|my names|my name s|the name is)|^(?:\w+ ){0,2}this is)"
    r"(?: uh| um| er| also)? ([a-z]+(?: [a-z]+)?)"
)
_NOT_NAME = frozenset(
    """calling ringing phoning um uh er and but just also from with really very quite urgent
    important regarding concerning""".split()
)
#: what an aside is said with ("Hello? Sorry, dear, I can hardly hear you."): no reason
_ASIDE_POLITE = frozenset("hello sorry dear love pet mate sir madam pardon please bit".split())
_ASIDE = re.compile(
    r"\b(?:i |we )?(?:can|could) ?(?:hardly|barely|not|n t|nt|just about) "
    r"(?:hear|understand) (?:you|that|a thing)"
    r"|\b(?:you are|you re|it is|the line is) (?:\w+ )?"
    r"(?:breaking up|cutting out|very quiet|really quiet)"
    r"|\b(?:bad|terrible|poor|crackly|noisy) (?:line|connection|signal)\b"
    # gaps6: "Sorry, can you speak up a bit? The line is quite bad."
    r"|\b(?:can|could) you speak up\b"
    r"|\bthe line(?: is)? (?:\w+ )?(?:bad|terrible|poor|awful|crackly)\b"
    r"|\bsay that again\b|\bcome again\b"
    r"|\b(?:hello )?(?:are you|is anyone) (?:still )?there\b|\bcan you hear me\b"
)
#: gaps7 (issue 17): a sentence that is the caller's own aside before the reason: their
#: hearing ("You'll have to speak up, love, I've not got my hearing aid in. Who's that?"), or
#: a moment away from the phone ("Sorry, hang on, let me just shut the back door, the dog's
#: going mad")
_ASIDE_SENTENCE = re.compile(
    r"\b(?:speak up|speak louder|talk louder|who is (?:that|this|speaking))\b"
    r"|\b(?:not got|not wearing|without|forgot) (?:my |me )?(?:hearing aids?|glasses) (?:in|on)\b"
    r"|\blet me (?:just )?(?:shut|close|turn|grab|find|move|pop|go|get) (?:\w+ ){0,3}"
    r"(?:door|window|telly|tv|radio|music|dog|dogs|kids|baby|oven|kettle|glasses|pen|paper|"
    r"somewhere quiet|outside|inside)\b"
)


def _aside_hint(normal: str) -> bool:
    """_ASIDE_SENTENCE, behind plain substring tests (most reason lines have none)."""
    return any(h in normal for h in _ASIDE_HINTS) and bool(_ASIDE_SENTENCE.search(normal))


_ASIDE_HINTS = ("speak", "louder", "who is", "hearing", "glasses", "let me")


def _all_aside(text: str, exclude: frozenset[str]) -> bool:
    """Is every sentence of the line an aside (see _ASIDE_SENTENCE, _ASIDE) or a word or two
    of greeting ("Hiya.")?"""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        norm = normalise(sentence)
        if _ASIDE_SENTENCE.search(norm) or _ASIDE.search(norm):
            continue
        if len(content_stems(sentence, exclude) - _ASIDE_POLITE) >= 2:
            return False
    return True


_NAME_ONLY = re.compile(
    r"^\s*(?:(?:yes|yeah|sure|hi|it's|its|sure,)\s*,?\s*)?"
    r"((?:[A-Z][a-zA-Z'\-]+)(?:\s+[A-Z][a-zA-Z'\-]+){0,2})\s*[.!,]?\s*$"
)


# Words too common to stand alone for a brand ("First", "National" ...).
#: the head of an "X of Y" brand that is a kind of institution, not a name (gaps7)
_INSTITUTION = frozenset(
    """university college school academy institute bank museum council borough county city
    royal london hospital library society""".split()
)
_GENERIC_BRAND_WORDS = _STOP | frozenset(
    """first national american united global general central premier county city state
    royal golden metro north south east west northern southern eastern western
    western pacific atlantic advanced quality express direct family community
    business services service group market insurance medical health great smart swift clear
    light happy prime total value world green fresh local union trust grand point cross house
    homes place plaza river stone bright sunny""".split()
)

_PHONE_ASK = (
    r"\b(?:phone|number to|call you|ring you|phone you|reach you|callback|call back|cell|mobile|"
    r"telephone|best number|a number|your number|contact number|number for (?:you|him|her|them)|"
    # gaps7: "Is the number ending two six one the best one?", "What number shall she ring?"
    r"number ending|number (?:shall|should|can|will|would) (?:i|we|she|he|they)(?: \w+)? "
    r"(?:ring|call|phone|reach|use)|"
    # gaps7: the number of the one the caller rings for ("What's your husband's number?")
    r"(?:husband|wife|mum|mom|mam|dad|mother|father|partner|son|daughter|nan|gran|carer) number)\b"
)
#: the caller confirms what was read back: "That's the one." (gaps6)
#: the caller names the digits as a phone number (gaps7)
_SAYS_PHONE = re.compile(r"\b(?:phone|mobile|cell|cellphone|landline|telephone|tel)\b")


def _phone_after_word(normal: str) -> bool:
    """gaps11 (issue 17): a number of seven digits or more right after the word for a phone,
    unasked ("Shop phone's oh one four one, three three nine, seven seven two oh")."""
    m = _SAYS_PHONE.search(normal)
    return m is not None and longest_digit_run(normal[m.end() : m.end() + 80]) >= 7


def _id_before_phone(normal: str) -> bool:
    """gaps11 (issue 17): the id asked for, given before a phone in the same breath ("B F,
    four oh two, six six. Shop phone's oh one four one ..."); five digits or more, not a year."""
    m = _SAYS_PHONE.search(normal)
    return m is not None and any(len(r) >= 5 for r in id_digit_runs(normal[: m.start()]))


_OWN_PHONE = re.compile(r"\b(?:mobile|cell|landline|phone number|home number|work number)\b")
_THATS_IT = re.compile(
    r"(?:(?!not\b)\w+ )?(?:(?:that is|it is) (?:the one|it|the number|right|correct)"
    # gaps11 (issue 17): "Is the mobile on your account still the best number, ...?" -
    # "That same one." / "Same number, yes"
    r"|(?:(?:that|the) )?same (?:one|number|as before)|that one)\b"
)
_NUMBER = re.compile(r"\bnumber\b")
_ID_WORDS = (
    r"\b(?:order|account|job|member|membership|invoice|shipment|tracking|policy|customer|reference|"
    # gaps11 (issue 17): "the best number for you, in case we get cut off?" asks for no case
    r"confirmation|(?<!\bin )case|claim|ticket|id|booking|reservation|loyalty|card|pro|"
    r"bill of lading|po|"
    r"contract|application|permit|registration|consignment|patient|student|serial|escrow|lot|"
    r"matter|tenant|load|waybill|plan|subscription|license|licence|"
    # gaps8 (issue 17): a prescription's number is the patient's order number at a pharmacy
    r"prescription|rx|nhs)\b"
)
#: gaps9 (issue 17): any record's number asked for by its kind ("your site agreement
#: number", "your supporter number"), when the line asks for no phone number
_ANY_RECORD_NUMBER = (
    r"\b(?!(?:phone|mobile|cell|contact|telephone|home|work|landline|best|direct|fax|extension|"
    r"house|flat|street|door|right|wrong|same|new|a|an|the|your|that|this|any|what|which|his|"
    r"her|their|my|our|good|different|other|whole|only|one)\b)[a-z]+ number\b"
)


T = TypeVar("T")


class cached_property(Generic[T]):  # noqa: N801 - a drop-in for functools.cached_property
    """`functools.cached_property` without its lock (Python 3.11 takes an RLock on
    every first access; a `Call` is private to one thread, and grading makes
    about ten such accesses a call)."""

    def __init__(self, fn: Callable[[Any], T]) -> None:
        self.fn = fn
        self.name = fn.__name__
        self.__doc__ = fn.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type) -> cached_property[T]: ...
    @overload
    def __get__(self, obj: object, owner: type) -> T: ...
    def __get__(self, obj: object | None, owner: type) -> T | cached_property[T]:
        if obj is None:
            return self
        value = self.fn(obj)
        obj.__dict__[self.name] = value
        return value


_new_tuple = tuple.__new__


class Turn(NamedTuple):
    """A speech line with its place in the call, the acts it does and its normal form.

    A named tuple: a call builds one per line, four times faster than a frozen
    dataclass, and the rules read `normal` dozens of times a call, so it is
    worked out once here rather than looked up in `normalise`'s cache each time.
    """

    # position in transcript.lines (the field hides tuple.index, which no rule uses)
    index: int  # type: ignore[assignment]
    line: Speech
    acts: frozenset[str]
    normal: str  # normalise(line.text)

    @property
    def text(self) -> str:
        return self.line.text

    def has(self, *acts: str) -> bool:
        return not self.acts.isdisjoint(acts)


@dataclass(frozen=True)
class HoldSegment:
    hold: Event
    hold_index: int
    resume: Event | None
    resume_index: int | None
    end_time: int

    @property
    def seconds(self) -> int:
        return self.end_time - self.hold.time


# Words a caller and an agent use for the same thing when the agent restates
# the reason ("parcel never turned up" -> "your delivery hasn't arrived";
# "charged twice" -> "the double charge"). Each maps to one shared stem.
_SAME = {
    "twice": "dup", "double": "dup", "duplicate": "dup", "duplicated": "dup",
    "parcel": "deliver", "package": "deliver", "delivery": "deliver", "shipment": "deliver",
    "bill": "bill", "invoice": "bill", "statement": "bill",
    "fee": "charge", "charge": "charge", "charged": "charge", "charges": "charge",
    "money": "refund", "refund": "refund", "refunded": "refund", "reimburse": "refund",
    "booking": "book", "reservation": "book", "appointment": "book",
    "broken": "break", "broke": "break", "damaged": "break", "faulty": "break",
    "cancel": "cancel", "cancelled": "cancel", "canceled": "cancel", "cancellation": "cancel",
    "move": "move", "moving": "move", "reschedule": "move", "rescheduled": "move",
    "password": "login", "login": "login", "log": "login", "locked": "login",
    # gaps8 (issue 17): "my luggage" -> "where your bag is"
    "bag": "bag", "bags": "bag", "luggage": "bag", "baggage": "bag", "suitcase": "bag",
    "suitcases": "bag",
}  # fmt: skip
#: gaps8: a consonant doubled before -ing/-ed ("dropping", "stopped", "slipping") is one
_UNDOUBLE = frozenset("bgmnprt")


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """A light suffix stripper: enough to match "waterproofing" with "waterproof".

    "charge", "charged" and "charging" all become "charg" (a final "e" is
    dropped too), and a few everyday synonyms share a stem (`_SAME`).
    """
    if word in _SAME:
        return _SAME[word]
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("ly", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: len(word) - len(suffix)] + repl
            if suffix in ("ing", "ed") and word[-1] == word[-2] and word[-1] in _UNDOUBLE:
                word = word[:-1]
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def content_stems(text: str, exclude: frozenset[str] = frozenset()) -> set[str]:
    """The stems of the line's words that carry content: not stop words, not
    `exclude`, not numbers, longer than two letters. Set differences drop the
    stop words in one step each (a test per word cost more than the stemming)."""
    words = set(normalise(text).split())
    words -= _STOP
    if exclude:
        words -= exclude
    return {stem(w) for w in words if len(w) > 2 and not w.isdigit()}


def _synonyms_only(text: str, exclude: frozenset[str]) -> bool:
    """gaps8 (issue 17): two content words that `_SAME` makes one stem ("my parcel says
    delivered but it's not here": parcel, delivered) still state a reason."""
    words = {w for w in set(normalise(text).split()) - _STOP - exclude if len(w) > 2}
    return len(words) >= 2 and len({stem(w) for w in words}) == 1 and not words.isdisjoint(_SAME)


#: gaps12 (issue 17): the "no" that answers "is there any time in the next hour that's bad for
#: you?" ("No, any time. Oh seven nine one one ..."): the time question answered, not the
#: call declined
_ANSWERS_WHEN = re.compile(
    r"\b(?:any ?time|whenever|all day|any day|i am (?:in|around|here|free)|i will be (?:in|around|"
    r"here|free))\b|\d"
)


def name_tokens(name: str) -> list[str]:
    """Lower-case name words, without titles: "Mr. James Whitford" -> [james, whitford].

    A lone initial is dropped ("J. Smith" -> [smith]), but a name that is only one letter
    ("Q") keeps it, or the caller would have no name at all (gaps12, red team 4)."""
    words = [t for t in normalise(name).split() if t not in TITLES]
    return [t for t in words if len(t) > 1] or words[:1]


# gaps12 (red team 4): a name written in a script the normal form does not keep (CJK, Hebrew,
# Arabic, ...: the normal form is [a-z0-9]) is heard through a stand-in word. Each such word of
# the caller's name becomes "callernamea", "callernameb" ... in the lines that say it, so every
# rule that compares name words (addressing, read-backs, "the name became known") works as for
# a Latin name. Scripts written without spaces (Han, kana, Thai) match inside a run of letters.
_SCRIPT_WORD = re.compile(r"[^\W\d_]+")
_STAND_IN = "callername"


def _script_name_words(name: str) -> tuple[str, ...]:
    """The caller's name words in a script other than Latin, folded ("李娜", "שרה", "כהן")."""
    folded = fold(name)
    if folded.isascii():
        return ()
    return tuple(w for w in _SCRIPT_WORD.findall(folded) if not w.isascii())


class Call:
    """Facts about one call, computed on first use."""

    def __init__(self, transcript: Transcript) -> None:
        self.t = transcript
        self.lines: tuple[Line, ...] = transcript.lines
        self.context = transcript.context
        turns: list[Turn] = [
            # `Turn(...)` without its Python-level `__new__` (a named tuple's is a lambda)
            _new_tuple(Turn, (i, ln, recognise(ln.text, ln.speaker, True), normalise(ln.text)))
            for i, ln in enumerate(self.lines)
            if isinstance(ln, Speech)
        ]
        self.turns: tuple[Turn, ...] = tuple(turns)
        self.agent_turns = tuple(t for t in turns if t.line.is_agent)
        self.caller_turns = tuple(t for t in turns if t.line.is_caller)
        # Line indexes of each side's turns, ascending: every "turns between" and
        # "next turn after" question is a binary search, so no rule is quadratic.
        self._agent_at = [t.index for t in self.agent_turns]
        self._caller_at = [t.index for t in self.caller_turns]

    # ---------------------------------------------------------------- generic

    def events(self, name: str) -> list[tuple[int, Event]]:
        return list(self._events_by_name.get(name, ()))

    @cached_property
    def _events_by_name(self) -> dict[str, list[tuple[int, Event]]]:
        out: dict[str, list[tuple[int, Event]]] = {}
        for i, ln in enumerate(self.lines):
            if isinstance(ln, Event):
                out.setdefault(ln.name, []).append((i, ln))
        return out

    def events_between(self, name: str, start: int, end: int) -> list[tuple[int, Event]]:
        """Events called `name` with start <= index < end."""
        found = self._events_by_name.get(name, [])
        at = self._event_at.get(name, [])
        return found[bisect_left(at, start) : bisect_left(at, end)]

    @cached_property
    def _event_at(self) -> dict[str, list[int]]:
        return {name: [i for i, _ in found] for name, found in self._events_by_name.items()}

    def agent_between(self, start: int, end: int) -> list[Turn]:
        """Agent turns with start <= index < end."""
        at = self._agent_at
        return list(self.agent_turns[bisect_left(at, start) : bisect_left(at, end)])

    def caller_between(self, start: int, end: int) -> list[Turn]:
        at = self._caller_at
        return list(self.caller_turns[bisect_left(at, start) : bisect_left(at, end)])

    def agent_after(self, index: int, count: int) -> list[Turn]:
        first = bisect_right(self._agent_at, index)
        return list(self.agent_turns[first : first + count])

    def caller_after(self, index: int) -> Turn | None:
        """The caller's first turn after line `index`."""
        first = bisect_right(self._caller_at, index)
        return self.caller_turns[first] if first < len(self.caller_turns) else None

    def caller_before(self, index: int) -> Turn | None:
        """The caller's last turn before line `index`."""
        last = bisect_left(self._caller_at, index) - 1
        return self.caller_turns[last] if last >= 0 else None

    def agent_before(self, index: int) -> Turn | None:
        """The agent's last turn before line `index`."""
        last = bisect_left(self._agent_at, index) - 1
        return self.agent_turns[last] if last >= 0 else None

    @property
    def first_agent(self) -> Turn | None:
        return self.agent_turns[0] if self.agent_turns else None

    @property
    def end_index(self) -> int:
        return len(self.lines)

    # ---------------------------------------------------------------- people

    @cached_property
    def brand(self) -> str:
        """The header's brand, or the name the agent answered with."""
        if self.t.brand:
            return self.t.brand
        first = self.first_agent
        if first:
            m = re.search(
                r"(?:calling|contacting|to|reached|with)\s+((?:[A-Z][\w&'\-]*\s?){1,4})", first.text
            )
            if m:
                return m.group(1).strip()
        return ""

    def says_brand(self, text: str) -> bool:
        """Does the line name the brand, in full or in a recognisable short form?

        "&" reads as "and"; corporate suffixes may be dropped; the first and last
        words ("Greenfield Shelter" for Greenfield County Animal Shelter) or a
        distinctive first word alone ("Dalesway" for Dalesway Coaches) count.
        """
        candidates = self._brand_forms
        if not candidates:
            return False
        line = normalise(text.replace("&", " and "))
        padded, squeezed = f" {line} ", line.replace(" ", "")
        return any(
            c and (f" {c} " in padded or (len(c) > 5 and c.replace(" ", "") in squeezed))
            for c in candidates
        )

    @cached_property
    def _brand_forms(self) -> tuple[str, ...]:
        """The brand's forms `says_brand` accepts (worked out once a call)."""
        if not self.brand:
            return ()
        brand = normalise(self.brand.replace("&", " and "))
        core = _CORP_SUFFIX.sub(" ", brand).split()
        candidates = {brand, " ".join(core), " ".join(w for w in core if w != "and")}
        if " ".join(core).replace(" ", ""):
            candidates.add(" ".join(core).replace(" ", ""))
        if len(core) > 2:
            candidates.add(f"{core[0]} {core[-1]}")
        # the brand's leading words ("Tails and Whiskers" for Tails & Whiskers Supply, "The
        # Carrington" for The Carrington Hotel) or a distinctive first word ("Atlas"), issue 17
        the = core[:1] == ["the"]
        words = core[1:] if the else core
        for k in range(2 if not the else 1, len(words)):
            lead = words[:k]
            if lead[-1] not in _STOP and not set(lead) <= _GENERIC_BRAND_WORDS:
                candidates.add(" ".join((["the"] if the else []) + lead))
        if len(words) > 1 and len(words[0]) >= 5 and words[0] not in _GENERIC_BRAND_WORDS:
            candidates.add(words[0])
        # gaps7: an institution "of" a place names it by the place ("Westmere admissions"
        # for University of Westmere, "Kingsford" for the Royal Borough of Kingsford)
        if "of" in words[1:-1]:
            head, name = words[: words.index("of")], words[words.index("of") + 1 :]
            if set(head) <= _INSTITUTION and len(name) == 1 and len(name[0]) >= 5:
                candidates.add(name[0])
        return tuple(sorted(candidates))

    @cached_property
    def _script_names(self) -> tuple[str, ...]:
        """The header name's words in a non-Latin script (most calls: none)."""
        return _script_name_words(self.t.caller) if self.t.caller else ()

    def name_normal(self, turn: Turn) -> str:
        """The turn's normal form, with the caller's non-Latin name words as stand-ins."""
        script = self._script_names
        if not script:
            return turn.normal
        text = fold(turn.line.text)
        if text.isascii():
            return turn.normal
        for k, word in enumerate(script):
            text = text.replace(word, f" {_STAND_IN}{chr(97 + k % 26)} ")
        return normalise(text)

    @cached_property
    def caller_name(self) -> list[str]:
        """The caller's name words (header first, else how the caller introduced themself)."""
        if self.t.caller:
            stand_ins = [f"{_STAND_IN}{chr(97 + k % 26)}" for k in range(len(self._script_names))]
            return name_tokens(self.t.caller) + stand_ins
        for turn in self.caller_turns:
            m = _SELF_ID.search(turn.text) or _NAME_ONLY.match(turn.text)
            if m:
                toks = name_tokens(m.group(1))
                if toks and not any(t in _STOP for t in toks):
                    return toks
            elif turn.text.islower() and (m := _SELF_ID_LOWER.search(turn.normal)):
                # a lower-case transcript (speech-to-text, issue 17): "my name is robert johnson"
                toks = [t for t in m.group(1).split() if len(t) > 1][:2]
                cut = next((i for i, t in enumerate(toks) if t in _STOP or t in _NOT_NAME), None)
                toks = toks[:cut]
                if toks:
                    return toks
        return []

    def names_caller(self, turn: Turn) -> bool:
        """Does the line say the caller's first name or surname?"""
        if not self.caller_name:
            return False
        words = f" {self.name_normal(turn)} "
        return any(f" {tok} " in words for tok in self.caller_name)

    @cached_property
    def caller_gave_name_at(self) -> int | None:
        """Index of the caller's first line that gives their name."""
        for turn in self.caller_turns:
            if self.names_caller(turn):
                return turn.index
        return None

    @cached_property
    def name_known_at(self) -> int | None:
        """When the caller's name became known: they said it, or the agent used it."""
        spots = [self.caller_gave_name_at]
        spots += [t.index for t in self.agent_turns if self.names_caller(t)][:1]
        known = [s for s in spots if s is not None]
        return min(known) if known else None

    # ---------------------------------------------------------------- what the caller said

    @cached_property
    def reason_turn(self) -> Turn | None:
        """The caller's first line that states a reason for calling (not just a name or number)."""
        for turn in self.caller_turns:
            exclude = self._not_reason_words
            if not (
                len(content_stems(turn.text, exclude)) >= 2 or _synonyms_only(turn.text, exclude)
            ):
                # gaps13: a brand's trade word the caller says on its own, tried only for the
                # lines that fall short (most reasons have two words of their own)
                exclude = self._reason_exclude(turn)
                if exclude is self._not_reason_words:
                    continue
            if len(content_stems(turn.text, exclude)) >= 2 or _synonyms_only(turn.text, exclude):
                # an aside about the line ("Sorry, I can hardly hear you") is no reason (issue 17)
                if _ASIDE.search(turn.normal) and (
                    len(content_stems(_ASIDE.sub(" ", turn.normal), exclude) - _ASIDE_POLITE) < 2
                ):
                    continue
                if _aside_hint(turn.normal) and _all_aside(turn.text, exclude):
                    continue
                return turn
        return None

    def reason_stems(self) -> set[str]:
        turn = self.reason_turn
        if not turn:
            return set()
        return content_stems(turn.text, self._reason_exclude(turn))

    @cached_property
    def _not_reason_words(self) -> frozenset[str]:
        """Words that say nothing of the reason: the caller's and agent's names, the brand."""
        exclude = frozenset(self.caller_name) | frozenset(name_tokens(self.t.agent))
        return exclude | self._brand_words

    @cached_property
    def _brand_words(self) -> frozenset[str]:
        return frozenset(normalise(self.brand).split())

    def _reason_exclude(self, turn: Turn) -> frozenset[str]:
        """gaps13 (issue 17): the brand's words say nothing of the reason when they name the
        firm ("Is that Tipton Skip Hire?"), but a trade word of the brand said on its own is
        the caller's matter ("My window cleaning was missed" to Harlow Window Cleaning): kept
        when the line also says something of its own besides the brand. The brand's first
        word (its own name, "Harlow") is never the matter."""
        exclude = self._not_reason_words
        brand = self._brand_words
        if len(brand) < 2 or brand.isdisjoint(turn.normal.split()):
            return exclude  # most lines name no brand word: one set test
        whole = normalise(self.brand)
        rest = turn.normal.replace(whole, " ") if whole else turn.normal
        words = whole.split()
        first = words[0]
        # the brand's short form ("Is that the escape rooms?" to Clue Door Escape Rooms) is
        # still the firm; "my window cleaning" (owned) is the caller's matter
        for i in range(1, len(words) - 1):
            rest = re.sub(
                rf"(?<!\bmy )(?<!\bour )(?<!\byour )\b{re.escape(' '.join(words[i:]))}\b", " ", rest
            )
        trade = (brand & set(rest.split())) - {first} - frozenset(self.caller_name)
        if not trade or not content_stems(rest, exclude):
            return exclude
        return exclude - trade

    def _asked_before(self, turn: Turn, pattern: str) -> bool:
        """Does the agent's line just before `turn` match `pattern`?"""
        prev = self._agent_before.get(turn.index)
        return bool(prev and re.search(pattern, prev.normal))

    def _question_asks_phone(self, turn: Turn) -> bool:
        """Does the agent's last question before `turn` ask for a phone, not an id?"""
        prev = self._agent_before.get(turn.index)
        if prev is None or "?" not in prev.text:
            return False
        question = normalise(re.split(r"[.!?]\s", prev.text.rsplit("?", 1)[0])[-1])
        return bool(re.search(_PHONE_ASK, question)) and not re.search(_ID_WORDS, question)

    @cached_property
    def _agent_before(self) -> dict[int, Turn | None]:
        """Each turn's index -> the agent turn before it (one pass, not a scan per line)."""
        out: dict[int, Turn | None] = {}
        last: Turn | None = None
        for t in self.turns:
            out[t.index] = last
            if t.line.is_agent:
                last = t
        return out

    @cached_property
    def phone_given_at(self) -> int | None:
        """Index of the caller's first line that gives a phone number."""
        for turn in self.caller_turns:
            if not digit_runs(turn.text):
                if self._confirms_phone_read_back(turn):
                    return turn.index
                continue  # no number written or spoken: most lines
            # gaps7: a number the caller names as a phone ("No, use the mobile. Oh eight
            # seven ...", "Mobile's oh seven seven ...") is one, asked for or not
            asked = (
                self._asked_before(turn, _PHONE_ASK)
                or bool(_OWN_PHONE.search(turn.normal))
                or _phone_after_word(turn.normal)
            )
            if has_phone_shape(turn.text) or (asked and longest_digit_run(turn.text) >= 7):
                return turn.index
            if self._confirms_phone_read_back(turn):  # "That number's fine, after five"
                return turn.index
        return None

    def _confirms_phone_read_back(self, turn: Turn) -> bool:
        """The caller agrees to a number the agent read back ("Is 07700 900 655 still
        the best number?" - "Yes"): the number is known (issue 17)."""
        prev = self._agent_before.get(turn.index)
        if prev is None or turn.has("refuse"):
            return False
        if not (turn.has("agree") or _THATS_IT.match(turn.normal)):
            return False
        if not (has_phone_shape(prev.text) or longest_digit_run(prev.text) >= 7):
            return False  # no number read out: most lines stop here
        # gaps6: "The number I have for you is 07700 900 314, is that still right?" (a
        # number not named as an account's, order's ... : "Your account number is ...?")
        return bool(re.search(_PHONE_ASK, prev.normal)) or bool(
            "?" in prev.text
            and _NUMBER.search(prev.normal)
            and not re.search(_ID_WORDS, prev.normal)
        )

    @cached_property
    def id_given_at(self) -> int | None:
        """Index of the caller's first line that gives an account/member/order/... number."""
        id_words = _ID_WORDS
        for turn in self.caller_turns:
            if not digit_runs(turn.text):
                continue  # every way of giving an id below needs a digit: most lines stop here
            runs = id_digit_runs(turn.text)  # gaps9: not money, shares or road numbers
            if not runs:
                continue
            # gaps7: digits given for a phone ("What's your mum's number?", "Mobile's ...")
            # are a phone number, not an identification number
            asked_id = self._asked_before(turn, id_words) or (
                self._asked_before(turn, _ANY_RECORD_NUMBER)
                and not self._asked_before(turn, _PHONE_ASK)
            )
            says_id = re.search(id_words + r"(?: \w+){0,3} (?:number|no|is|#)?", turn.normal)
            asked_phone = self._asked_before(turn, _PHONE_ASK) or bool(
                not says_id and _OWN_PHONE.search(turn.normal)
            )
            has_code = bool(re.search(r"\b(?=[a-z0-9-]*\d)[a-z]{1,4}-?\d{3,}\b", fold(turn.text)))
            longest = max((len(r) for r in runs), default=0)
            if asked_phone and not asked_id:
                continue
            # gaps10 (issue 17): "Sophie can set an account up. What's the best number for
            # her to call?": the question asks for a phone; the account was only mentioned
            if asked_phone and not says_id and self._question_asks_phone(turn):
                continue
            # gaps9 (issue 17): asked for "the account number, or the phone number on the
            # account", the caller who answers "Phone's 254-555-0187" gave a phone number
            if not says_id and (
                _SAYS_PHONE.search(turn.normal) or (asked_phone and has_phone_shape(turn.text))
            ):
                if asked_id and _id_before_phone(turn.normal):
                    return turn.index  # gaps11: "B F, four oh two, six six. Shop phone's ..."
                continue
            if has_phone_shape(turn.text) and not (says_id or asked_id):
                continue
            if has_code or longest >= 5 or ((asked_id or says_id) and longest >= 3):
                return turn.index
        return None

    # ---------------------------------------------------------------- holds and transfers

    @cached_property
    def holds(self) -> list[HoldSegment]:
        segments: list[HoldSegment] = []
        open_hold: tuple[int, Event] | None = None
        for i, ln in enumerate(self.lines):
            if not isinstance(ln, Event):
                continue
            if ln.name == "hold" and open_hold is None:
                open_hold = (i, ln)
            elif ln.name == "resume" and open_hold is not None:
                segments.append(HoldSegment(open_hold[1], open_hold[0], ln, i, ln.time))
                open_hold = None
        if open_hold is not None:
            segments.append(HoldSegment(open_hold[1], open_hold[0], None, None, self.t.end_time))
        return segments

    def hold_window(self, k: int) -> tuple[int, int]:
        """Lines before hold k since the previous resume (or the call start)."""
        seg = self.holds[k]
        start = 0
        if k > 0:
            prev = self.holds[k - 1]
            start = prev.resume_index if prev.resume_index is not None else prev.hold_index
        return start, seg.hold_index

    @cached_property
    def transfers(self) -> list[tuple[int, Event]]:
        return self.events("transfer")

    def transfer_window(self, k: int) -> tuple[int, int]:
        start = self.transfers[k - 1][0] + 1 if k > 0 else 0
        return start, self.transfers[k][0]

    def on_hold_at(self, index: int) -> bool:
        """Is line `index` inside a hold segment (holds do not overlap: one search)?"""
        k = bisect_left(self._hold_at, index) - 1
        if k < 0:
            return False
        seg = self.holds[k]
        end = seg.resume_index if seg.resume_index is not None else self.end_index
        return index < end

    @cached_property
    def _hold_at(self) -> list[int]:
        return [seg.hold_index for seg in self.holds]

    # ---------------------------------------------------------------- messages and callbacks

    @cached_property
    def message_taken_at(self) -> int | None:
        """The caller accepted an offer to take a message, or asked to leave one."""
        for turn in self.caller_turns:
            prev = self.agent_before(turn.index)
            if turn.has("choose_message") and not _keeps_it(prev):
                return turn.index
            if (
                prev
                and prev.has("offer_message")
                and not prev.has("offer_transfer_or_message", "offer_voicemail_choice")
            ):
                if turn.has("agree") and not turn.has("refuse"):
                    return turn.index
        return None

    @cached_property
    def callback_turns(self) -> list[Turn]:
        """Agent lines promising a call back (an offer the caller then declined does not count)."""
        out = []
        for turn in self.agent_turns:
            if not turn.has("promise_callback"):
                continue
            is_offer = _asks_beyond_more_help(turn.text) or re.match(
                r"^(?:would you like|do you want|shall i|should i|can i|would it help)", turn.normal
            )
            reply = self.caller_after(turn.index)
            if (
                is_offer
                and reply
                and reply.has("refuse")
                and not reply.has("agree")
                and not (turn.has("ask_callback_time") and _ANSWERS_WHEN.search(reply.normal))
            ):
                continue
            # a choice of a transfer or a call back, and the caller takes the transfer
            if is_offer and reply and reply.has("ask_transfer") and not reply.has("choose_message"):
                continue
            # gaps6: a message (with its call back) or a transfer / voicemail, and the caller
            # does not pick the message ("I'd rather talk to her now") and is put through
            if (
                turn.has("offer_transfer_or_message", "offer_voicemail_choice")
                and not (reply and reply.has("choose_message"))
                and self.events_between("transfer", turn.index, self.end_index)
            ):
                continue
            out.append(turn)
        return out

    @cached_property
    def callback_indexes(self) -> frozenset[int]:
        """The line indexes of `callback_turns`, for membership tests."""
        return frozenset(t.index for t in self.callback_turns)


#: "Is there anything else?" after a promise asks about more help, not about the call
#: back: the caller's "No, thanks" answers that question (gaps4, issue 17).
_MORE_HELP_Q = re.compile(r"\banything (?:else|more|further)\b|\bother (?:questions?|way)\b", re.I)


def _asks_beyond_more_help(text: str) -> bool:
    """Does the line ask a question other than "anything else?"?"""
    if "?" not in text:
        return False
    # gaps7: a title's full stop ends no question ("Is there anything else, Mr. Penrose?")
    text = _TITLE_DOT.sub(r"\1", text)
    return any(not _MORE_HELP_Q.search(q) for q in re.findall(r"[^.!?]*\?", text) if q.strip())


_TITLE_DOT = re.compile(r"\b(Mr|Mrs|Ms|Mx|Dr|St|Prof)\.")


def _keeps_it(prev: Turn | None) -> bool:
    """The agent kept the question ("leave it with me, I'll find out and email you") and
    offered no message: the caller's "I'll leave it with you" accepts that, it is not a
    message for someone (gaps4, issue 17)."""
    return bool(
        prev
        and prev.has("ownership", "commit_help", "promise_email")
        and not prev.has("offer_message", "offer_transfer_or_message", "offer_voicemail_choice")
    )


# speedy4 (issue 17, speed): each expression behind the literals its matches need, worked
# out from the expression itself (scoring.literals.gated): the same answers, and a changed
# pattern brings its own pre-check.
(_ASIDE,) = map(gated, (_ASIDE,))
