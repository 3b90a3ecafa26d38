"""Amazon Transcribe batch output, with speaker or channel identification.

    {"jobName": ..., "results": {"transcripts": [...], "items": [...],
     "speaker_labels": {"segments": [...]}, "channel_labels": {"channels": [...]},
     "audio_segments": [...]}, "status": "COMPLETED"}

Words (`items`) carry a start time and, in current output, a `speaker_label`;
older output gives the speakers only in `speaker_labels.segments`, matched by
time; channel identification puts each channel's words under
`channel_labels`. Consecutive words of one speaker make a turn; punctuation
joins the word before it. When `audio_segments` carry speaker or channel
labels they are the turns.
"""

from __future__ import annotations

from typing import Any

from scoring.importers.base import Runs, Turn, fail, number
from scoring.importers.jsondoc import dicts, document, get, text_of

NAME = "Amazon Transcribe JSON"


def detect(text: str) -> bool:
    results = get(document(text), "results")
    return isinstance(results, dict) and (
        isinstance(results.get("items"), list) or isinstance(results.get("transcripts"), list)
    )


def read(text: str, path: str) -> list[Turn]:
    results = get(document(text), "results")
    segments = list(dicts(results.get("audio_segments")))
    if segments and all(_segment_speaker(s) for s in segments):
        return [_from_segment(s, i, path) for i, s in enumerate(segments)]
    channels = list(dicts(get(results, "channel_labels", "channels")))
    if channels:
        words = [
            w
            for ch in channels
            for w in _words(dicts(ch.get("items")), path, str(ch.get("channel_label") or ""))
        ]
    else:
        by_time = _speakers_by_time(results, path)
        words = _words(dicts(results.get("items")), path, "", by_time)
    if not words:
        fail(path, 0, "no words in this Transcribe output")
    if not any(speaker for _, speaker, _ in words):
        fail(
            path,
            0,
            "Transcribe output without speaker or channel labels: run the job with "
            "speaker partitioning (ShowSpeakerLabels) or channel identification",
        )
    words.sort(key=lambda w: w[0])
    return _turns(words)


Word = tuple[float, str, str]  # start, speaker, text (punctuation carries its word's start)


def _words(
    items: Any, path: str, channel: str, by_time: dict[str, str] | None = None
) -> list[Word]:
    out: list[tuple[float, str, list[str]]] = []  # a word and the punctuation after it
    for i, item in enumerate(items):
        content = text_of(get(next(dicts(item.get("alternatives")), None), "content"))
        if item.get("type") == "punctuation":
            if out:
                out[-1][2].append(content)
            continue
        if not content:
            continue
        raw = item.get("start_time")
        start = number(raw, path, f"results.items[{i}].start_time")
        speaker = text_of(item.get("speaker_label")) or channel
        if not speaker and by_time:
            speaker = by_time.get(str(raw), "")
        out.append((start, speaker, [content]))
    return [(start, speaker, "".join(said)) for start, speaker, said in out]


def _speakers_by_time(results: dict[str, Any], path: str) -> dict[str, str]:
    """Older output: each word's speaker from `speaker_labels.segments[].items`, by start time."""
    out: dict[str, str] = {}
    for seg in dicts(get(results, "speaker_labels", "segments")):
        for item in dicts(seg.get("items")):
            label = text_of(item.get("speaker_label") or seg.get("speaker_label"))
            out.setdefault(str(item.get("start_time")), label)
    return out


def _turns(words: list[Word]) -> list[Turn]:
    turns = Runs()
    for start, speaker, said in words:
        if turns.last and turns.last.speaker == speaker:
            turns.extend(said)
        else:
            turns.add(Turn(start=start, speaker=speaker, text=said))
    return turns.turns()


def _segment_speaker(seg: dict[str, Any]) -> str:
    return text_of(seg.get("speaker_label") or seg.get("channel_label"))


def _from_segment(seg: dict[str, Any], i: int, path: str) -> Turn:
    start = number(seg.get("start_time"), path, f"results.audio_segments[{i}].start_time")
    return Turn(start=start, speaker=_segment_speaker(seg), text=text_of(seg.get("transcript")))
