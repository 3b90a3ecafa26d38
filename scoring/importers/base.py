"""What every importer shares: the `Turn` it yields, time checks, and errors.

Each format module turns a file into a list of `Turn`s (start time, the
speaker's label as the file writes it, the words, where in the file); one
assembler (`assemble.py`) maps speakers to AGENT and CALLER and builds the
`Transcript` the grader reads, so speaker mapping and ordering rules live in
one place whatever the source. Files from other tools are untrusted: times
are checked here (finite, not negative; the call within a day: assemble.py) and every refusal is a
`TranscriptError` with `PATH:LINE: what is wrong`, as the spec reader's are.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, replace
from typing import NoReturn

from scoring.reader import MAX_LINE_CHARS, TranscriptError
from scoring.transcript import Speaker

#: A call longer than a day is a broken clock, not a call.
MAX_SECONDS = 24 * 3600.0
#: Times may run on a clock that started long before the call (a recorder's running clock,
#: a live stream's captions at 25:00:00, seconds since 1970): up to here they are read,
#: counted from the call's first turn when it starts past a day (assemble.py).
MAX_CLOCK = 1e10
#: A bound on turns, whatever the format (a 4 MiB file of one-word turns).
MAX_TURNS = 200_000

_CLOCK = re.compile(r"(?:(?P<h>\d{1,3}):)?(?P<m>\d{1,4}):(?P<s>\d{1,2})(?:[.,](?P<f>\d{1,6}))?\Z")
_SECONDS = re.compile(r"[+-]?(?:\d{1,12}(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,3})?s?\Z")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 and C1, as the writer drops
_ANNOTATION = re.compile(r"\s*(?:\[[^\]]{0,60}\]|\([^)]{0,60}\))\s*")


@dataclass(frozen=True, slots=True)
class Turn:
    """One speaker's words as the source file gives them.

    `speaker` is the file's own label (a name, `spk_0`, `ch_1`, `Agent`);
    `role` is set only when the file itself says who is the agent (Contact
    Lens's ParticipantRole). `line` is the 1-based line in the source, 0 when
    the format has no useful lines (JSON).
    """

    start: float
    speaker: str
    text: str
    line: int = 0
    role: Speaker | None = None


class Runs:
    """Turns that grow word by word or line by line: each turn's words are kept in a list and
    joined once, at the end. Joining them as they came copied the turn so far for every
    word: quadratic in a long turn (3.4 MB of one speaker's lines took 17 s to refuse)."""

    __slots__ = ("_turns", "_words")

    def __init__(self) -> None:
        self._turns: list[Turn] = []
        self._words: list[list[str]] = []

    def __bool__(self) -> bool:
        return bool(self._turns)

    @property
    def last(self) -> Turn | None:
        """The latest turn (its `text` is only its first words until `turns()`)."""
        return self._turns[-1] if self._turns else None

    def add(self, turn: Turn) -> None:
        self._turns.append(turn)
        self._words.append([turn.text])

    def extend(self, words: str) -> None:
        """More words of the latest turn."""
        self._words[-1].append(words)

    def turns(self) -> list[Turn]:
        return [
            t if len(w) == 1 else replace(t, text=" ".join(w))
            for t, w in zip(self._turns, self._words, strict=True)
        ]


def fail(path: str, line: int, message: str) -> NoReturn:
    """Refuse the file with one line: `PATH:LINE: message`."""
    raise TranscriptError(path, line, message)


def check_seconds(value: float, path: str, line: int, what: str = "time") -> float:
    """A start time the grader can use: finite, not negative, within a day."""
    if not math.isfinite(value):
        fail(path, line, f"{what} is not a number ({value!r})")
    if value < 0:
        fail(path, line, f"{what} is negative ({value:g} s)")
    if value > MAX_CLOCK:
        fail(path, line, f"{what} is {seconds_shown(value)} s, more than a day into the call")
    return value


def seconds_shown(value: float) -> str:
    return f"{value:,.0f}" if value < 1e12 else f"{value:.3g}"  # 1e308: not 400 digits


def parse_clock(token: str) -> float | None:
    """`H:MM:SS(.mmm)`, `MM:SS(,mmm)` or seconds (`12.5`, `12.5s`) in seconds; None if not one."""
    t = token.strip()
    m = _CLOCK.match(t)
    if m:
        h = int(m.group("h") or 0)
        minutes, seconds = int(m.group("m")), int(m.group("s"))
        if seconds > 59 or (m.group("h") is not None and minutes > 59):
            return None
        frac = m.group("f")
        return h * 3600 + minutes * 60 + seconds + (int(frac) / 10 ** len(frac) if frac else 0.0)
    if _SECONDS.match(t):
        return float(t.rstrip("s"))
    return None


def number(value: object, path: str, where: str, *, scale: float = 1.0) -> float:
    """A time from a JSON field: a number or a numeric string (Transcribe writes "0.44"),
    in seconds after `scale` (0.001 for milliseconds); refused with the field's path."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        fail(path, 0, f"{where}: expected a time in seconds, found {type(value).__name__}")
    if isinstance(value, str):
        parsed = parse_clock(value)
        if parsed is None:
            fail(path, 0, f"{where}: not a time: {value[:40]!r}")
        value = parsed
    try:
        seconds = float(value) * scale
    except OverflowError:  # an integer of hundreds of digits
        fail(path, 0, f"{where}: a number too large to be a time")
    return check_seconds(seconds, path, 0, where)


def clean_text(text: str) -> str:
    """Words as one line: entities decoded (captions write `&amp;`), control characters
    dropped, whitespace folded. An empty result means the turn has no words."""
    if "&" in text:
        text = html.unescape(text)
    return " ".join(_CONTROL.sub(" ", text).split())


def only_annotation(text: str) -> bool:
    """A caption that is only a sound description ("[music]", "(inaudible)") carries no speech."""
    return bool(text) and not _ANNOTATION.sub("", text)


def check_length(turn: Turn, path: str) -> None:
    """A turn must fit on one transcript line (the spec reader's bound)."""
    if len(turn.text) > MAX_LINE_CHARS:
        fail(
            path,
            turn.line,
            f"a turn of {len(turn.text):,} characters (at most {MAX_LINE_CHARS:,} on one line)",
        )


def check_count(turns: list[Turn], path: str) -> None:
    if len(turns) > MAX_TURNS:
        fail(path, 0, f"more than {MAX_TURNS:,} turns: not one call")
