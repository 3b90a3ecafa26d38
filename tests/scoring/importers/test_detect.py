"""Which reader a file goes to, from its content; hostile files refused in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.importers import read_text
from scoring.reader import TranscriptError, parse_text
from tests.scoring.importers.conftest import Reader, Refusal, rows

SPEC = "# callsim transcript: 1\n# brand: Advantus\n\n[00:00] AGENT: Hello.\n[00:02] CALLER: Hi.\n"


def test_a_spec_transcript_reads_exactly_as_the_spec_reader_reads_it(
    read: Reader, tmp_path: Path
) -> None:
    assert read(SPEC, "call.vtt") == parse_text(SPEC, str(tmp_path / "call.vtt"))


def test_the_spec_reader_still_refuses_spec_files_and_empty_ones(refused: Refusal) -> None:
    assert "version" in refused("").message
    assert "version" in refused("# brand: X\n[00:00] AGENT: Hi.\n").message


@pytest.mark.parametrize(
    "name", ["call.json", "call.csv", "call.srt", "call.txt", "call", "call.vtt.bak"]
)
def test_the_extension_does_not_decide(read: Reader, name: str) -> None:
    vtt = (
        "WEBVTT\n\n00:00.000 --> 00:01.000\n<v Agent>Hello.\n\n"
        "00:01.000 --> 00:02.000\n<v Customer>Hi.\n"
    )
    assert rows(read(vtt, name)) == [(0, "AGENT", "Hello."), (1, "CALLER", "Hi.")]


def test_utf16_with_a_byte_order_mark_is_read(read: Reader) -> None:
    text = "start,speaker,text\n0,Agent,Hello.\n1,Customer,Hi.\n"
    assert rows(read(text.encode("utf-16"), "excel.csv")) == [
        (0, "AGENT", "Hello."),
        (1, "CALLER", "Hi."),
    ]


@pytest.mark.parametrize(
    ("data", "phrase"),
    [
        ("just some words\nand more words\n", "not a transcript format"),
        ('{"hello": "world"}', "JSON, but not speech-to-text output"),
        ('{"results": ', "not valid JSON"),
        ("[" * 50_000, "nested more than"),
        ('{"segments": [{"start": NaN, "text": "hi", "speaker": "A"}]}', "NaN"),
        ('{"segments": [{"start": 1' + "0" * 5000 + ', "text": "x"}]}', "too many digits"),
        (b"\x00\x01\xfe binary", "not UTF-8"),
        ('{"segments": [{"start": 1' + "0" * 400 + ', "text": "x", "speaker": "A"}]}', "too large"),
        ('{"segments": [{"start": 1, "text": "x", "speaker": {"a": 1}}]}', "a name or a number"),
        (
            "1\n99999999999:00:00,000 --> 99999999999:00:01,000\nAgent: Hi.\n\n"
            "2\n00:00:01,000 --> 00:00:02,000\nCustomer: Hello.\n",
            "not a transcript format",
        ),
    ],
)
def test_hostile_and_foreign_files_are_refused_in_one_line(
    refused: Refusal, data: str | bytes, phrase: str
) -> None:
    assert phrase in refused(data).message


def test_an_oversized_file_is_refused_before_it_is_parsed(tmp_path: Path, refused: Refusal) -> None:
    big = json.dumps({"segments": [{"start": 0, "text": "x" * 100, "speaker": "A"}] * 40_000})
    assert "bytes" in refused(big).message


def test_a_turn_too_long_for_one_line_is_refused(refused: Refusal) -> None:
    text = "start,speaker,text\n0,Agent," + "word " * 5000 + "\n1,Customer,Hi.\n"
    assert "characters" in refused(text, "long.csv").message


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_any_text_reads_or_is_refused_with_a_transcript_error(body: str) -> None:
    messages = []
    for text in (body, "WEBVTT\n\n" + body, '{"segments": ' + body, "start,speaker,text\n" + body):
        try:
            read_text(text, "fuzz", agent_speaker=None)
        except TranscriptError as exc:
            messages.append(exc.message)
    assert not any("\n" in m for m in messages)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("call.csv", "start,speaker,text\r0.0,Agent,Thanks for calling.\r2.0,Customer,Hi.\r"),
        (
            "call.srt",
            "1\r00:00:00,000 --> 00:00:02,000\rAgent: Thanks for calling.\r\r"
            "2\r00:00:02,500 --> 00:00:04,000\rCustomer: Hi.\r",
        ),
        ("call.txt", "Agent: Thanks for calling.\rCustomer: Hi.\r"),
    ],
    ids=["csv", "srt", "plain"],
)
def test_lines_ending_in_a_lone_cr_are_read_as_lines(name: str, text: str) -> None:
    """Classic Mac OS line ends, as some older recorders export: read, not refused."""
    assert [(who, said) for _, who, said in rows(read_text(text, name))] == [
        ("AGENT", "Thanks for calling."),
        ("CALLER", "Hi."),
    ]


def test_a_spec_transcript_with_lone_cr_lines_says_so(refused: Refusal) -> None:
    refusal = refused("# callsim transcript: 1\r# brand: X\r[00:00] AGENT: Hi.\r")
    assert refusal.line == 1
    assert "lone CR" in refusal.message
