"""What the engine hands back after each move: lines, events, notices, state, choices.

Front-ends render these; the engine never prints. Every transcript line
the engine writes also comes back as a `LineSpoken` or `EventLogged`, so a
front-end can show exactly what the grader will read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from scoring.transcript import Event, Speech
from simulator.engine.moves import Move


@dataclass(frozen=True, slots=True)
class CallState:
    """A snapshot for status bars: mood, patience, hold timer, the clock."""

    clock: int
    mood: int  # 0 calm .. 3 furious
    mood_label: str
    patience: int  # 0..100
    on_hold: bool
    hold_seconds: int  # length of the current hold segment, 0 when not on hold
    muted: bool
    finished: bool
    turn: int


@dataclass(frozen=True, slots=True)
class Choice:
    """A response offered in choice mode: what to show and the move it makes."""

    key: str  # "1", "2" ... as the front-end should number it
    label: str
    move: Move
    step: int
    ideal: bool  # for tests and trainer tools; front-ends must not reveal it


@dataclass(frozen=True, slots=True)
class LineSpoken:
    """A speech line written to the transcript. `cuts_in`: the caller talks over the agent."""

    line: Speech
    cuts_in: bool = False


@dataclass(frozen=True, slots=True)
class EventLogged:
    event: Event


@dataclass(frozen=True, slots=True)
class Notice:
    """Something only the trainee sees: a lookup result, who answered a consult, a refusal."""

    text: str
    kind: Literal["info", "lookup", "warning", "phone"] = "info"


@dataclass(frozen=True, slots=True)
class StateChanged:
    state: CallState


@dataclass(frozen=True, slots=True)
class ChoicesOffered:
    choices: tuple[Choice, ...]


@dataclass(frozen=True, slots=True)
class CallEnded:
    by: Literal["agent", "caller", "transfer", "limit"]
    reason: str


Output = LineSpoken | EventLogged | Notice | StateChanged | ChoicesOffered | CallEnded
