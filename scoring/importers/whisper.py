"""Whisper-style segments with speakers (WhisperX, pyannote pipelines, many tools).

    {"segments": [{"start": 0.0, "end": 2.5, "text": " Hello", "speaker": "SPEAKER_00"}]}

or a bare array of such segments. Plain Whisper output has no speakers and
is refused with that reason (diarise it first).
"""

from __future__ import annotations

from typing import Any

from scoring.importers.base import Turn, fail, number
from scoring.importers.jsondoc import dicts, document, text_of

NAME = "Whisper JSON"


def _segments(doc: Any) -> list[dict[str, Any]]:
    raw = doc.get("segments") if isinstance(doc, dict) else doc
    return list(dicts(raw))


def detect(text: str) -> bool:
    segments = _segments(document(text))
    return bool(segments) and all("start" in s and "text" in s for s in segments[:20])


def read(text: str, path: str) -> list[Turn]:
    segments = _segments(document(text))
    if not any(s.get("speaker") not in (None, "") for s in segments):
        fail(path, 0, "Whisper segments without speakers: diarise them first (e.g. WhisperX)")
    return [
        Turn(
            start=number(s.get("start"), path, f"segments[{i}].start"),
            speaker=_label(s.get("speaker"), path, i),
            text=text_of(s.get("text")),
        )
        for i, s in enumerate(segments)
    ]


def _label(value: Any, path: str, i: int) -> str:
    if value is None or isinstance(value, str):
        return value or ""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"speaker {value}"
    fail(path, 0, f"segments[{i}].speaker: expected a name or a number")
