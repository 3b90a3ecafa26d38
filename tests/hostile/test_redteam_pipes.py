"""A reader that stops early: `callsim history | head -1`.

Found by the red-team trial: `history`, `trainees` and `plan` print through rich,
whose broken-pipe handler exits 1, so a pipeline ending in `head` failed where
`grade ... | head` succeeds. The reader having what it wanted is not an error.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.test_redteam_output import store  # noqa: F401  (the same recorded call)


@pytest.mark.parametrize(
    "argv",
    [["history"], ["history", "--call", "1"], ["trainees"], ["grade", "--summary"]],
    ids=["history", "history-call", "trainees", "grade"],
)
def test_a_closed_pipe_ends_the_command_quietly(
    argv: list[str],
    store: str,  # noqa: F811  (the fixture imported above)
    tmp_path: Path,
) -> None:
    if argv[0] == "grade":
        argv = [*argv, str(tmp_path / "call.txt")]
    else:
        argv = [*argv, "--db", store]
    read, write = os.pipe()
    os.close(read)  # the reader has gone before the first write: every write is EPIPE
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from simulator.cli import main; sys.exit(main())",
                *argv,
            ],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        os.close(write)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
