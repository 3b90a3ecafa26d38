"""Importer files the second red-team trial found mis-read (each test failed before its fix).

SRT captions carry styling (`<i>`, `<font color=..>`, ASS `{\\an8}` blocks) that
players hide: left in, a tag kept "<i>Agent:</i>" from naming its speaker and
put "<i>" among the words graded. A CSV whose quote never closes swallowed
every later row into one cell (the caller's lines became the agent's words),
graded without a word of warning. A one-speaker file named its speaker in the
refusal raw, so an escape sequence in a label reached the terminal.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scoring.reader import TranscriptError, read_transcript
from scoring.transcript import Speech
from tests.hostile.test_cli_hostile import ESC, check_clean, drive

AGENT = "Thank you for calling Acme, this is Dana. How can I help?"
CALLER = "My order never arrived."


def _rows(path: Path) -> list[tuple[str, str]]:
    t = read_transcript(path)
    return [(ln.speaker, ln.text) for ln in t.lines if isinstance(ln, Speech)]


def _srt(first: str, second: str) -> str:
    return (
        f"1\n00:00:00,000 --> 00:00:02,000\n{first}\n\n2\n00:00:03,000 --> 00:00:04,000\n{second}\n"
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (f"Agent: <i>{AGENT}</i>", f'Customer: <font color="#00ff00">{CALLER}</font>'),
        (f"<i>Agent:</i> {AGENT}", f"<b>Customer:</b> <u>{CALLER}</u>"),
        (f"{{\\an8}}Agent: {AGENT}", f"{{\\pos(10,10)}}Customer: <s>{CALLER}</s>"),
    ],
)
def test_srt_styling_is_not_words_and_does_not_hide_the_speaker(
    tmp_path: Path, first: str, second: str
) -> None:
    path = tmp_path / "styled.srt"
    path.write_text(_srt(first, second), encoding="utf-8")
    assert _rows(path) == [("agent", AGENT), ("caller", CALLER)]


def test_srt_words_in_angle_brackets_that_are_not_styling_stay(tmp_path: Path) -> None:
    path = tmp_path / "angles.srt"
    path.write_text(_srt(f"Agent: {AGENT} <ref 12>", f"Customer: {CALLER}"), encoding="utf-8")
    assert _rows(path)[0] == ("agent", f"{AGENT} <ref 12>")


def test_csv_quote_never_closed_is_refused_naming_its_row(tmp_path: Path) -> None:
    path = tmp_path / "unclosed.csv"
    path.write_text(
        f'start,speaker,text\n0,Agent,"{AGENT}\n2,Customer,{CALLER}\n', encoding="utf-8"
    )
    with pytest.raises(TranscriptError) as info:
        read_transcript(path)
    assert info.value.line == 2
    assert "never closed" in info.value.message


def test_csv_quoted_newline_that_closes_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "closed.csv"
    path.write_text(
        f'start,speaker,text\n0,Agent,"{AGENT}\nsecond line"\n2,Customer,"{CALLER}"\n',
        encoding="utf-8",
    )
    assert _rows(path) == [("agent", f"{AGENT} second line"), ("caller", CALLER)]


def test_one_speaker_refusal_shows_the_label_escaped(tmp_path: Path) -> None:
    vtt = tmp_path / "one.vtt"
    vtt.write_text(f"WEBVTT\n\n00:00.000 --> 00:02.000\n<v Bob{ESC}]0;pwn\a>hello</v>\n")
    plain = tmp_path / "one.csv"
    plain.write_text(f"start,speaker,text\n0,Bob{ESC}[2J,hello\n1,Bob{ESC}[2J,again\n")
    for (status, out, err), path in zip(
        drive(["convert", "{}"], [str(vtt), str(plain)], tmp_path), (vtt, plain), strict=True
    ):
        check_clean(out + err, path.name)
        assert ESC not in out + err, err
        assert "\a" not in out + err, err
        assert status == "2", err
        assert f"{path.name}:0: only one speaker ('Bob\\x1b" in err, err


def test_google_channel_tag_of_the_wrong_type_is_no_channel(tmp_path: Path) -> None:
    """An object as `channelTag` was a TypeError (unhashable) traceback (found by mutation)."""
    alt = {"alternatives": [{"transcript": AGENT}], "resultEndTime": "2s"}
    doc = [dict(alt, channelTag={"a": 1}), dict(alt, channelTag=[2]), dict(alt, channelTag=1)]
    path = tmp_path / "g.json"
    path.write_text(json.dumps({"results": doc}), encoding="utf-8")
    assert len(_rows(path)) == 3  # read as two channels: 'channel None' and 'channel 1'


def test_a_label_of_30000_characters_is_not_quoted_whole(tmp_path: Path) -> None:
    label = "a" * 30_000
    path = tmp_path / "long.json"
    segments = [
        {"start": 0, "speaker": "SPEAKER_00", "text": "hello"},
        {"start": 1, "speaker": label, "text": "hi"},
    ]
    path.write_text(json.dumps({"segments": segments}), encoding="utf-8")
    with pytest.raises(TranscriptError) as info:
        read_transcript(path)
    assert len(str(info.value)) < 400, str(info.value)[:400]
    assert f"'{'a' * 40}...'" in str(info.value)
