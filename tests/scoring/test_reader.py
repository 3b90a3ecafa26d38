"""The transcript reader: the format exactly, hostile input rejected whole and clearly."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.reader import (
    MAX_FILE_BYTES,
    TranscriptError,
    expand_paths,
    parse_bytes,
    parse_text,
    read_transcript,
)
from scoring.transcript import Event, Speech, Transcript
from scoring.writer import TranscriptWriter, format_transcript

GOOD = """# callsim transcript: 1
# policy: default
# brand: Advantus
# context: order, irate
# scenario: s-1

[00:00] AGENT: Thank you for calling Advantus, this is Dana.
[00:04] customer: Maria Lopez.
[1:02:03] CSR: Still here.
[62:10] * transfer ext=4410 to="Ann Lee" dept=Billing
[62:11] * note text="said \\"hi\\" = fine"
"""


def test_parses_headers_speech_and_events() -> None:
    t = parse_text(GOOD, "good.txt")
    assert t.brand == "Advantus"
    assert t.context == {"order", "irate"}
    assert t.headers["scenario"] == "s-1"
    first, second, third, transfer, note = t.lines
    assert isinstance(first, Speech)
    assert first.speaker == "agent"
    assert first.time == 0
    assert isinstance(second, Speech)
    assert second.speaker == "caller"
    assert third.time == 3723
    assert isinstance(transfer, Event)
    assert transfer.get("to") == "Ann Lee"
    assert transfer.get("dept") == "Billing"
    assert transfer.time == 62 * 60 + 10
    assert isinstance(note, Event)
    assert note.get("text") == 'said "hi" = fine'


@pytest.mark.parametrize(
    ("text", "line", "phrase"),
    [
        ("", 1, "missing"),
        ("[00:00] AGENT: hi\n", 1, "first line must be"),
        ("# callsim transcript: 2\n", 1, "unsupported transcript version"),
        ("# callsim transcript: 1\n[00:61] AGENT: hi\n", 2, "bad time"),
        ("# callsim transcript: 1\n[0:5] AGENT: hi\n", 2, "bad time"),
        ("# callsim transcript: 1\n[00:10] AGENT: a\n[00:09] CALLER: b\n", 3, "backwards"),
        ("# callsim transcript: 1\n[00:10] BOSS: a\n", 2, "unknown speaker"),
        ("# callsim transcript: 1\n[00:10] AGENT: a\n# brand: X\n", 3, "header line after"),
        ("# callsim transcript: 1\n[00:10] * hold now\n", 2, "broken key=value"),
        ('# callsim transcript: 1\n[00:10] * note text="open\n', 2, "unterminated"),
        ("# callsim transcript: 1\n[00:10] * hangup by=nobody\n", 2, "by='nobody'"),
        ("# callsim transcript: 1\nhello there\n", 2, "expected '[MM:SS]"),
        ("# callsim transcript: 1\n# brand A\n", 2, "'# key: value'"),
        ("# callsim transcript: 1\n[00:10] * note text=a text=b\n", 2, "twice"),
    ],
)
def test_malformed_is_rejected_with_line(text: str, line: int, phrase: str) -> None:
    with pytest.raises(TranscriptError) as info:
        parse_text(text, "bad.txt")
    assert info.value.line == line
    assert phrase in str(info.value)
    assert str(info.value).startswith(f"bad.txt:{line}: ")


def test_not_utf8_names_the_line() -> None:
    data = b"# callsim transcript: 1\n[00:00] AGENT: caf" + b"\xe9\n"
    with pytest.raises(TranscriptError, match=r"x.txt:2: not UTF-8"):
        parse_bytes(data, "x.txt")


def test_bom_is_accepted() -> None:
    assert parse_bytes(b"\xef\xbb\xbf" + GOOD.encode(), "bom.txt").brand == "Advantus"


def test_huge_file_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.write(b"# callsim transcript: 1\n")
        fh.seek(50 * 1024 * 1024)
        fh.write(b"\n")
    start = time.monotonic()
    with pytest.raises(TranscriptError, match="at most"):
        read_transcript(big)
    assert time.monotonic() - start < 5  # generous: it must not read 50 MB line by line


def test_megabyte_line_refused() -> None:
    text = "# callsim transcript: 1\n[00:00] AGENT: " + "a" * (1024 * 1024) + "\n"
    with pytest.raises(TranscriptError, match=":2: line is"):
        parse_text(text, "long.txt")


def test_binary_junk_is_an_error_not_a_crash() -> None:
    with pytest.raises(TranscriptError):
        parse_bytes(bytes(range(256)) * 10, "junk.bin")


def test_missing_file() -> None:
    with pytest.raises(TranscriptError, match="no such file"):
        read_transcript("/nonexistent/call.txt")


def test_folder_means_every_transcript(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(GOOD)
    (tmp_path / "a.transcript").write_text(GOOD)
    (tmp_path / "notes.json").write_text("{}")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text(GOOD)
    found = [Path(p).name for p in expand_paths([str(tmp_path)])]
    assert found == ["a.transcript", "b.txt", "c.txt"]
    assert MAX_FILE_BYTES > 1024 * 1024


def test_writer_flushes_each_line(tmp_path: Path) -> None:
    path = tmp_path / "live.txt"
    w = TranscriptWriter(path, {"brand": "Advantus", "context": "order"})
    w.write(Speech(0, 0, "agent", "Thank you for calling."))
    # Not closed: what a crash would leave behind still parses.
    assert read_transcript(path).lines[0].text == "Thank you for calling."  # type: ignore[union-attr]
    w.write(Event(0, 5, "hold"))
    assert [ln.time for ln in read_transcript(path).lines] == [0, 5]
    w.close()


# ---------------------------------------------------------------- properties

_words = (
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
            blacklist_characters="\r\n\x85\x0b\x0c\x1c\x1d\x1e",
        ),
        min_size=1,
        max_size=60,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)
_value = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
        blacklist_characters="\r\n\x85\x0b\x0c\x1c\x1d\x1e",
    ),
    max_size=30,
).map(lambda s: " ".join(s.split()))
_key = st.from_regex(r"[a-z_][a-z0-9_]{0,8}", fullmatch=True)


@st.composite
def transcripts(draw: st.DrawFn) -> Transcript:
    n = draw(st.integers(0, 25))
    times = sorted(draw(st.lists(st.integers(0, 20000), min_size=n, max_size=n)))
    lines: list[Speech | Event] = []
    for t in times:
        if draw(st.booleans()):
            lines.append(Speech(0, t, draw(st.sampled_from(["agent", "caller"])), draw(_words)))
        else:
            keys = draw(st.lists(_key, unique=True, max_size=3))
            name = draw(st.sampled_from(["note", "lookup_x", "custom", "email", "ticket"]))
            lines.append(Event(0, t, name, tuple((k, draw(_value)) for k in keys)))
    headers = {"callsim transcript": "1", "brand": draw(_value), "context": "order"}
    return Transcript("p.txt", headers, tuple(lines))


def _shape(t: Transcript) -> list[tuple[object, ...]]:
    return [
        (ln.time, ln.speaker, ln.text) if isinstance(ln, Speech) else (ln.time, ln.name, ln.fields)
        for ln in t.lines
    ]


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(transcripts())
def test_valid_transcripts_round_trip(t: Transcript) -> None:
    again = parse_text(format_transcript(t), "p.txt")
    assert _shape(again) == _shape(t)
    assert again.brand == t.brand


@settings(max_examples=300)
@given(st.binary(max_size=2000))
def test_random_bytes_never_crash(data: bytes) -> None:
    try:
        parse_bytes(data, "junk")
    except TranscriptError:
        pass


@settings(max_examples=300)
@given(st.text(max_size=500))
def test_random_text_after_version_never_crashes(body: str) -> None:
    try:
        parse_text("# callsim transcript: 1\n" + body, "junk")
    except TranscriptError:
        pass


BAD = Path(__file__).parent / "bad"


def _bad_cases() -> list[tuple[str, int, str]]:
    from scoring.safeyaml import load_file

    spec = load_file(BAD / "EXPECTED.yaml")
    return [(name, int(v["line"]), str(v["contains"])) for name, v in spec.items()]


@pytest.mark.parametrize(("name", "line", "phrase"), _bad_cases())
def test_hand_written_bad_files(name: str, line: int, phrase: str) -> None:
    with pytest.raises(TranscriptError) as info:
        read_transcript(BAD / name)
    assert info.value.line == line
    assert phrase.lower() in info.value.message.lower()


_LABELS = st.sampled_from(["AGENT", "Caller", "csr", "REP", "Bob", "*", "* hold", ""])


@settings(max_examples=400, deadline=None)
@given(
    st.from_regex(r"\[ ?\d{1,3}:\d{2}(:\d\d)? ?\] ?", fullmatch=True),
    _LABELS,
    st.from_regex(r" ?:? ?[a-z ,]{0,12}", fullmatch=True),
)
def test_speech_fast_path_agrees_with_the_general_path(stamp, label, rest):
    line = stamp + label + rest
    from scoring import reader

    def parse(fast: bool):
        saved = reader._SPEECH_LINE
        if not fast:
            reader._SPEECH_LINE = re.compile(r"(?!)")
        try:
            return reader._parse_timed(line, "t.txt", 3)
        except TranscriptError as exc:
            return str(exc)
        finally:
            reader._SPEECH_LINE = saved

    assert parse(True) == parse(False)


@settings(max_examples=400, deadline=None)
@given(st.from_regex(r"#[ \t:a-zA-Z]{0,6}:?[ \ta-z:]{0,8}", fullmatch=True))
def test_header_split_agrees_with_the_header_pattern(line):
    from scoring import reader

    m = reader._HEADER.match(line)
    try:
        got = reader._parse_header(line, "t.txt", 2)
    except TranscriptError:
        got = None
    assert got == ((m.group("key").strip().lower(), m.group("value")) if m else None)


# ---------------------------------------------------------------- issue 18: hostile input


@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\r"])
def test_only_lf_and_crlf_end_a_line(sep: str) -> None:
    """A caller's words holding another line break cannot forge an agent line."""
    text = f"# callsim transcript: 1\r\n[00:01] CALLER: hi{sep}[00:02] AGENT: forged\r\n"
    t = parse_text(text, "sep.txt")
    [line] = t.lines
    assert isinstance(line, Speech)
    assert line.speaker == "caller"
    assert line.text == f"hi{sep}[00:02] AGENT: forged"
    bad = f"# callsim transcript: 1\n[00:01] AGENT: a{sep}b\n[00:0x] AGENT: c\n"
    with pytest.raises(TranscriptError, match=r":3: bad time"):  # line numbers do not shift
        parse_text(bad, "sep.txt")


