"""Deepgram pre-recorded output, diarised (`diarize=true`) or multichannel.

    {"metadata": {...}, "results": {"channels": [{"alternatives": [{"words":
     [{"word": "hello", "punctuated_word": "Hello,", "start": 0.08, "speaker": 0}]}]}],
     "utterances": [{"start": 0.08, "channel": 0, "speaker": 0, "transcript": "..."}]}}

Utterances (`utterances=true`) are the turns when present; otherwise each
channel's words, grouped by speaker. The speaker is `speaker N` when
diarised, else `channel N` when there are several channels.
"""

from __future__ import annotations

from typing import Any

from scoring.importers.base import Runs, Turn, fail, number
from scoring.importers.jsondoc import dicts, document, get, text_of

NAME = "Deepgram JSON"


def detect(text: str) -> bool:
    return isinstance(get(document(text), "results", "channels"), list)


def read(text: str, path: str) -> list[Turn]:
    results = get(document(text), "results")
    channels = list(dicts(results.get("channels")))
    utterances = list(dicts(results.get("utterances")))
    if utterances:
        turns = [
            Turn(
                start=number(u.get("start"), path, f"results.utterances[{i}].start"),
                speaker=_who(u, len(channels)),
                text=text_of(u.get("transcript")),
            )
            for i, u in enumerate(utterances)
        ]
    else:
        turns = [
            t for c, ch in enumerate(channels) for t in _channel_turns(ch, c, len(channels), path)
        ]
    if turns and not any(t.speaker for t in turns):
        fail(path, 0, "Deepgram output without speakers: request diarize=true or multichannel=true")
    return turns


def _who(item: dict[str, Any], channels: int, channel: int | None = None) -> str:
    if isinstance(item.get("speaker"), int):
        return f"speaker {item['speaker']}"
    c = item.get("channel", channel)
    return f"channel {c}" if channels > 1 and isinstance(c, int) else ""


def _channel_turns(ch: dict[str, Any], c: int, channels: int, path: str) -> list[Turn]:
    alt = next(dicts(ch.get("alternatives")), {})
    turns = Runs()
    for i, w in enumerate(dicts(alt.get("words"))):
        said = text_of(w.get("punctuated_word") or w.get("word"))
        who = _who(w, channels, c)
        if turns.last and turns.last.speaker == who:
            turns.extend(said)
            continue
        start = number(
            w.get("start"), path, f"results.channels[{c}].alternatives[0].words[{i}].start"
        )
        turns.add(Turn(start=start, speaker=who, text=said))
    return turns.turns()
