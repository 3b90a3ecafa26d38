"""Plain text: "Agent: ..." / "Customer: ..." lines, with or without times.

What QA teams paste from call-recording tools and chat logs:

    [00:12] Agent: Thank you for calling.     00:12 Agent: ...   (00:12) Agent: ...
    Agent (00:12): Thank you for calling.     Agent: Thank you for calling.
    Agent (Dana): Thank you for calling.
    Dana Smith  0:12                           (a name and time alone on a line,
    Thank you for calling.                      the words below: Otter's export)

A line that starts no turn continues the one before it (lines before the
first turn, a title or a date, are ignored). A label counts as a speaker
when it starts two or more lines or is a role word (labels.py). A line with
no time takes the time of the turn before it, so a file without times reads
as one that starts every turn at 00:00.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scoring.importers.base import Runs, Turn, check_seconds, fail, parse_clock
from scoring.importers.labels import confirmed

NAME = "plain text"

_TIME = r"\d{1,3}(?::\d{2}){1,2}(?:[.,]\d{1,3})?"
_LEAD = rf"(?:[\[(]?(?P<lead>{_TIME})[\])]?\s*(?:[-–—|]\s*)?)?"
_LABEL = r"(?P<label>[^\W\d_][\w.'’-]*(?: [\w.'’()-]+){0,3}?)"
_TURN = re.compile(
    rf"{_LEAD}{_LABEL}(?:\s*[\[(](?P<trail>{_TIME})[\])])?\s*:(?:\s+(?P<text>.*)|\Z)", re.S
)
_HEAD = re.compile(rf"{_LABEL}\s+[\[(]?(?P<alone>{_TIME})[\])]?\Z")
_EVENT = re.compile(rf"[\[(]?{_TIME}[\])]?\s*\*")
#: Labels that are document fields, not speakers ("Date: 12 May").
_FIELDS = frozenset(
    "date time duration subject title call id file recording language url http https "
    "note notes summary ticket case".split()
)
_DETECT_LINES = 400


@dataclass(frozen=True, slots=True)
class _Line:
    number: int
    label: str | None
    time: str | None
    text: str  # the words after the label
    raw: str  # the whole line, for a label that turns out not to be a speaker


def _parse(text: str, limit: int | None = None) -> list[_Line]:
    out: list[_Line] = []
    for number, raw in enumerate(text.split("\n"), start=1):  # as the spec reader: LF, CRLF
        line = raw.strip()
        if not line:
            continue
        if limit is not None and len(out) >= limit:
            break
        m = _TURN.match(line) or _HEAD.match(line)
        label = m.group("label") if m else None
        if not m or label is None or label.lower() in _FIELDS:
            out.append(_Line(number, None, None, line, line))
            continue
        groups = m.groupdict()
        stamp = groups.get("lead") or groups.get("trail") or groups.get("alone")
        out.append(_Line(number, label, stamp, groups.get("text") or "", line))
    return out


def detect(text: str) -> bool:
    """Two or more speakers, turns on at least a quarter of the lines, no caption timings."""
    lines = _parse(text, _DETECT_LINES)
    if any("-->" in ln.raw for ln in lines):
        return False  # caption timings: captions the caption readers could not read
    speakers = confirmed(ln.label for ln in lines)
    starts = sum(1 for ln in lines if ln.label in speakers)
    return len(speakers) >= 2 and starts * 4 >= len(lines)


def read(text: str, path: str) -> list[Turn]:
    lines = _parse(text)
    speakers = confirmed(ln.label for ln in lines)
    turns = Runs()
    at = 0.0
    for ln in lines:
        if ln.label not in speakers:
            if _EVENT.match(ln.raw):
                fail(
                    path,
                    ln.number,
                    "an event line in a file without the version line: make "
                    "'# callsim transcript: 1' its first line to read it as a callsim transcript",
                )
            if turns:
                turns.extend(ln.raw)
            continue
        if ln.time is not None:
            seconds = parse_clock(ln.time)
            if seconds is None:
                fail(path, ln.number, f"bad time {ln.time!r}: expected MM:SS or H:MM:SS")
            at = check_seconds(seconds, path, ln.number)
        turns.add(Turn(start=at, speaker=ln.label or "", text=ln.text, line=ln.number))
    return turns.turns()
