"""What WebVTT and SRT captions share once parsed: cues to speaker turns.

A cue may hold several speakers (one voice span or "Name:" prefix per line);
a cue with no name continues the last speaker; a cue that is only a sound
description ("[music]") or has no words is skipped. The caption parsers
themselves are libraries (webvtt-py, srt); this module only reads speakers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scoring.importers.base import Runs, Turn, check_seconds, clean_text, fail, only_annotation
from scoring.importers.labels import confirmed, split_prefix

_ARROW = "-->"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # as the caption parsers split lines


@dataclass(frozen=True, slots=True)
class Cue:
    """One caption's start, its text lines with any voice already read, and where it is."""

    start: float
    parts: tuple[tuple[str | None, str], ...]  # (voice or None, words) per line
    line: int


def arrow_lines(text: str) -> list[int]:
    """The 1-based numbers of the lines holding a cue's `-->` timing, in order.

    The parsers do not say where a cue was; in a file they accepted, the n-th
    timing line is the n-th cue's (cue text cannot contain `-->`).
    """
    lines = _LINE_BREAK.split(text)
    return [n for n, line in enumerate(lines, start=1) if _ARROW in line]


def first_bad_timing(text: str, timing: re.Pattern[str]) -> int:
    """The line of the first cue timing that `timing` does not match (0 if none):
    where a parser's complaint, which names no line, comes from."""
    for n, line in enumerate(_LINE_BREAK.split(text), start=1):
        if _ARROW in line and not timing.match(line.strip()):
            return n
    return 0


def cue_line(lines: list[int], index: int) -> int:
    """The line of the cue's first words (the line after its timing), or 0 if unknown."""
    return lines[index] + 1 if index < len(lines) else 0


def turns_from_cues(cues: list[Cue], path: str) -> list[Turn]:
    """Speaker turns, names confirmed across the whole file (see labels.py)."""
    split = [(cue, [_split(voice, words) for voice, words in cue.parts]) for cue in cues]
    speakers = confirmed(label for _, parts in split for label, _, _ in parts) | _voices(cues)
    turns = Runs()
    cues_of: list[int] = []  # the cue each turn came from
    current: str | None = None
    for n, (cue, parts) in enumerate(split):
        start = check_seconds(cue.start, path, cue.line, "cue start")
        for k, (label, words, original) in enumerate(parts):
            said = clean_text(words if label and label in speakers else original)
            if label and label in speakers:
                current = label
            if not said or only_annotation(said):
                continue
            if current is None:
                fail(
                    path,
                    cue.line + k,
                    "a caption with words but no speaker name before it "
                    "(captions need names: <v Name> or 'Name:')",
                )
            prev = turns.last
            if prev and cues_of[-1] == n and prev.speaker == current:  # one cue, one speaker
                turns.extend(said)
                continue
            turns.add(Turn(start=start, speaker=current, text=said, line=cue.line + k))
            cues_of.append(n)
    return turns.turns()


def _voices(cues: list[Cue]) -> frozenset[str]:
    """WebVTT voice spans name a speaker by definition, even one who speaks once."""
    return frozenset(voice.strip() for cue in cues for voice, _ in cue.parts if voice)


def _split(voice: str | None, words: str) -> tuple[str | None, str, str]:
    if voice:
        return voice.strip(), words, words
    label, rest = split_prefix(words.strip())
    return label, rest, words
