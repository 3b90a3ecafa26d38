"""Files from other systems that are odd but legitimate, read by `grade` and `convert`.

Found by the fourth red team: a plain-text, SRT or CSV export saved by Windows in its
"ANSI" code page (CP1252: `I’m` is byte 0x92) was refused as "not UTF-8 text"; caption,
text, CSV and Contact Lens times that run past 24 hours (a recorder's running clock, a
live stream's captions) were refused as "more than a day into the call" though the call
was minutes long; Excel's `sep=;` first line and the decimal comma of a semicolon CSV
were refused; a speaker "Dr. Dana Smith" made the agent header "Dr." (and so the trainee
`grade --record` files the call under); a turn just under the 20,000-character bound was
graded but could not be converted.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scoring.reader import TranscriptError, read_transcript
from simulator.cli import main

TURNS = [
    ("Agent", "Thank you for calling Acme, this is Dana. How can I help you today?"),
    ("Customer", "Hi, my order never came and I’m really annoyed about it."),
    ("Agent", "I’m sorry to hear that. Let me check that for you, may I have the number?"),
    ("Customer", "It’s 4 4 5 1 2, it was 50 € with the café voucher."),
    ("Agent", "Thanks. It shipped today; you’ll have it tomorrow. Goodbye."),
]


def _said(path: Path) -> list[tuple[int, str, str]]:
    return [(ln.time, ln.speaker, ln.text) for ln in read_transcript(path).speech()]


EXPECTED = [(i * 5, "agent" if s == "Agent" else "caller", t) for i, (s, t) in enumerate(TURNS)]


def _plain() -> str:
    return "".join(f"[00:{i * 5:02d}] {s}: {t}\r\n" for i, (s, t) in enumerate(TURNS))


def _srt() -> str:
    return "".join(
        f"{i + 1}\r\n00:00:{i * 5:02d},000 --> 00:00:{i * 5 + 4:02d},000\r\n{s}: {t}\r\n\r\n"
        for i, (s, t) in enumerate(TURNS)
    )


def _csv(sep: str = ";") -> str:
    rows = [f'00:{i * 5:02d}{sep}{s}{sep}"{t}"\r\n' for i, (s, t) in enumerate(TURNS)]
    return f"start{sep}speaker{sep}text\r\n" + "".join(rows)


@pytest.mark.parametrize(
    ("name", "text"), [("a.txt", _plain()), ("a.srt", _srt()), ("a.csv", _csv())]
)
def test_windows_cp1252_text_is_read(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_bytes(text.encode("cp1252"))
    assert _said(path) == EXPECTED


def test_binary_that_is_not_text_is_still_refused_as_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(b"Agent: hi\nCustomer: \x00\x01\x92 hello\n")
    with pytest.raises(TranscriptError, match=r"junk.txt:2: not UTF-8 text \(byte 0x92"):
        read_transcript(path)


def _vtt(hours: int) -> str:
    cues = [
        f"{hours:02d}:00:{i * 5:02d}.000 --> {hours:02d}:00:{i * 5 + 4:02d}.000\n<v {s}>{t}</v>\n"
        for i, (s, t) in enumerate(TURNS)
    ]
    return "WEBVTT\n\n" + "\n".join(cues)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("a.vtt", _vtt(25)),
        ("a.srt", _srt().replace("00:00:", "26:00:")),
        ("a.txt", _plain().replace("[00:", "[27:00:")),
        ("a.csv", _csv(",").replace("\n00:", "\n30:00:")),
    ],
)
def test_times_past_a_day_count_from_the_first_turn(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert _said(path) == EXPECTED


def test_contact_lens_offsets_past_a_day_count_from_the_first_turn(tmp_path: Path) -> None:
    doc = {
        "Participants": [
            {"ParticipantId": "A", "ParticipantRole": "AGENT"},
            {"ParticipantId": "C", "ParticipantRole": "CUSTOMER"},
        ],
        "Transcript": [
            {
                "ParticipantId": "A" if s == "Agent" else "C",
                "Content": t,
                "BeginOffsetMillis": 90_000_000 + i * 5000,
                "EndOffsetMillis": 90_000_000 + i * 5000 + 4000,
            }
            for i, (s, t) in enumerate(TURNS)
        ],
    }
    path = tmp_path / "cl.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert _said(path) == EXPECTED


def test_a_call_that_spans_more_than_a_day_is_still_refused_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("[00:05] Agent: Hello.\n[25:00:10] Customer: Hi.\n", encoding="utf-8")
    with pytest.raises(TranscriptError, match=r"long.txt:2: .*more than a day"):
        read_transcript(path)


def test_excel_sep_line_and_a_decimal_comma_are_read(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    rows = "".join(f"{i * 5},25;{s};{t}\r\n" for i, (s, t) in enumerate(TURNS))
    path.write_text("sep=;\r\nstart;speaker;text\r\n" + rows, encoding="utf-8")
    assert _said(path) == EXPECTED


def test_an_agent_called_doctor_is_not_named_doctor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "dr.txt"
    names = {"Agent": "Dr. Dana Smith", "Customer": "Mr. Ed Park"}
    path.write_text("".join(f"{names[s]}: {t}\n" for s, t in TURNS), encoding="utf-8")
    assert main(["convert", str(path)]) == 0
    out = capsys.readouterr().out
    assert "# agent: Dana\n" in out, out
    assert "# caller: Mr. Ed Park\n" in out, out


def test_a_turn_graded_is_a_turn_convert_can_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A turn is refused or read alike by `grade` and `convert` (its written line, with
    time and label, is what the spec's 20,000-character bound is about)."""
    path = tmp_path / "long.csv"
    path.write_text(
        f'start,speaker,text\n0,Agent,"{TURNS[0][1]}"\n3,Customer,"{"x" * 19_990}"\n',
        encoding="utf-8",
    )
    graded = main(["grade", "--json", str(path)])
    capsys.readouterr()
    converted = main(["convert", str(path)])
    err = capsys.readouterr().err
    assert graded == converted, err
    assert err.count("\n") <= 1
    assert "Traceback" not in err


