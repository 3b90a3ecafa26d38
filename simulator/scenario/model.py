"""The scenario model: plain frozen dataclasses the loader yields and the engine reads.

A scenario is trainer-written data (YAML, see docs/scenarios.md). By the time
it reaches the engine it has been validated and normalised: ids are strings,
lines are tuples of variants, defaults are filled in. Nothing here does I/O,
so the engine and its tests can build scenarios in code just as easily.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

MoodName = Literal["calm", "annoyed", "angry", "furious"]
#: Mood levels, calmest first; the engine keeps the mood as an index into this.
MOODS: tuple[MoodName, ...] = ("calm", "annoyed", "angry", "furious")

Difficulty = Literal["easy", "medium", "hard"]
DIFFICULTIES: tuple[Difficulty, ...] = ("easy", "medium", "hard")

#: Caller traits the engine knows how to play.
TRAITS: frozenset[str] = frozenset({"interrupts", "vents", "refuses_hold", "asks_supervisor"})

Answer = Literal["answered", "voicemail", "no_answer"]

#: Variants of one situation's line by mood ("" = any mood), as the loader normalised them.
MoodLines = Mapping[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Voice:
    """Hints for a text-to-speech voice; the engine ignores them."""

    gender: str = "any"
    age: str = "adult"
    rate: float = 1.0
    pitch: float = 1.0


@dataclass(frozen=True, slots=True)
class Fact:
    """Something the caller knows about their own situation, and the words agents ask it with."""

    topic: str
    cues: tuple[str, ...]
    say: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Expectations:
    """What the caller expects from the call; an offer that breaks one is objected to."""

    #: hours within which an answer or callback must come (None: no deadline of their own)
    callback_within_h: float | None = None
    #: already passed around: any further transfer is objected to when announced
    no_transfer: bool = False
    #: hours within which a fix (a delivery, a refund, a visit) must come (None: a week)
    fixed_within_h: float | None = None
    person: str = ""
    resolution: str = ""


@dataclass(frozen=True, slots=True)
class Caller:
    """Who calls, what they know, and how they behave."""

    name: str
    title: str = ""
    id_number: str = ""
    phone: str = ""
    email: str = ""
    orders: tuple[str, ...] = ()
    voice: Voice = field(default_factory=Voice)
    mood: MoodName = "calm"
    patience: int = 80
    traits: frozenset[str] = frozenset()
    volunteers_name: bool = False
    #: What the caller picks when offered "transfer or message".
    wants: Literal["transfer", "message"] = "message"
    #: What the caller picks when a consult found no one: the mailbox or a message.
    voicemail_choice: Literal["voicemail", "message"] = "voicemail"
    #: What the caller wants, completing "I just want to ..." (steers small talk back to it).
    goal: str = ""
    facts: tuple[Fact, ...] = ()
    expects: Expectations = field(default_factory=Expectations)
    #: Wrong-number callers: the company they meant to call.
    calling_for: str = ""

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else self.name

    @property
    def surname(self) -> str:
        parts = self.name.split()
        return parts[-1] if parts else self.name

    @property
    def address(self) -> str:
        """How a polite agent addresses the caller: 'Ms. Owens', or the first name."""
        return f"{self.title} {self.surname}" if self.title else self.first_name


@dataclass(frozen=True, slots=True)
class Contact:
    """One entry of the company directory: who is at an extension and whether they pick up."""

    ext: str
    name: str
    dept: str = ""
    answers: Answer = "answered"


@dataclass(frozen=True, slots=True)
class Beat:
    """Something the caller says once, unprompted, when its trigger happens.

    `after` is `opening` (the caller's first turn), an agent act label
    (docs/acts.md), `resume` / `lookup` / `consult` (an event), or `beat:ID`
    (the agent's next line after that beat).
    """

    id: str
    after: str
    say: tuple[str, ...]
    #: Mood steps this beat adds (positive: angrier); lets a beat mark a turn in the call.
    mood: int = 0
    #: the beat's words by mood, when written per mood (`say` holds the calmest given)
    by_mood: MoodLines = field(default_factory=lambda: MappingProxyType({}))

    def say_in_mood(self, mood: MoodName) -> tuple[str, ...]:
        return pick_mood(self.by_mood, mood) if self.by_mood else self.say


@dataclass(frozen=True, slots=True)
class Mistake:
    """A plausible wrong move at a script step, and the protocol items it should fail."""

    agent: str  # what the trainee says or does instead (`/skip`: leaves the step out)
    fails: frozenset[str] = frozenset()
    label: str = ""
    why: str = ""
    #: further moves the mistake makes after `agent` (e.g. `/hold` then `/wait 40`, `/resume`)
    then: tuple[str, ...] = ()

    @property
    def moves(self) -> tuple[str, ...]:
        return (self.agent, *self.then)


@dataclass(frozen=True, slots=True)
class Step:
    """One agent move of the ideal path (text to say, or a `/command`), with its mistakes."""

    agent: str
    label: str = ""
    mistakes: tuple[Mistake, ...] = ()


@dataclass(frozen=True)
class Scenario:
    """A whole role-play: the caller, the company, the caller's lines and the ideal path."""

    id: str
    title: str
    brand: str
    caller: Caller
    difficulty: Difficulty = "medium"
    default: bool = False  # the built-in scenario for a first run
    summary: str = ""
    tags: tuple[str, ...] = ()
    agent: str = "Alex"
    policy: str = "default"
    context: frozenset[str] = frozenset()
    correct_number: str = ""
    ticket_id: str = ""
    source: tuple[str, ...] = ()
    history: tuple[str, ...] = ()
    directory: tuple[Contact, ...] = ()
    lines: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    #: situation -> mood -> variants, for lines written per mood (`lines` holds their calmest)
    mood_lines: Mapping[str, MoodLines] = field(default_factory=lambda: MappingProxyType({}))
    beats: tuple[Beat, ...] = ()
    script: tuple[Step, ...] = ()
    #: rung of the escalation ladder (expert, supervisor, fourth_level) -> mood -> variants
    escalation: Mapping[str, MoodLines] = field(default_factory=lambda: MappingProxyType({}))
    path: str = ""

    def contact(self, ext: str) -> Contact | None:
        for entry in self.directory:
            if entry.ext == ext:
                return entry
        return None

    def line(self, situation: str) -> tuple[str, ...]:
        return self.lines.get(situation, ())

    def line_in_mood(self, situation: str, mood: MoodName) -> tuple[str, ...]:
        """The scenario's variants for a mood: that mood's, else the nearest calmer, else any."""
        by_mood = self.mood_lines.get(situation)
        if not by_mood:
            return self.line(situation)
        return pick_mood(by_mood, mood)


def pick_mood(by_mood: MoodLines, mood: MoodName) -> tuple[str, ...]:
    """Variants for `mood` from a mood table: exact, nearest calmer, nearest angrier, any."""
    at = MOODS.index(mood)
    order = [*MOODS[at::-1], *MOODS[at + 1 :]]
    for name in order:
        if by_mood.get(name):
            return by_mood[name]
    return by_mood.get("", ())