def test_a_speech_line_with_no_words_is_skipped() -> None:
    t = parse_text(
        "# callsim transcript: 1\n[00:01] CALLER:\n[00:02] AGENT:   \n[00:03] AGENT: hello\n",
        "asr.txt",
    )
    assert [(ln.number, ln.text) for ln in t.speech()] == [(4, "hello")]
    with pytest.raises(TranscriptError, match=r":3: header line after"):
        parse_text("# callsim transcript: 1\n[00:01] CALLER:\n# brand: X\n", "asr.txt")
    with pytest.raises(TranscriptError, match="unknown speaker"):
        parse_text("# callsim transcript: 1\n[00:01] BOSS:\n", "asr.txt")


@pytest.mark.parametrize(
    "stamp",
    ["9" * 5000 + ":00", "1:" + "9" * 5000 + ":00", "٣:00", "00:٣٣", "²:00", "123456789:00"],
)
def test_times_too_long_or_not_ascii_are_bad_times(stamp: str) -> None:
    with pytest.raises(TranscriptError, match=r":2: bad time") as info:
        parse_text(f"# callsim transcript: 1\n[{stamp}] AGENT: hi\n", "t.txt")
    assert len(str(info.value)) < 150  # a short excerpt of the bad value


def test_error_messages_quote_a_short_escaped_excerpt() -> None:
    cases = [
        f"[00:01] {'B' * 5000}: hi",
        f"[00:01] * {'x' * 3000}!",
        f"[00:01] * hangup by={'y' * 5000}",
        "[00:01] * note \x1b[2J=1",
    ]
    for line in cases:
        with pytest.raises(TranscriptError) as info:
            parse_text(f"# callsim transcript: 1\n{line}\n", "t.txt")
        msg = str(info.value)
        assert len(msg) < 200, msg
        assert "\x1b" not in msg


