"""`callsim validate` plays what it checks: a folder of deliberately broken scenarios, made
from a working one, reports each problem with its file and line."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.commands.new import commented
from simulator.scenario.library import shipped_dir


def _broken_folder(folder: Path) -> int:
    """Five broken scenarios and a FIFO, each made from the shipped spam call; the line
    number of the script step changed in ideal-fails.yaml."""
    s = commented((shipped_dir() / "spam-listing-verification.yaml").read_text(), "x", "spam")
    lines = s.split("\n")
    start = lines.index("script:")
    first = next(k for k in range(start, len(lines)) if "{brand}" in lines[k])

    def with_line(text: str) -> str:
        return "\n".join([*lines[:first], text, *lines[first + 1 :]])

    (folder / "ideal-fails.yaml").write_text(with_line(lines[first].replace("{brand}", "us")))
    (folder / "unknown-placeholder.yaml").write_text(
        with_line(lines[first].replace("{brand}", "{caller.adress}"))
    )
    m = re.search(r"fails: \[([^\]\n]+)\]", s)
    assert m is not None
    named = [x.strip() for x in m.group(1).split(",")]
    assert len(named) >= 2

    def with_fails(items: list[str]) -> str:
        return s[: m.start()] + f"fails: [{', '.join(items)}]" + s[m.end() :]

    (folder / "mistake-fails-more.yaml").write_text(with_fails(named[1:]))
    (folder / "mistake-fails-fewer.yaml").write_text(with_fails([*named, "close.notes_logged"]))
    (folder / "bad-policy.yaml").write_text(s.replace("\nbrand:", "\npolicy: nosuchpack\nbrand:"))
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.yaml")
    return first + 1


@pytest.mark.slow
def test_validate_reports_each_broken_scenario(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    changed = _broken_folder(tmp_path)
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr()
    lines = out.out.splitlines()

    def line_for(name: str) -> str:
        found = [ln for ln in lines if ln.startswith(str(tmp_path / name) + ":")]
        assert len(found) == 1, (name, lines)
        assert re.match(rf"{re.escape(str(tmp_path / name))}:\d+:\d+: ", found[0])
        return found[0]

    ideal = line_for("ideal-fails.yaml")
    assert "the ideal path fails open.name_brand at step " in ideal
    assert ideal.startswith(f"{tmp_path / 'ideal-fails.yaml'}:{changed}:")  # that step's line
    assert "unknown placeholder {caller.adress}" in line_for("unknown-placeholder.yaml")
    more = line_for("mistake-fails-more.yaml")
    assert "also fails" in more
    assert "names " in more
    assert " but fails " in more
    assert "does not fail close.notes_logged" in line_for("mistake-fails-fewer.yaml")
    assert "nosuchpack" in line_for("bad-policy.yaml")
    if hasattr(os, "mkfifo"):
        assert "not a regular file" in line_for("pipe.yaml")
    assert "6 of 6 file(s) have problems" in out.err or "5 of 5" in out.err


def test_no_play_checks_the_file_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _broken_folder(tmp_path)
    assert main(["validate", "--no-play", str(tmp_path / "ideal-fails.yaml")]) == 0
    assert "ok  " in capsys.readouterr().out
