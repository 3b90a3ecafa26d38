"""Deepgram, AssemblyAI and Whisper-style JSON with speakers."""

from __future__ import annotations

import json
from pathlib import Path

from tests.scoring.importers.conftest import Reader, Refusal, rows

AGENT_LINE = "Thank you for calling Advantus, how can I help?"
CALLER_LINE = "My order came in the wrong colour."
EXPECTED = [(0, "AGENT", AGENT_LINE), (3, "CALLER", CALLER_LINE)]


def test_deepgram_utterances(read: Reader) -> None:
    doc = {
        "metadata": {"request_id": "r", "channels": 1},
        "results": {
            "channels": [{"alternatives": [{"transcript": "...", "words": []}]}],
            "utterances": [
                {"start": 3.2, "end": 5.0, "channel": 0, "speaker": 0, "transcript": CALLER_LINE},
                {"start": 0.4, "end": 3.0, "channel": 0, "speaker": 1, "transcript": AGENT_LINE},
                {"start": 5.2, "end": 5.3, "channel": 0, "speaker": 0, "transcript": ""},
            ],
        },
    }
    assert rows(read(json.dumps(doc), "dg.json")) == EXPECTED


def test_deepgram_diarised_words_without_utterances(read: Reader) -> None:
    words = [
        {"word": w, "punctuated_word": p, "start": 0.4 + i * 0.2, "speaker": 1}
        for i, (w, p) in enumerate(zip(AGENT_LINE.lower().split(), AGENT_LINE.split(), strict=True))
    ] + [
        {"word": w, "punctuated_word": p, "start": 3.1 + i * 0.2, "speaker": 0}
        for i, (w, p) in enumerate(
            zip(CALLER_LINE.lower().split(), CALLER_LINE.split(), strict=True)
        )
    ]
    doc = {"results": {"channels": [{"alternatives": [{"transcript": "", "words": words}]}]}}
    assert rows(read(json.dumps(doc), "dgw.json")) == EXPECTED


def test_deepgram_without_speakers_is_refused(refused: Refusal) -> None:
    doc = {"results": {"channels": [{"alternatives": [{"words": [{"word": "hi", "start": 0.1}]}]}]}}
    assert "diarize" in refused(json.dumps(doc), "dg.json").message


def test_assemblyai_utterances_in_milliseconds(read: Reader) -> None:
    doc = {
        "id": "t1",
        "status": "completed",
        "text": "...",
        "words": [],
        "utterances": [
            {"speaker": "A", "start": 400, "end": 3000, "text": AGENT_LINE, "confidence": 0.9},
            {"speaker": "B", "start": 3300, "end": 5000, "text": CALLER_LINE, "confidence": 0.9},
        ],
    }
    assert rows(read(json.dumps(doc), "aai.json")) == EXPECTED


def test_assemblyai_without_speaker_labels_is_refused(refused: Refusal) -> None:
    doc = {"id": "t1", "status": "completed", "text": "hi", "words": [], "utterances": None}
    assert "speaker_labels" in refused(json.dumps(doc), "aai.json").message


def test_whisperx_segments_and_a_bare_array(read: Reader) -> None:
    segments = [
        {"start": 0.4, "end": 3.0, "text": " " + AGENT_LINE, "speaker": "SPEAKER_01"},
        {"start": 3.1, "end": 5.0, "text": " " + CALLER_LINE, "speaker": "SPEAKER_00"},
    ]
    assert rows(read(json.dumps({"segments": segments, "language": "en"}), "wx.json")) == EXPECTED
    assert rows(read(json.dumps(segments), "array.json")) == EXPECTED


def test_whisper_without_speakers_is_refused(refused: Refusal) -> None:
    doc = {"text": "hi", "segments": [{"id": 0, "start": 0.0, "end": 1.0, "text": "Hi."}]}
    assert "diarise" in refused(json.dumps(doc), "w.json").message


def _google_words(line: str, start: float, tag: int) -> list[dict[str, object]]:
    return [
        {"startTime": f"{start + i * 0.2:.3f}s", "endTime": "0s", "word": w, "speakerTag": tag}
        for i, w in enumerate(line.split())
    ]


def test_google_diarised_words_of_the_last_result(read: Reader) -> None:
    words = _google_words(AGENT_LINE, 0.4, 2) + _google_words(CALLER_LINE, 3.1, 1)
    doc = {
        "results": [
            {"alternatives": [{"transcript": AGENT_LINE, "words": []}], "languageCode": "en-us"},
            {"alternatives": [{"transcript": "", "words": words}], "languageCode": "en-us"},
        ]
    }
    assert rows(read(json.dumps(doc), "g.json")) == EXPECTED


def test_google_one_channel_a_speaker_with_protobuf_style_times(read: Reader) -> None:
    doc = {
        "results": [
            {"alternatives": [{"transcript": AGENT_LINE}], "channelTag": 1,
             "resultEndTime": {"seconds": 2, "nanos": 500000000}},
            {"alternatives": [{"transcript": CALLER_LINE, "words": [
                {"startTime": {"seconds": 3, "nanos": 100000000}, "word": "My"}]}],
             "channelTag": 2, "resultEndTime": "5s"},
            {"alternatives": [{"transcript": "Sure."}], "channelTag": 1, "resultEndTime": "7s"},
        ]
    }  # fmt: skip
    assert rows(read(json.dumps(doc), "g.json")) == [
        (0, "AGENT", AGENT_LINE),
        (2, "AGENT", "Sure."),
        (3, "CALLER", CALLER_LINE),
    ]


def test_google_without_speakers_is_refused(refused: Refusal) -> None:
    doc = {"results": [{"alternatives": [{"transcript": "hi"}], "channelTag": 1}]}
    assert "diarization" in refused(json.dumps(doc), "g.json").message


REAL = Path(__file__).parents[1] / "real_calls" / "harper-valley"


def test_gridspace_roles_and_its_sound_marks(read: Reader) -> None:
    t = read((REAL / "004860b1ab2e4c88.json").read_text(encoding="utf-8"), "hv.json")
    got = rows(t)
    assert got[0] == (
        3,
        "AGENT",
        "hello this is harper valley national bank my name is robert how can i help you today",
    )
    assert got[-1] == (43, "AGENT", "bye")
    assert len(got) == 12  # six segments that are only [noise] or <unk> are no turns
    assert t.headers["source_format"] == "Gridspace JSON"


def test_gridspace_unknown_roles_and_empty_human_transcripts_are_left_out(read: Reader) -> None:
    doc = [
        {"speaker_role": "system", "start_ms": 0, "human_transcript": "this call is recorded"},
        {"speaker_role": "agent", "start_ms": 900, "human_transcript": "hello how can i help"},
        {"speaker_role": "caller", "start_ms": 2000, "human_transcript": "hi [laughter] there"},
        {"speaker_role": "agent", "start_ms": 2500, "human_transcript": "", "transcript": "um"},
    ]
    assert rows(read(json.dumps(doc), "g.json")) == [
        (0, "AGENT", "hello how can i help"),
        (2, "CALLER", "hi there"),
    ]
