"""Turns from any importer into the `Transcript` the grader reads.

The rules every format shares: a turn with no words, or only a sound
description (`[noise]`, `(inaudible)`), is skipped (ASR exports have them);
turns are ordered by start time, overlapping ones kept both, in file order
when they start together; speakers are mapped to AGENT and CALLER
(`speakers.py`); a speaker label that is a person's name becomes the
`agent` / `caller` header, as a QA lead would write it. Line numbers are those
the lines have in `callsim convert`'s output, so grading a file and grading
its conversion give the same evidence.
"""

from __future__ import annotations

from collections.abc import Sequence

from scoring.importers.base import (
    Turn,
    check_count,
    check_length,
    clean_text,
    fail,
    only_annotation,
)
from scoring.importers.speakers import assign, person_name
from scoring.transcript import FORMAT_VERSION, Speaker, Speech, Transcript


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
    ordered = sorted(kept, key=lambda t: t.start)  # stable: file order for equal starts
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
    return Transcript(path=path, headers=headers, lines=lines)


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
            out[side] = name.split()[0] if side == "agent" else name
    return out
