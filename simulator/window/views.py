"""Plain view models the screens draw from.

The screens never look at the engine, the grader or the session store: an adapter fills
these frozen dataclasses, and a screen turns one into widgets. That keeps drawing testable
with hand-built values (and screenshots reproducible) and keeps every rule out of the UI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Phase = Literal["ringing", "live", "ended"]
Result = Literal["pass", "fail", "na"]


@dataclass(frozen=True)
class ScenarioRow:
    """One line of the start screen's scenario list."""

    id: str
    title: str
    archetype: str
    difficulty: str
    last_score: float | None = None
    recommended: bool = False
    best_score: float | None = None  # from the records, when the desk keeps them


@dataclass(frozen=True)
class StartView:
    trainee: str
    scenarios: tuple[ScenarioRow, ...]
    shift_size: int = 3
    loading: bool = False
    plan: str = ""  # the trainee's plan from the records ("due today: holds ..."), if any


@dataclass(frozen=True)
class CaptionLine:
    """A caption: a spoken line or a phone event, with its call time in seconds."""

    speaker: Literal["agent", "caller", "event"]
    text: str
    time: int
    current: bool = False  # the caller line the voice is speaking now


@dataclass(frozen=True)
class DirectoryEntry:
    name: str
    dept: str
    ext: str


@dataclass(frozen=True)
class ShiftStatus:
    """Shift mode's running figures, shown in the top bar."""

    call_number: int
    calls_total: int
    waiting: int
    within_three_rings: int
    answered: int
    average_handle_s: float | None


@dataclass(frozen=True)
class CallView:
    """Everything the call screen shows at one instant."""

    brand: str
    agent: str
    scenario_title: str
    phase: Phase
    clock_s: float
    rings: int = 0
    caller_name: str | None = None
    mood: float = 0.0  # -1 furious .. +1 delighted
    mood_label: str = "neutral"
    patience: float = 1.0  # 0 .. 1
    captions: tuple[CaptionLine, ...] = ()
    choices: tuple[str, ...] = ()
    on_hold: bool = False
    hold_s: float = 0.0
    hold_limit_s: int = 120
    hold_warn_s: int = 90
    muted: bool = False
    paused: bool = False
    directory: tuple[DirectoryEntry, ...] = ()
    history: tuple[str, ...] = ()  # the caller's record, "INFO" entries; shown after LOOKUP
    looked_up: bool = False
    speech_input: bool = False
    listening: bool = False
    mic_level: float = 0.0  # 0..1, the microphone's loudness while listening (level meter)
    notice: str = ""  # one line of feedback ("Ticket FG-1 created", "Speech input is off")
    shift: ShiftStatus | None = None


@dataclass(frozen=True)
class Evidence:
    line: int
    time: str
    text: str


@dataclass(frozen=True)
class ItemRow:
    id: str
    title: str
    result: Result
    reason: str = ""
    rule: str = ""
    critical: bool = False
    evidence: tuple[Evidence, ...] = ()
    weight: float = 1.0


@dataclass(frozen=True)
class SectionView:
    name: str
    items: tuple[ItemRow, ...]


@dataclass(frozen=True)
class TimelineMark:
    time: int
    kind: str  # transfer, consult, lookup, note, ticket, email, mute, hangup ...
    label: str


@dataclass(frozen=True)
class TimelineLine:
    number: int
    time: int
    speaker: str
    text: str


@dataclass(frozen=True)
class TimelineView:
    duration: int
    holds: tuple[tuple[int, int], ...] = ()
    marks: tuple[TimelineMark, ...] = ()
    lines: tuple[TimelineLine, ...] = ()


@dataclass(frozen=True)
class ScorecardView:
    scenario_title: str
    score: float
    passed: bool
    critical_failures: tuple[ItemRow, ...]
    sections: tuple[SectionView, ...]
    timeline: TimelineView
    next_title: str | None = None
    bonus: str = ""  # e.g. "Answered in 2 rings (bonus)"
    transcript_path: str = ""
    report_available: bool = False
    #: mistake cards the trainee picked: (the card, what is wrong with it)
    picks: tuple[tuple[str, str], ...] = ()
    #: what to practise next, most important first
    advice: tuple[str, ...] = ()


@dataclass(frozen=True)
class ShiftCallRow:
    title: str
    score: float
    passed: bool
    rings: int
    handle_s: float


@dataclass(frozen=True)
class ShiftSummaryView:
    trainee: str
    calls: tuple[ShiftCallRow, ...] = field(default_factory=tuple)

    @property
    def average_score(self) -> float:
        return sum(c.score for c in self.calls) / len(self.calls) if self.calls else 0.0

    @property
    def average_handle_s(self) -> float:
        return sum(c.handle_s for c in self.calls) / len(self.calls) if self.calls else 0.0

    @property
    def within_three_rings(self) -> int:
        return sum(1 for c in self.calls if c.rings <= 3)
