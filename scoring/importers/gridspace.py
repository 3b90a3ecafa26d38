"""Gridspace transcript JSON (the Gridspace-Stanford Harper Valley corpus, Gridspace Mixer).

    [{"speaker_role": "agent", "start_ms": 3729, "human_transcript": "hello this is ...",
      "transcript": "hello this is ...", "channel_index": 2, ...}, ...]

A bare array of segments; `speaker_role` (agent / caller) says who spoke, so
no guessing. The human transcript is used when the segment has one (an empty one means no
words were said), else the machine's. The
corpus marks sounds as `[noise]`, `[laughter]` and unknown words as `<unk>`;
those are not words said, and a segment of nothing else is no turn.
"""

from __future__ import annotations

import re
from typing import Any

from scoring.importers.base import Turn, number
from scoring.importers.jsondoc import dicts, document, text_of
from scoring.transcript import Speaker

NAME = "Gridspace JSON"

_SIDES: dict[str, Speaker] = {"agent": "agent", "caller": "caller"}
_MARKS = re.compile(r"\[[a-z_ ]{1,20}\]|<unk>")


def _segments(text: str) -> list[dict[str, Any]]:
    doc = document(text)
    return list(dicts(doc)) if isinstance(doc, list) else []


def detect(text: str) -> bool:
    segments = _segments(text)
    return bool(segments) and all(
        "speaker_role" in s and "start_ms" in s and ("human_transcript" in s or "transcript" in s)
        for s in segments[:20]
    )


def read(text: str, path: str) -> list[Turn]:
    turns: list[Turn] = []
    for i, s in enumerate(_segments(text)):
        role = text_of(s.get("speaker_role")).lower()
        start = number(s.get("start_ms"), path, f"[{i}].start_ms", scale=0.001)
        side = _SIDES.get(role)
        if side is None:
            continue  # a role the corpus does not define: not the conversation
        # An empty human transcript is the transcriber's "no words", not a gap to fill
        # from the machine's guess.
        words = text_of(s["human_transcript"] if "human_transcript" in s else s.get("transcript"))
        turns.append(Turn(start=start, speaker=role, text=_MARKS.sub(" ", words), role=side))
    return turns
