"""`callsim new` writing where a hostile folder or link says (found by the red-team trial).

`--force` wrote through a symlink (`x.yaml -> /elsewhere` overwrote /elsewhere),
a dangling symlink was followed without `--force` (creating its target), a full
disk after `--force` had truncated the old file lost it, and an `--out` folder
named with an escape sequence was echoed raw.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest

from simulator.cli import main
from tests.hostile.corpus import ESC


def _new(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = main(["new", "--archetype", "irate", *argv])
    out, err = capsys.readouterr()
    assert ESC not in out + err
    assert "Traceback" not in out + err
    return status, out + err


def test_force_replaces_a_link_and_never_writes_through_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("keep me\n", encoding="utf-8")
    (tmp_path / "x.yaml").symlink_to(elsewhere)
    (tmp_path / "d.yaml").symlink_to(tmp_path / "would-be-created")
    status, said = _new(capsys, "--out", str(tmp_path), "d")
    assert status == 2
    assert "exists" in said
    assert not (tmp_path / "would-be-created").exists()
    assert _new(capsys, "--out", str(tmp_path), "--force", "x")[0] == 0
    assert elsewhere.read_text(encoding="utf-8") == "keep me\n"
    assert not (tmp_path / "x.yaml").is_symlink()
    assert "title:" in (tmp_path / "x.yaml").read_text(encoding="utf-8")


def test_a_full_disk_keeps_the_file_force_would_replace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tmp_path / "x.yaml"
    old.write_text("title: mine\n", encoding="utf-8")
    real_open = open

    def full_open(path: object, mode: str = "r", *a: object, **kw: object) -> Any:
        fh = real_open(path, mode, *a, **kw)  # type: ignore[call-overload]
        if "x" in mode or "w" in mode:
            fh.write = functools.partial(_no_room)
        return fh

    monkeypatch.setattr("builtins.open", full_open)
    # as the disk does: the file is opened (truncated) for writing, then the write fails
    monkeypatch.setattr(
        Path, "write_text", lambda self, data, **k: full_open(self, "w").write(data)
    )
    status, said = _new(capsys, "--out", str(tmp_path), "--force", "x")
    monkeypatch.undo()
    assert status == 2
    assert said.count("\n") == 1
    assert "No space left on device" in said
    assert old.read_text(encoding="utf-8") == "title: mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.yaml"]  # no temporary left


def _no_room(*_: object) -> int:
    import errno
    import os

    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_an_escape_in_the_folder_is_shown_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "a\x1b[31m"
    status, said = _new(capsys, "--out", str(folder), "y")
    assert status == 0
    assert "a\\x1b[31m" in said
    assert (folder / "y.yaml").is_file()


@pytest.mark.parametrize("inside", ["", "sub"], ids=["the-file", "below-the-file"])
def test_an_out_folder_that_is_a_file_is_named(
    inside: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """mkdir's "File exists" named neither the file nor what was wrong."""
    blocker = tmp_path / "notes.txt"
    blocker.write_text("kept\n", encoding="utf-8")
    status, said = _new(capsys, "--out", str(blocker / inside), "y")
    assert status == 2
    assert f"{blocker} is not a folder" in said
    assert "File exists" not in said
    assert blocker.read_text(encoding="utf-8") == "kept\n"
