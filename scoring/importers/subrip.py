"""SubRip (.srt) captions with speaker names ("Dana: Hello", "[Dana] Hello").

Parsed by the `srt` library (a garbled block refuses the file, naming its
line); speakers come from a name at the start of a caption's lines.
"""

from __future__ import annotations

import re

import srt

from scoring.importers.base import Turn, fail
from scoring.importers.captions import (
    Cue,
    arrow_lines,
    cue_line,
    first_bad_timing,
    turns_from_cues,
)

NAME = "SRT"
_STAMP = r"\d{1,3}:\d{2}:\d{2}[,.]\d{1,3}"
_TIMING = re.compile(rf"{_STAMP}\s*-->\s*{_STAMP}")
#: the caption number is optional, as players and the `srt` library take it
_START = re.compile(r"\A\s*(?:\d+[ \t]*\r?\n)?[ \t]*\d{1,3}:\d{2}:\d{2}[,.]\d{1,3}[ \t]*-->")
#: Styling players honour and show no text of: <i>, <b>, <u>, <s>, <font color=...> and the
#: ASS override blocks ({\an8}, {\pos(10,10)}) subtitle editors write; left in, a tag kept
#: "<i>Agent:</i> Hello" from naming its speaker and put "<i>" among the words graded.
_STYLING = re.compile(r"</?(?:[bisu]|font)(?:\s[^<>]{0,200})?>|\{\\[^{}]{0,200}\}", re.I)


def detect(text: str) -> bool:
    """An SRT file opens with a caption number (or not), then its `00:00:01,000 --> ...`."""
    return bool(_START.match(text.lstrip("\ufeff")[:400]))


def read(text: str, path: str) -> list[Turn]:
    body = text.lstrip("\ufeff")
    try:
        subtitles = list(srt.parse(body))
    except srt.SRTParseError as exc:
        bad = first_bad_timing(body, _TIMING)
        if bad:
            fail(path, bad, "a malformed SRT timing line")
        start = len(body) - len(body[exc.expected_start :].lstrip())
        line = body.count("\n", 0, start) + 1
        fail(path, line, "not a well-formed SRT caption (expected a number, then a timing line)")
    except (srt.TimestampParseError, OverflowError):  # OverflowError: 12-digit seconds
        fail(path, first_bad_timing(body, _TIMING) or 1, "a malformed SRT timestamp")
    if any("-->" in s.content for s in subtitles):
        # srt lets a caption's words run over blank lines, so a block whose timing
        # it cannot read is taken as words of the caption before.
        line = first_bad_timing(body, _TIMING)
        fail(path, line or 1, "a malformed SRT timing line")
    lines = arrow_lines(body)
    cues = [
        Cue(
            start=s.start.total_seconds(),
            parts=tuple((None, _STYLING.sub("", part)) for part in s.content.split("\n")),
            line=cue_line(lines, i),
        )
        for i, s in enumerate(subtitles)
    ]
    return turns_from_cues(cues, path)
