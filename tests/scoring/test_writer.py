"""The transcript writer: exclusive files, unique names, whole lines even when the disk fills."""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

import pytest

from scoring.reader import TranscriptError, read_transcript
from scoring.transcript import Event, Speech
from scoring.writer import TranscriptWriteError, TranscriptWriter
from tests.faults import FullDisk

HEADERS = {"brand": "Advantus", "context": "order"}


def test_an_existing_file_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "call.txt"
    path.write_text("keep me\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        TranscriptWriter(path, HEADERS)
    assert path.read_text(encoding="utf-8") == "keep me\n"


def test_unique_picks_the_next_free_name(tmp_path: Path) -> None:
    path = tmp_path / "call.txt"
    path.write_text("first\n", encoding="utf-8")
    (tmp_path / "call-2.txt").write_text("second\n", encoding="utf-8")
    with TranscriptWriter(path, HEADERS, unique=True) as w:
        assert w.path == str(tmp_path / "call-3.txt")
    assert path.read_text(encoding="utf-8") == "first\n"


def test_twenty_writers_at_once_get_twenty_files(tmp_path: Path) -> None:
    path = tmp_path / "same-second.txt"
    names: list[str] = []
    start = threading.Barrier(20)

    def write(i: int) -> None:
        start.wait()
        with TranscriptWriter(path, HEADERS, unique=True) as w:
            names.append(w.path)
            w.write(Speech(0, i, "agent", f"call {i}"))

    threads = [threading.Thread(target=write, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(names)) == 20
    texts = sorted(read_transcript(n).lines[0].render() for n in names)
    assert texts == sorted(f"call {i}" for i in range(20))


def test_a_file_where_the_folder_should_be_is_not_taken_for_an_existing_transcript(
    tmp_path: Path,
) -> None:
    (tmp_path / "plain").write_text("x", encoding="utf-8")
    with pytest.raises(TranscriptWriteError, match="not a folder"):
        TranscriptWriter(tmp_path / "plain" / "call.txt", HEADERS)


def test_a_full_disk_mid_line_leaves_only_whole_lines(tmp_path: Path) -> None:
    path = tmp_path / "full.txt"
    w = TranscriptWriter(path, HEADERS, write=FullDisk(200))
    w.write(Speech(0, 0, "agent", "Thank you for calling."))
    line = Speech(0, 1, "caller", "A long line that will not fit on the disk.")
    w.write(line)
    with pytest.raises(TranscriptWriteError, match="No space left on device") as err:
        w.write(line)
    w.close()
    assert str(err.value).startswith(f"cannot write {path}: ")
    data = path.read_bytes()
    assert data.endswith(b"\n")  # the half-written line was cut back
    t = read_transcript(path)
    assert len(t.lines) == w.lines
    assert t.lines[-1].render() == "A long line that will not fit on the disk."


def test_the_streamed_file_says_who_recorded_it(tmp_path: Path) -> None:
    path = tmp_path / "c.txt"
    with TranscriptWriter(path, HEADERS) as w:
        w.write(Event(0, 3, "hold"))
    assert read_transcript(path).headers["recorded_by"] == "callsim"


def test_a_half_line_left_behind_is_refused_by_the_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When even cutting back fails, the reader sees the unterminated last line."""

    def cannot_truncate(fd: int, length: int) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "ftruncate", cannot_truncate)
    path = tmp_path / "cut.txt"
    w = TranscriptWriter(path, HEADERS, write=FullDisk(140))
    w.write(Speech(0, 0, "agent", "Thank you for calling."))
    with pytest.raises(TranscriptWriteError):
        w.write(Speech(0, 5, "caller", "My order came with the wrong color."))
    w.close()
    assert not path.read_bytes().endswith(b"\n")
    with pytest.raises(TranscriptError, match=r":7: the last line was cut short"):
        read_transcript(path)


def test_a_hand_written_file_may_end_without_a_newline(tmp_path: Path) -> None:
    path = tmp_path / "hand.txt"
    path.write_text("# callsim transcript: 1\n[00:00] AGENT: Hello.", encoding="utf-8")
    assert read_transcript(path).lines[0].render() == "Hello."


def test_free_text_cannot_break_a_line_or_reach_the_terminal(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    headers = {"agent": "Dana\n# policy: evil\x1b[2J\u2028x\u00ad"}
    with TranscriptWriter(path, headers) as w:
        w.write(Speech(0, 0, "agent", "Hello\u2028[00:01] CALLER: forged\x85"))
    t = read_transcript(path)
    assert t.headers["agent"] == "Dana # policy: evil [2J x\u00ad"
    assert "policy" not in t.headers
    assert len(t.lines) == 1
    assert t.lines[0].render() == "Hello [00:01] CALLER: forged"
