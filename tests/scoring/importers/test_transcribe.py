"""Amazon Transcribe batch JSON: speaker labels (new and old layout), channels, segments."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.scoring.importers.conftest import Reader, Refusal, rows


def _word(start: float, content: str, speaker: str | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {
        "type": "pronunciation",
        "start_time": f"{start:.2f}",
        "end_time": f"{start + 0.3:.2f}",
        "alternatives": [{"confidence": "0.99", "content": content}],
    }
    if speaker:
        item["speaker_label"] = speaker
    return item


def _punct(mark: str) -> dict[str, Any]:
    return {"type": "punctuation", "alternatives": [{"confidence": "0.0", "content": mark}]}


def _job(results: dict[str, Any]) -> str:
    return json.dumps(
        {"jobName": "call-17", "accountId": "1", "results": results, "status": "COMPLETED"}
    )


# spk_1 greets as the agent, spk_0 (the caller) answers; a caller's "okay" overlaps
WORDS = [
    (0.5, "Thanks", "spk_1"), (0.8, "for", "spk_1"), (1.0, "calling", "spk_1"),
    (1.3, "Nimbus", "spk_1"), (1.7, ",", None), (1.8, "how", "spk_1"), (2.0, "can", "spk_1"),
    (2.2, "I", "spk_1"), (2.3, "help", "spk_1"), (2.5, "?", None),
    (3.1, "My", "spk_0"), (3.3, "internet", "spk_0"), (3.7, "is", "spk_0"), (3.9, "down", "spk_0"),
    (4.2, ".", None),
]  # fmt: skip


def _items(with_labels: bool) -> list[dict[str, Any]]:
    return [
        _punct(c) if s is None else _word(t, c, s if with_labels else None) for t, c, s in WORDS
    ]


EXPECTED = [
    (0, "AGENT", "Thanks for calling Nimbus, how can I help?"),
    (3, "CALLER", "My internet is down."),
]


def test_items_with_speaker_labels(read: Reader) -> None:
    text = _job({"transcripts": [{"transcript": "..."}], "items": _items(True)})
    t = read(text, "job.json")
    assert rows(t) == EXPECTED
    assert t.headers["source_format"] == "Amazon Transcribe JSON"


def test_older_output_gives_speakers_only_in_segments(read: Reader) -> None:
    segments = [
        {
            "speaker_label": spk,
            "start_time": "0",
            "items": [
                {"start_time": f"{t:.2f}", "speaker_label": spk} for t, _, s in WORDS if s == spk
            ],
        }
        for spk in ("spk_1", "spk_0")
    ]
    text = _job({"items": _items(False), "speaker_labels": {"speakers": 2, "segments": segments}})
    assert rows(read(text, "old.json")) == EXPECTED


def test_channel_identification(read: Reader) -> None:
    def channel(label: str, spk: str) -> dict[str, Any]:
        items, keep = [], False
        for t, c, s in WORDS:
            keep = s == spk if s else keep
            if keep:
                items.append(_punct(c) if s is None else _word(t, c))
        return {"channel_label": label, "items": items}

    text = _job(
        {
            "items": [],
            "channel_labels": {
                "number_of_channels": 2,
                "channels": [channel("ch_0", "spk_0"), channel("ch_1", "spk_1")],
            },
        }
    )
    assert rows(read(text, "channels.json")) == EXPECTED


def test_audio_segments_are_the_turns_and_an_empty_one_is_skipped(read: Reader) -> None:
    segments = [
        {
            "id": 0,
            "transcript": "Thanks for calling Nimbus, how can I help?",
            "start_time": "0.5",
            "speaker_label": "spk_1",
        },
        {"id": 1, "transcript": "", "start_time": "2.9", "speaker_label": "spk_0"},
        {
            "id": 2,
            "transcript": "My internet is down.",
            "start_time": "3.1",
            "speaker_label": "spk_0",
        },
    ]
    assert rows(read(_job({"items": [], "audio_segments": segments}), "seg.json")) == EXPECTED


def test_without_speakers_or_channels_the_file_is_refused(refused: Refusal) -> None:
    err = refused(_job({"transcripts": [], "items": _items(False)}), "plain.json")
    assert "speaker" in err.message


@pytest.mark.parametrize("bad", ["NaN", "-1.0", "1e12", "soon"])
def test_a_bad_word_time_is_refused_naming_the_field(refused: Refusal, bad: str) -> None:
    items = _items(True)
    items[3]["start_time"] = bad
    err = refused(_job({"items": items}), "bad.json")
    assert "results.items[3].start_time" in err.message
