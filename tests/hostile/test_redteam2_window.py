"""`callsim screenshot` with options nobody should give (found by the second red-team trial).

Each of these ended in a traceback: a size of 0x0, -5x-5, 100000x100000
(pygame out of memory) or of 20 digits; a --scenario that is no scenario id
(KeyError); an --out that is a file. The saved paths were printed raw, so an
escape sequence in --out reached the terminal.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.test_cli_hostile import ESC, check_clean, drive, run_cli


def test_sizes_no_window_has_are_one_line(tmp_path: Path) -> None:
    sizes = ["0x0", "5x0", "100000x100000", "99999999999999999999x2", "8193x10"]
    for size, (status, out, err) in zip(
        sizes,
        drive(["screenshot", "--out", str(tmp_path), "--size", "{}"], sizes, tmp_path),
        strict=True,
    ):
        check_clean(out + err, size)
        assert status == "2", (size, err)
        assert err == f"callsim screenshot: --size '{size}': each side 1 to 8192 pixels\n"


@pytest.mark.slow  # starts the window off-screen: about 3-8 s on a loaded machine
def test_unknown_scenario_and_a_file_as_out_are_one_line(tmp_path: Path) -> None:
    done = run_cli(["screenshot", "--size", "64x48", "--scenario", f"x{ESC}[31m"], tmp_path)
    check_clean(done.stdout + done.stderr, "scenario")
    assert done.returncode == 2
    assert done.stderr.endswith("callsim screenshot: no scenario 'x\\x1b[31m'\n"), done.stderr
    (tmp_path / "file").write_text("x", encoding="utf-8")
    done = run_cli(["screenshot", "--size", "64x48", "--out", "file"], tmp_path)
    check_clean(done.stdout + done.stderr, "out")
    assert done.returncode == 2
    assert done.stderr == "callsim screenshot: cannot save in 'file': File exists\n"


@pytest.mark.slow  # plays a call in the window off-screen: about 4-10 s on a loaded machine
def test_saved_paths_are_shown_escaped(tmp_path: Path) -> None:
    done = run_cli(["screenshot", "--size", "64x48", "--out", f"x{ESC}[31m"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert ESC not in done.stdout
    assert "x\\x1b[31m/window-scorecard-64x48.png" in done.stdout