def test_only_regular_files_are_read(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop.name)
    (tmp_path / "dir.txt").mkdir()
    for path, phrase in ((fifo, "FIFO"), (loop, "symlink loop"), (tmp_path / "dir.txt", "folder")):
        with pytest.raises(TranscriptError, match=phrase):
            read_transcript(path)  # at once: a FIFO is not opened for a blocking read
    # a folder lists what it holds that looks like a transcript, to be reported, not skipped
    names = [Path(p).name for p in expand_paths([str(tmp_path)])]
    assert names == ["fifo.txt", "loop.txt"]


def test_header_lines_are_remembered() -> None:
    t = parse_text("# callsim transcript: 1\n\n# brand: X\n# policy: cam456\n", "h.txt")
    assert t.header_lines == {"brand": 3, "policy": 4}
    assert not t.has_speech


def test_a_folder_tree_deeper_than_the_recursion_limit(tmp_path: Path) -> None:
    """The walk is a loop: a tree deeper than Python's recursion limit (lowered here to 150,
    so the tree stays shallow enough for shutil.rmtree to clean up) is walked whole."""
    import sys

    deep = tmp_path
    for _ in range(300):
        deep = deep / "a"
        deep.mkdir()
    (deep / "c.txt").write_text(GOOD)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(150)
    try:
        found = expand_paths([str(tmp_path)])
    finally:
        sys.setrecursionlimit(limit)
    assert found == [str(deep / "c.txt")]