def test_plain_text_speakers_named_in_brackets_are_read(tmp_path: Path) -> None:
    """'Agent (Dana): ...' (as captions already read it) was refused as no format at all."""
    path = tmp_path / "named.txt"
    names = {"Agent": "Agent (Dana)", "Customer": "Customer (Ed Park)"}
    lines = [f"[00:{i * 5:02d}] {names[s]}: {t}\n" for i, (s, t) in enumerate(TURNS)]
    path.write_text("".join(lines) + "Agent (00:30): Bye now.\n", encoding="utf-8")
    assert _said(path) == [*EXPECTED, (30, "agent", "Bye now.")]
    assert read_transcript(path).headers.get("caller") == "Ed Park"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(tmp_path: Path, encoding: str) -> None:
    """It was refused as 'not a transcript format this reads' (its text was never the fault)."""
    path = tmp_path / "wide.csv"
    path.write_bytes(_csv(",").encode(encoding))
    assert _said(path) == EXPECTED


def test_an_srt_timestamp_too_large_for_a_clock_is_refused_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by mutation fuzzing: `00:00:99999999999914,000` in a later caption ended in
    "internal error while grading (OverflowError)", naming no line."""
    path = tmp_path / "huge.srt"
    path.write_text(
        "1\n00:00:00,000 --> 00:00:04,000\nAgent: hi\n\n"
        "2\n00:00:05,000 --> 00:00:99999999999914,000\nCustomer: hi\n",
        encoding="utf-8",
    )
    assert main(["grade", str(path)]) == 2
    err = capsys.readouterr().err
    assert err == f"callsim grade: {path}:6: a malformed SRT timestamp\n"


def test_c1_control_characters_read_as_the_conversion_reads_them(tmp_path: Path) -> None:
    """Found by round-trip fuzzing: U+0092 or U+009B (the 8-bit CSI) in a cell stayed in the
    words graded, while `convert` wrote a space for it: the two graded different words."""
    from scoring.reader import parse_text
    from scoring.writer import format_transcript

    path = tmp_path / "c1.csv"
    path.write_text(
        f'start,speaker,text\n0,Agent,"{TURNS[0][1]}"\n3,Customer,"I\u0092m here \u009b31m now"\n',
        encoding="utf-8",
    )
    read = read_transcript(path)
    again = parse_text(format_transcript(read), "converted")
    said = [(ln.time, ln.speaker, ln.text) for ln in read.speech()]
    assert said == [(ln.time, ln.speaker, ln.text) for ln in again.speech()]
    assert said[1][2] == "I m here 31m now"


def test_srt_without_caption_numbers_is_read(tmp_path: Path) -> None:
    """Players and the `srt` library read captions without their numbers; callsim refused the
    file as 'not a transcript format this reads'."""
    path = tmp_path / "nonum.srt"
    path.write_text(
        "".join(
            f"00:00:{i * 5:02d},000 --> 00:00:{i * 5 + 4:02d},000\n{s}: {t}\n\n"
            for i, (s, t) in enumerate(TURNS)
        ),
        encoding="utf-8",
    )
    assert _said(path) == EXPECTED


@pytest.mark.parametrize("arrow", ["->", "--", "—>"])
def test_a_vtt_cue_whose_timing_lost_its_arrow_is_refused_at_its_line(
    tmp_path: Path, arrow: str
) -> None:
    """WebVTT drops such a block: the agent's turn in it vanished from the grading, unsaid."""
    path = tmp_path / "arrow.vtt"
    path.write_text(
        "WEBVTT\n\nNOTE made by hand\n\n"
        "00:00:00.000 --> 00:00:04.000\n<v Agent>Thank you for calling.\n\n"
        "00:00:05.000 --> 00:00:09.000\n<v Customer>My card is blocked.\n\n"
        f"intro\n00:00:10.000 {arrow} 00:00:12.000\n<v Agent>I'm sorry, I'll unblock it.\n",
        encoding="utf-8",
    )
    with pytest.raises(TranscriptError, match=r"arrow.vtt:12: a cue timing without '-->'"):
        read_transcript(path)


def test_damaged_utf8_is_refused_not_read_as_windows_text(tmp_path: Path) -> None:
    """A UTF-8 file with one bad byte (a download cut mid-letter, a stray byte) is damaged
    UTF-8, not CP1252: read as CP1252 its every 'I’m' would be graded as 'Iâ€™m'."""
    path = tmp_path / "damaged.txt"
    path.write_bytes(_plain().encode("utf-8") + b"[00:30] Customer: caf\xc3")
    with pytest.raises(TranscriptError, match=r"damaged.txt:6: not UTF-8 text \(byte 0xc3"):
        read_transcript(path)
