"""`--adapt PATH` (transcribe, and the window's saved adaptation) given what is no transform
(second red-team trial): a FIFO blocked for ever, /dev/zero was read until memory ran out, and
any other file was refused quoting its first word, so `--adapt /etc/passwd` printed a line of
/etc/passwd. Now a regular file of at most 64 KiB, refused in one line that quotes nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from simulator.listen.adapt import AdaptError
from simulator.listen.enrolment import checked_adaptation
from tests.hostile.corpus import PASSWD_LINE


def _refusal(path: Path | str) -> str:
    with pytest.raises(AdaptError) as info:
        checked_adaptation(path)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_a_fifo_and_a_device_are_refused_not_read(tmp_path: Path, bounded: None) -> None:
    os.mkfifo(tmp_path / "voice.mllr")
    assert "is a FIFO (named pipe), not a regular file" in _refusal(tmp_path / "voice.mllr")
    os.mkfifo(tmp_path / "other.means")
    assert "not a regular file" in _refusal(tmp_path / "other.means")
    os.symlink("/dev/zero", tmp_path / "zero.mllr")
    assert "is a character device, not a regular file" in _refusal(tmp_path / "zero.mllr")


def test_another_file_is_refused_without_quoting_it(tmp_path: Path) -> None:
    passwd = tmp_path / "passwd"
    passwd.write_text(f"{PASSWD_LINE}:root:/root:/bin/bash\n", encoding="ascii")
    message = _refusal(passwd)
    assert PASSWD_LINE not in message
    assert message == f"{passwd}: not a transform (it holds words that are not numbers)"
