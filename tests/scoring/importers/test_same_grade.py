"""A call imported from another tool grades as the same call written in the spec format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scoring.batch import grade_file
from scoring.grader import Scorecard
from scoring.importers import read_file
from scoring.reader import parse_text
from scoring.writer import format_transcript

LINES = [
    (0.4, "AGENT", "Thank you for calling Advantus, this is Dana. May I have your name, please?"),
    (4.1, "CALLER", "Maria Lopez."),
    (6.0, "AGENT", "Thank you, Ms. Lopez. How may I help you today?"),
    (9.5, "CALLER", "My order came with the wrong color."),
    (12.2, "AGENT", "I'm very sorry about that, Ms. Lopez. I'll be happy to fix your order. "
     "May I have the order number?"),
    (18.0, "CALLER", "It's 5521907."),
    (20.3, "AGENT", "May I place you on a brief hold while I check that order?"),
    (23.0, "CALLER", "Sure."),
    (70.0, "AGENT", "Thank you for holding, Ms. Lopez. I have sent a replacement in the right "
     "color, and your reference number is 5521907. Is there anything else I can help you with?"),
    (84.0, "CALLER", "No, that's all, thanks."),
    (86.5, "AGENT", "Thank you for calling Advantus, Ms. Lopez. Have a great day."),
]  # fmt: skip
NAMES = {"AGENT": "Dana Smith", "CALLER": "Maria Lopez"}
LABELS = {"AGENT": "spk_1", "CALLER": "spk_0"}


def _stamp(seconds: float, sep: str = ".") -> str:
    ms = round(seconds * 1000)
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}{sep}{ms % 1000:03d}"


def _vtt() -> str:
    cues = [
        f"{_stamp(t)} --> {_stamp(t + 2)}\n<v {NAMES[who]}>{words}</v>" for t, who, words in LINES
    ]
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


def _srt() -> str:
    return "\n".join(
        f"{i}\n{_stamp(t, ',')} --> {_stamp(t + 2, ',')}\n{NAMES[who]}: {words}\n"
        for i, (t, who, words) in enumerate(LINES, start=1)
    )


def _csv() -> str:
    rows = [f'{t},{LABELS[who]},"{words}"' for t, who, words in LINES]
    return "start_time,speaker_label,text\n" + "\n".join(rows) + "\n"


def _transcribe() -> str:
    segments = [
        {"start_time": str(t), "speaker_label": LABELS[who], "transcript": words}
        for t, who, words in LINES
    ]
    return json.dumps({"results": {"transcripts": [], "items": [], "audio_segments": segments}})


def _contact_lens() -> str:
    turns = [
        {"ParticipantRole": "AGENT" if who == "AGENT" else "CUSTOMER",
         "BeginOffsetMillis": int(t * 1000), "Content": words}
        for t, who, words in LINES
    ]  # fmt: skip
    return json.dumps({"Transcript": turns, "Channel": "VOICE"})


def _plain() -> str:
    return "".join(f"[{int(t) // 60:02d}:{int(t) % 60:02d}] {NAMES[w]}: {s}\n" for t, w, s in LINES)


def _hand_written(names: bool) -> str:
    head = "# callsim transcript: 1\n" + ("# agent: Dana\n# caller: Maria Lopez\n" if names else "")
    body = "".join(f"[{int(t) // 60:02d}:{int(t) % 60:02d}] {w}: {s}\n" for t, w, s in LINES)
    return head + "\n" + body


SOURCES = [
    ("call.vtt", _vtt, True),
    ("call.srt", _srt, True),
    ("call.csv", _csv, False),
    ("transcribe.json", _transcribe, False),
    ("contact-lens.json", _contact_lens, False),
    ("pasted.txt", _plain, True),
]


def _marks(card: Any) -> dict[str, Any]:
    """Each item's result, reason and evidence (time and words: line numbers differ)."""
    assert isinstance(card, Scorecard), card
    items = card.to_json()["items"]
    for item in items.values():
        for ev in item["evidence"]:
            ev.pop("line")
    return items


@pytest.mark.parametrize(("name", "make", "names"), SOURCES)
def test_an_imported_call_grades_as_the_hand_written_transcript(
    tmp_path: Path, name: str, make: Any, names: bool
) -> None:
    source = tmp_path / name
    source.write_text(make(), encoding="utf-8")
    hand = tmp_path / "hand.txt"
    hand.write_text(_hand_written(names), encoding="utf-8")
    imported, written = grade_file(str(source)), grade_file(str(hand))
    assert _marks(imported) == _marks(written)
    assert any(item["result"] == "pass" for item in _marks(imported).values())


@pytest.mark.parametrize(("name", "make", "names"), SOURCES)
def test_grading_a_file_and_grading_its_conversion_give_the_same_json(
    tmp_path: Path, name: str, make: Any, names: bool
) -> None:
    source = tmp_path / name
    source.write_text(make(), encoding="utf-8")
    converted = tmp_path / "converted.txt"
    converted.write_text(format_transcript(read_file(source)), encoding="utf-8")
    assert parse_text(converted.read_text(encoding="utf-8"), str(converted)).lines
    direct, via = grade_file(str(source)), grade_file(str(converted))
    assert isinstance(direct, Scorecard)
    assert isinstance(via, Scorecard)
    assert direct.to_json()["items"] == via.to_json()["items"]
