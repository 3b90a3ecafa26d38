"""A folder grade goes on whatever one file or one worker does (issue 18, defect 3).

The JSON array of `callsim grade --json FOLDER` is written as files are
graded; a file that raised, or a worker process that died, used to leave it
unclosed and the files after it ungraded.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from scoring import batch
from tests.hostile.corpus import GOOD_LINES


def _folder(tmp: Path, n: int) -> list[str]:
    text = "\n".join(GOOD_LINES) + "\n"
    paths = []
    for i in range(n):
        path = tmp / f"c{i:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def dying_chunk(args: tuple[list[str], object, bool, object]) -> object:
    """A worker that dies as an out-of-memory kill would, on the chunk holding c0100."""
    if any(p.endswith("c0100.txt") for p in args[0]):
        Path(args[0][0]).with_name("died").touch()  # so the test knows it happened
        os._exit(1)
    return batch.__dict__["_real_chunk"](args)


@pytest.mark.skipif(sys.platform != "linux", reason="workers fork from the test on Linux only")
def test_a_dead_worker_does_not_end_the_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _folder(tmp_path, batch.PARALLEL_FROM + 10)
    monkeypatch.setitem(batch.__dict__, "_real_chunk", batch._grade_chunk)
    monkeypatch.setattr(batch, "_grade_chunk", dying_chunk)
    got = list(batch.grade_files_json(paths, jobs=2))
    assert [json.loads(text)["file"] for _, text in got] == paths  # every file, in order
    assert not any(failed for failed, _ in got)
    assert (tmp_path / "died").exists()


def test_an_unexpected_error_is_one_file_s_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _folder(tmp_path, 3)

    def broken(path: str, policy: batch.PolicyArg, agent_speaker: str | None = None) -> object:
        if path.endswith("c0001.txt"):
            raise ValueError("Exceeds the limit (4300 digits) for integer string conversion")
        return real(path, policy, agent_speaker)

    real = batch._grade_one
    monkeypatch.setattr(batch, "_grade_one", broken)
    got = [json.loads(text) for _, text in batch.grade_files_json(paths, jobs=1)]
    assert [g["file"] for g in got] == paths
    assert got[1] == {
        "file": paths[1],
        "error": f"{paths[1]}: internal error while grading (ValueError)",
    }
    assert "score" in got[2]
