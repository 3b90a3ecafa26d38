"""`callsim enrol --recordings DIR` with hostile words files (second red-team trial).

Each NN.txt (the words read in NN.wav) was read whole, whatever it was: a
FIFO blocked for ever, a folder was a traceback, a file not in UTF-8 was
refused without naming it, and a 10 MB text beside a 2 s recording was
aligned for over five minutes of CPU. The folder named on the command line
was echoed raw (an escape sequence reached the terminal).
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
import soundfile

from simulator.listen.adapt import AdaptError
from simulator.listen.enrolment import readings_from_folder
from tests.hostile.test_cli_hostile import ESC, run_cli


def _folder(tmp: Path, make_words: object) -> Path:
    folder = tmp / "readings"
    folder.mkdir()
    noise = (np.random.default_rng(0).standard_normal(16000) * 2000).astype("int16")
    soundfile.write(folder / "01.wav", noise, 16000, subtype="PCM_16")
    make_words(folder / "01.txt")  # type: ignore[operator]
    return folder


@pytest.mark.parametrize(
    ("name", "make", "why"),
    [
        ("fifo", os.mkfifo, "is a FIFO (named pipe), not a regular file"),
        ("folder", Path.mkdir, "is a folder, not a regular file"),
        ("latin1", lambda p: p.write_bytes(b"caf\xe9\n"), "not UTF-8 text"),
        ("huge", lambda p: p.write_text("word " * 2_000_000), "bytes; at most 4,096 allowed"),
    ],
)
def test_words_file_is_refused_naming_it(
    tmp_path: Path, bounded: None, name: str, make: object, why: str
) -> None:
    folder = _folder(tmp_path, make)
    with pytest.raises(AdaptError) as info:
        readings_from_folder(folder, ["hello"])
    assert str(info.value).startswith(f"{folder / '01.txt'}: "), (name, info.value)
    assert why in str(info.value), (name, info.value)


def test_folder_named_with_an_escape_is_shown_escaped(tmp_path: Path) -> None:
    done = run_cli(["enrol", "--recordings", f"q{ESC}[31m"], tmp_path)
    assert done.returncode == 2
    assert done.stderr == "callsim enrol: q\\x1b[31m: not a folder of recordings\n"
