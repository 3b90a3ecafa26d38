"""`callsim play` against hostile input and faults, as real processes (issue 18).

Each case checks what a user sees: the exit status, one line on stderr naming
what failed, no traceback, and no hang (every run has a timeout).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from scoring.reader import read_transcript

CALLSIM = str(Path(sys.executable).with_name("callsim"))
SCENARIO = "wrong-size-planter"


def callsim(*args: str, data: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(data), "COLUMNS": "100"}
    return subprocess.run(
        [CALLSIM, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def one_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize("speed", ["nan", "inf", "-1", "1e9"])
def test_absurd_speeds_are_refused_in_one_line(speed: str, tmp_path: Path) -> None:
    r = callsim("play", "--autoplay", "ideal", f"--speed={speed}", data=tmp_path)
    assert r.returncode == 2, r.stderr
    assert "--speed" in one_line(r.stderr)
    assert "must be a number from 0.1 to 100" in r.stderr
    assert not (tmp_path / "callsim" / "transcripts").exists()


def test_an_existing_transcript_is_kept_and_the_play_refused(tmp_path: Path) -> None:
    out = tmp_path / "mine.txt"
    out.write_text("an earlier call\n", encoding="utf-8")
    r = callsim("play", "--autoplay", "ideal", "--transcript", str(out), data=tmp_path)
    assert r.returncode == 2, r.stderr
    assert f"{out} already exists" in one_line(r.stderr)
    assert out.read_text(encoding="utf-8") == "an earlier call\n"


def test_a_transcript_path_through_a_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("x", encoding="utf-8")
    out = tmp_path / "plain" / "call.txt"
    r = callsim("play", "--autoplay", "ideal", "--transcript", str(out), data=tmp_path)
    assert r.returncode == 2, r.stderr
    assert f"cannot create {out}: not a folder" in one_line(r.stderr)


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


def test_a_fifo_scenario_is_refused_not_read(fifo: Path, tmp_path: Path) -> None:
    r = callsim("play", str(fifo), "--autoplay", "ideal", data=tmp_path, timeout=30)
    assert r.returncode == 2, r.stderr
    assert f"{fifo}:1:1: is a FIFO (named pipe), not a regular file" in one_line(r.stderr)


def test_a_fifo_script_is_refused_not_read(fifo: Path, tmp_path: Path) -> None:
    r = callsim("play", "--autoplay", str(fifo), data=tmp_path, timeout=30)
    assert r.returncode == 2, r.stderr
    assert f"{fifo}: is a FIFO (named pipe), not a regular file" in one_line(r.stderr)


def test_a_non_utf8_script_names_its_line(tmp_path: Path) -> None:
    script = tmp_path / "latin1.moves"
    script.write_bytes(b"Hello, this is Carla.\n/note caf\xe9\n")
    r = callsim("play", "--autoplay", str(script), data=tmp_path)
    assert r.returncode == 2, r.stderr
    assert f"{script}:2: not UTF-8 text" in one_line(r.stderr)


def test_a_superscript_wait_in_a_script_is_a_usage_error(tmp_path: Path) -> None:
    script = tmp_path / "wait.moves"
    script.write_text("# a pause\nHello, this is Carla.\n/wait \u00b2\n", encoding="utf-8")
    r = callsim("play", "--autoplay", str(script), data=tmp_path)
    assert r.returncode == 2, r.stderr
    assert f"{script}:3: usage: /wait SECONDS" in one_line(r.stderr)


def test_a_5000_digit_number_in_a_scenario_is_one_line(tmp_path: Path) -> None:
    shipped = Path(__file__).parents[3] / "scenarios" / f"{SCENARIO}.yaml"
    text = shipped.read_text(encoding="utf-8")
    scenario = tmp_path / "big" / "huge-number.yaml"
    scenario.parent.mkdir()
    scenario.write_text(text + "\nhuge: " + "9" * 5000 + "\n", encoding="utf-8")
    line = text.count("\n") + 2
    for args in (
        ["play", str(scenario), "--autoplay", "ideal"],
        ["validate", str(scenario)],
        ["scenarios", "--scenario-dir", str(scenario.parent)],
    ):
        r = callsim(*args, data=tmp_path)
        assert r.returncode in (1, 2), args
        err = r.stderr + r.stdout
        assert "Traceback" not in err
        assert f"{scenario}:{line}:" in err
        assert "5,000 digits" in err


@pytest.mark.slow
def test_twenty_parallel_plays_leave_twenty_whole_transcripts(tmp_path: Path) -> None:
    """Same scenario, seed and second: 20 distinct files, each the complete call."""

    def play(_: int) -> subprocess.CompletedProcess[str]:
        args = ("play", SCENARIO, "--autoplay", "ideal", "--seed", "3")
        return callsim(*args, data=tmp_path, timeout=300)  # 20 at once on a busy CI machine

    with ThreadPoolExecutor(20) as pool:
        runs = list(pool.map(play, range(20)))
    assert [r.returncode for r in runs] == [0] * 20, runs[0].stderr
    files = sorted((tmp_path / "callsim" / "transcripts").iterdir())
    assert len(files) == 20
    reported = {r.stdout.split("Transcript: ")[1].split()[0] for r in runs}
    assert reported == {str(f) for f in files}
    texts = {f.read_bytes() for f in files}
    assert len(texts) == 1  # the same seed: byte-identical calls, none corrupted
    (text,) = texts
    assert b"\x00" not in text
    assert text.endswith(b"* hangup by=caller\n")
    assert text.count(b"# callsim transcript: 1") == 1
    assert read_transcript(files[0]).lines[-1].render() == "* hangup by=caller"


@pytest.fixture
def mounted(tmp_path: Path) -> Iterator[Callable[[str], Path]]:
    """Mounts small tmpfs folders of our own (root only), unmounted afterwards."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root on Linux")
    folders: list[Path] = []

    def mount(options: str) -> Path:
        folder = tmp_path / f"mnt{len(folders)}"
        folder.mkdir()
        r = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
            capture_output=True,
            check=False,
        )
        if r.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {r.stderr.decode(errors='replace').strip()}")
        folders.append(folder)
        return folder

    yield mount
    for folder in folders:
        subprocess.run(["umount", str(folder)], check=False)


