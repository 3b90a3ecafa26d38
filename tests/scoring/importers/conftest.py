"""Helpers for the importer tests: write a small file, read it as `callsim grade` does."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from scoring.reader import TranscriptError, read_transcript
from scoring.transcript import Speech, Transcript

Row = tuple[int, str, str]  # (seconds, AGENT|CALLER, words)
Reader = Callable[..., Transcript]
Refusal = Callable[..., TranscriptError]


def rows(t: Transcript) -> list[Row]:
    return [(ln.time, ln.speaker.upper(), ln.text) for ln in t.lines if isinstance(ln, Speech)]


@pytest.fixture
def read(tmp_path: Path) -> Reader:
    """Write `text` (or bytes) to a file named `name` and read it through the grader's reader."""

    def _read(data: str | bytes, name: str = "call.txt", **kw: str) -> Transcript:
        path = tmp_path / name
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8", newline="")
        else:
            path.write_bytes(data)
        return read_transcript(path, **kw)

    return _read


@pytest.fixture
def refused(read: Reader) -> Refusal:
    """The one-line refusal of a file that must not read."""

    def _refused(data: str | bytes, name: str = "call.txt", **kw: str) -> TranscriptError:
        with pytest.raises(TranscriptError) as info:
            read(data, name, **kw)
        assert "\n" not in str(info.value)
        return info.value

    return _refused
