"""Google Cloud Speech-to-Text JSON, with diarisation or one channel per speaker.

    {"results": [{"alternatives": [{"transcript": "...", "words": [{"startTime": "1.300s",
      "word": "Hello", "speakerTag": 1}]}], "channelTag": 1, "resultEndTime": "3.2s"}]}

Diarised output tags every word of the last result with its speaker
(`speakerTag`, or `speakerLabel` in v2); consecutive words of one speaker
make a turn. With separate channels (`channelTag`), each result is a turn
of `channel N`, starting at its first word's time, else where that
channel's previous result ended. Times are "1.300s" strings, numbers, or
`{"seconds": 1, "nanos": 300000000}`.
"""

from __future__ import annotations

from typing import Any

from scoring.importers.base import Runs, Turn, fail, number
from scoring.importers.jsondoc import dicts, document, get, text_of

NAME = "Google Speech-to-Text JSON"


def _results(text: str) -> list[dict[str, Any]]:
    return list(dicts(get(document(text), "results")))


def detect(text: str) -> bool:
    results = _results(text)
    return bool(results) and all(isinstance(r.get("alternatives"), list) for r in results[:20])


def read(text: str, path: str) -> list[Turn]:
    results = _results(text)
    tagged = [r for r in results if any(_speaker(w) for w in _words(r))]
    if tagged:
        return _diarised(tagged[-1], path)
    if len({_channel(r) for r in results}) >= 2:
        return _by_channel(results, path)
    fail(
        path,
        0,
        "Google Speech-to-Text output without speakers: enable diarization "
        "or separate recognition per channel",
    )


def _channel(result: dict[str, Any]) -> int | str | None:
    """The result's channel number; anything else there (an object, a list) is no channel."""
    tag = result.get("channelTag")
    return tag if isinstance(tag, int | str) and not isinstance(tag, bool) else None


def _words(result: dict[str, Any]) -> list[dict[str, Any]]:
    return list(dicts(get(next(dicts(result.get("alternatives")), None), "words")))


def _speaker(word: dict[str, Any]) -> str:
    tag = word.get("speakerLabel") or word.get("speakerTag")
    return f"speaker {tag}" if tag not in (None, "", 0) else ""


def _time(value: Any, path: str, where: str) -> float:
    if isinstance(value, dict):
        seconds = value.get("seconds", 0)
        nanos = value.get("nanos", 0)
        if not isinstance(nanos, int | float) or isinstance(nanos, bool):
            fail(path, 0, f"{where}.nanos: expected a number")
        return number(seconds, path, f"{where}.seconds") + number(nanos, path, where, scale=1e-9)
    return number(value if value is not None else 0, path, where)


def _diarised(result: dict[str, Any], path: str) -> list[Turn]:
    turns = Runs()
    for i, w in enumerate(_words(result)):
        who, said = _speaker(w), text_of(w.get("word"))
        if turns.last and turns.last.speaker == who:
            turns.extend(said)
            continue
        start = _time(w.get("startTime", w.get("startOffset")), path, f"words[{i}].startTime")
        turns.add(Turn(start=start, speaker=who, text=said))
    return turns.turns()


def _by_channel(results: list[dict[str, Any]], path: str) -> list[Turn]:
    turns: list[Turn] = []
    ended: dict[Any, float] = {}
    for i, r in enumerate(results):
        channel = _channel(r)
        words = _words(r)
        if words:
            first = words[0].get("startTime", words[0].get("startOffset"))
            start = _time(first, path, f"results[{i}].words[0].startTime")
        else:
            start = ended.get(channel, 0.0)
        ended[channel] = _time(
            r.get("resultEndTime", r.get("resultEndOffset")), path, f"results[{i}].resultEndTime"
        )
        alt = next(dicts(r.get("alternatives")), {})
        turns.append(
            Turn(start=start, speaker=f"channel {channel}", text=text_of(alt.get("transcript")))
        )
    return turns
