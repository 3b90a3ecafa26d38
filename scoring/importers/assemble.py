"""Turns from any importer into the `Transcript` the grader reads.

The rules every format shares: a turn with no words, or only a sound
description (`[noise]`, `(inaudible)`), is skipped (ASR exports have them);
turns are ordered by start time, overlapping ones kept both, in file order
when they start together (times count from the first turn when it starts past
a day: a recorder's running clock; a call longer than a day is refused);
speakers are mapped to AGENT and CALLER (`speakers.py`); a speaker label that
is a person's name becomes the `agent` / `caller` header, as a QA lead would
write it. Line numbers are those the lines have in `callsim convert`'s output,
so grading a file and grading its conversion give the same evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from scoring.importers.base import (
    MAX_SECONDS,
    Turn,
    check_count,
    check_length,
    clean_text,
    fail,
    only_annotation,
    seconds_shown,
)
from scoring.importers.speakers import assign, person_name
from scoring.reader import MAX_LINE_CHARS
from scoring.transcript import FORMAT_VERSION, Speaker, Speech, Transcript
from scoring.writer import format_line


def assemble(
    turns: Sequence[Turn],
    path: str,
    source_format: str,
    *,
    agent_speaker: str | None = None,
) -> Transcript:
    """Build the transcript; refuses a file with no speech or speakers that cannot be told."""
    kept = [_cleaned(t) for t in turns]
    kept = [t for t in kept if t.text and not only_annotation(t.text)]  # "[noise]" is no turn
    check_count(kept, path)
    if not kept:
        fail(path, 0, f"no speech in this {source_format} file (every turn is empty)")
    for t in kept:
        check_length(t, path)
        if not t.speaker:
            fail(path, t.line, "a turn with words but no speaker")
    sides = assign(kept, path, agent_speaker)
    kept = [t for t in kept if t.speaker in sides]
    ordered = _within_a_day(sorted(kept, key=lambda t: t.start), path)  # stable sort
    headers = {"callsim transcript": FORMAT_VERSION, "source_format": source_format}
    headers.update(_names(sides))
    first = len(headers) + 2  # the header lines, one blank line, then the turns
    lines = tuple(
        Speech(
            number=first + i,
            time=int(t.start),
            speaker=sides[t.speaker],
            text=t.text,
            label=sides[t.speaker].upper(),
        )
        for i, t in enumerate(ordered)
    )
    for speech, turn in zip(lines, ordered, strict=True):
        _check_written(speech, turn, path)
    return Transcript(path=path, headers=headers, lines=lines)


def _check_written(speech: Speech, turn: Turn, path: str) -> None:
    """A turn `callsim convert` could not write as one transcript line (its time and label
    make it longer than the spec's bound) is refused here too: grading a file and grading
    its conversion read the same, or refuse the same."""
    width = len(format_line(speech))
    if width > MAX_LINE_CHARS:
        fail(
            path,
            turn.line,
            f"a turn of {len(turn.text):,} characters: with its time and speaker, "
            f"{width:,} on one line (at most {MAX_LINE_CHARS:,})",
        )


def _within_a_day(ordered: list[Turn], path: str) -> list[Turn]:
    """Times as the file gives them; when the first turn starts past a day (a clock that
    ran before the call), counted from it. A call longer than a day is refused."""
    zero = ordered[0].start if ordered and ordered[0].start > MAX_SECONDS else 0.0
    for t in ordered:
        if t.start - zero > MAX_SECONDS:
            after = "into the call" if zero == 0.0 else "after the call's first turn"
            fail(path, t.line, f"time is {seconds_shown(t.start)} s, more than a day {after}")
    if not zero:
        return ordered
    return [replace(t, start=t.start - zero) for t in ordered]


def _cleaned(t: Turn) -> Turn:
    text = clean_text(t.text)
    speaker = " ".join(t.speaker.split())
    if text == t.text and speaker == t.speaker:
        return t
    return Turn(start=t.start, speaker=speaker, text=text, line=t.line, role=t.role)


def _names(sides: dict[str, Speaker]) -> dict[str, str]:
    """`agent` (first name) and `caller` headers when each side has one named speaker."""
    out: dict[str, str] = {}
    for side in ("agent", "caller"):
        names = {person_name(label) for label, s in sides.items() if s == side}
        if len(names) == 1 and (name := names.pop()):
            out[side] = _first_name(name) if side == "agent" else name
    return out


#: titles before a name: the agent header (and the trainee `grade --record` files the call
#: under) is "Dana" for "Dr. Dana Smith", not "Dr."
_TITLES = frozenset("mr mrs ms miss mx dr prof sir madam dame".split())


def _first_name(name: str) -> str:
    words = name.split()
    rest = [w for w in words if w.lower().rstrip(".") not in _TITLES]
    return (rest or words)[0]
