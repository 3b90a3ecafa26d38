"""`callsim play --ui terminal` with its standard streams closed or endless.

Found by the third red team: `play` run with standard input closed (`<&-`, as from some
schedulers) or standard output closed (`>&-`) ended in an AttributeError traceback
('NoneType' object has no attribute 'isatty' / 'write'); with standard input reading
/dev/zero (one endless line) it never ended, reading that line into memory until killed.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import IO, Any

import pytest

from tests.hostile.test_cli_hostile import MEMORY_LIMIT, _env

PLAY = ["play", "wrong-size-planter", "--ui", "terminal", "--voice", "off", "--trainee", "T"]


def _play(
    tmp: Path, close: int | None = None, stdin: int | IO[Any] | None = None
) -> tuple[int, str]:
    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        if close is not None:
            os.close(close)

    db = f"sqlite:///{tmp / 'r.sqlite'}"
    done = subprocess.run(
        [sys.executable, "-m", "simulator.cli", *PLAY, "--db", db, "--transcript", "call.txt"],
        stdin=stdin,
        stdout=subprocess.DEVNULL if close != 1 else None,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
        timeout=60,
        preexec_fn=limits,
        env=_env(tmp),
        cwd=tmp,
        check=False,
    )
    return done.returncode, done.stderr


@pytest.mark.slow  # a process each (~2 s)
@pytest.mark.parametrize("closed", [0, 1])
def test_a_closed_standard_stream_is_no_traceback(closed: int, tmp_path: Path) -> None:
    stdin = None if closed == 0 else subprocess.DEVNULL
    status, err = _play(tmp_path, close=closed, stdin=stdin)
    assert "Traceback" not in err, err[-2000:]
    assert status in (0, 1), err[-2000:]
    assert (tmp_path / "call.txt").is_file()  # the call was kept, however short


@pytest.mark.slow  # a process (~2 s)
def test_an_endless_input_line_ends_the_call(tmp_path: Path) -> None:
    with open("/dev/zero", "rb") as zero:
        status, err = _play(tmp_path, stdin=zero)
    assert "Traceback" not in err, err[-2000:]
    assert "MemoryError" not in err
    assert status in (0, 1), err[-2000:]
    assert (tmp_path / "call.txt").is_file()


def test_a_long_typed_line_is_cut_and_the_next_one_read() -> None:
    import io

    from simulator.frontend.terminal import LINE_LIMIT, _typed

    stream = io.StringIO("a" * 100_000 + "\nnext\n" + "b" * 10)
    assert _typed(stream) == "a" * LINE_LIMIT + "\n"
    assert _typed(stream) == "next\n"
    assert _typed(stream) == "b" * 10  # the last line, not ended
    assert _typed(stream) is None
