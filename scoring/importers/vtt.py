"""WebVTT captions (Teams, Zoom, YouTube, most ASR tools) with speaker names.

Parsed by webvtt-py (strict: a malformed cue refuses the file); speakers come
from voice spans (`<v Dana Smith>Hello</v>`) or a "Name:" prefix in the text.
"""

from __future__ import annotations

import re

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from scoring.importers.base import Turn, fail
from scoring.importers.captions import Cue, arrow_lines, cue_line, first_bad_timing, turns_from_cues

NAME = "WebVTT"
_TIMING = re.compile(
    r"(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}\s+-->\s+(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}"
)


def detect(text: str) -> bool:
    """WebVTT files start with the word WEBVTT (the spec requires it)."""
    return text.lstrip("\ufeff").startswith("WEBVTT")


def read(text: str, path: str) -> list[Turn]:
    try:
        parsed = webvtt.from_string(text.lstrip("\ufeff"), strict=True)
        captions = list(parsed.captions)
    except (MalformedCaptionError, MalformedFileError, ValueError) as exc:
        line = first_bad_timing(text, _TIMING)
        what = "a malformed cue timing" if line else f"not valid WebVTT ({_short(exc)})"
        fail(path, line or 1, what)
    _refuse_dropped_cues(text, path)
    lines = arrow_lines(text)
    cues = [
        Cue(
            start=c.start_time.in_milliseconds() / 1000,
            parts=tuple(_voiced(raw) for raw in c.lines),
            line=cue_line(lines, i),
        )
        for i, c in enumerate(captions)
    ]
    return turns_from_cues(cues, path)


#: a line that starts like a cue timing ("00:01.000 ...", "00:00:01.000 ...")
_STAMP_START = re.compile(r"\s*(?:\d{2,}:)?\d{2}:\d{2}\.\d{3}")


def _refuse_dropped_cues(text: str, path: str) -> None:
    """A cue whose timing has no `-->` ("00:10.000 -> 00:12.000") is not a cue to WebVTT:
    the parser drops the block, and the turn in it would vanish from the grading unsaid."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = 0  # the index of the current block's first line
    for n, line in enumerate([*lines, ""]):
        if line.strip():
            continue
        head = lines[first:n][:2]  # a cue timing is its block's first or second line
        at, first = first, n + 1
        if not head or "-->" in "".join(head) or head[0].startswith(("NOTE", "WEBVTT")):
            continue
        for k, candidate in enumerate(head):
            if _STAMP_START.match(candidate):
                fail(
                    path,
                    at + k + 1,
                    "a cue timing without '-->' (WebVTT would drop the cue and its words)",
                )


def _voiced(raw: str) -> tuple[str | None, str]:
    """(voice, words without tags) of one cue line, by webvtt-py's own reading of it."""
    line = webvtt.Caption(text=raw)
    return line.voice, line.text


def _short(exc: Exception) -> str:
    return " ".join(str(exc).split())[:80] or type(exc).__name__