def test_a_read_only_folder_is_one_line(mounted: Callable[[str], Path], tmp_path: Path) -> None:
    folder = mounted("ro,size=16k")
    out = folder / "call.txt"
    r = callsim("play", "--autoplay", "ideal", "--transcript", str(out), data=tmp_path)
    assert r.returncode == 2, r.stderr
    assert f"cannot create {out}: Read-only file system" in one_line(r.stderr)


def test_a_disk_that_fills_mid_call_ends_it_keeping_whole_lines(
    mounted: Callable[[str], Path], tmp_path: Path
) -> None:
    folder = mounted("size=64k")
    free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
    (folder / "filler").write_bytes(b"\0" * (free - 4096 - 100))  # one page left
    script = tmp_path / "long.moves"
    notes = [
        f"/note the caller wants the larger planter; checking stock, item {i}" for i in range(80)
    ]
    script.write_text("Hello, this is Carla.\n" + "\n".join(notes) + "\n/hangup\n")
    out = folder / "call.txt"
    r = callsim("play", "--autoplay", str(script), "--transcript", str(out), data=tmp_path)
    assert r.returncode == 1, r.stderr
    line = one_line(r.stderr)
    assert f"cannot write {out}: No space left on device" in line
    assert "the call was ended" in line
    data = out.read_bytes()
    assert 3000 < len(data) <= 4096
    assert data.endswith(b"\n")
    t = read_transcript(out)
    assert f"its first {len(t.lines)} lines are kept" in line
    assert not list(t.events("hangup"))


def test_sigint_mid_call_is_recorded_as_interrupted(tmp_path: Path) -> None:
    """A real SIGINT while the terminal waits for the trainee: no `hangup by=agent`."""
    pexpect = pytest.importorskip("pexpect")
    out = tmp_path / "cut.txt"
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path), "TERM": "dumb"}
    child = pexpect.spawn(
        CALLSIM,
        ["play", SCENARIO, "--ui", "terminal", "--voice", "off", "--transcript", str(out)],
        env=env,
        encoding="utf-8",
        timeout=30,
        # a runner that starts jobs in the background ignores SIGINT; children inherit it
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    child.expect("> ")
    child.sendline("Thank you for calling Fernwood Garden Supply, this is Carla.")
    child.expect("CALLER:")
    child.expect("> ")
    os.kill(child.pid, signal.SIGINT)
    child.expect("interrupted")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    t = read_transcript(out)
    assert [e.name for e in t.events()] == ["call_interrupted"]
    assert t.lines[0].render().startswith("Thank you for calling")


def test_an_escape_sequence_in_a_title_is_shown_escaped(tmp_path: Path) -> None:
    shipped = Path(__file__).parents[3] / "scenarios" / f"{SCENARIO}.yaml"
    text = shipped.read_text(encoding="utf-8")
    title = next(ln for ln in text.splitlines() if ln.startswith("title:"))
    scenario = tmp_path / "escape.yaml"
    scenario.write_text(text.replace(title, 'title: "Clear\\e[2J screen"'), encoding="utf-8")
    out = tmp_path / "t.txt"
    r = callsim(
        "play", str(scenario), "--autoplay", "ideal", "--transcript", str(out), data=tmp_path
    )
    assert r.returncode == 0, r.stderr
    assert "\x1b" not in r.stdout
    assert "Scenario: Clear\\x1b[2J screen (escape, " in r.stdout


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_output_to_a_full_disk_is_one_line(tmp_path: Path) -> None:
    out = tmp_path / "t.txt"
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path)}
    with open("/dev/full", "w") as full:  # noqa: PTH123
        r = subprocess.run(
            [CALLSIM, "play", "--autoplay", "ideal", "--transcript", str(out)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            env=env,
            check=False,
        )
    assert r.returncode == 2, r.stderr
    assert one_line(r.stderr) == "callsim play: cannot write the output: No space left on device"


def test_a_script_with_no_moves_is_refused(tmp_path: Path) -> None:
    script = tmp_path / "empty.moves"
    script.write_text("# only a comment\n\n", encoding="utf-8")
    r = callsim("play", "--autoplay", str(script), data=tmp_path)
    assert r.returncode == 2, r.stderr
    assert f"{script}: no moves" in one_line(r.stderr)


@pytest.mark.parametrize("speed", [float("nan"), float("-inf"), 0.0, -1.0, 0.09, 100.5])
def test_speed_range_in_process(speed: float) -> None:
    from simulator.commands.play import speed_problem

    assert speed_problem(speed)
    assert not speed_problem(0.1)
    assert not speed_problem(100.0)
