"""Where output goes: a full disk on stdout, a FIFO or device as `--out`, odd LRS addresses.

Found by the red-team trial: `history`, `trainees`, `plan`, `report`, `export`
and `convert` with stdout on a full disk ended in a traceback (only `grade`
and `scenarios` said so in one line); `report --out` and `export --out`
renamed a temporary file over the target, so `--out /dev/full` run as root
replaced the device node with a regular file (and a FIFO with a file); an
`--lrs` address with a control character ended in httpx's traceback, and one
with an unclosed `[` said only "Invalid IPv6 URL"; an `--out` path with an
escape sequence was echoed raw.
"""

from __future__ import annotations

import io
import stat
import sys
import threading
from pathlib import Path

import pytest

from simulator.cli import main
from tests.hostile.corpus import ESC, GOOD_LINES

FULL = Path("/dev/full")


@pytest.fixture
def store(tmp_path: Path) -> str:
    call = tmp_path / "call.txt"
    call.write_text("\n".join(GOOD_LINES) + "\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'r.sqlite'}"
    assert main(["grade", "--record", "--db", db, str(call)]) == 0
    return db


def _run(argv: list[str], monkeypatch: pytest.MonkeyPatch, stdout: object) -> tuple[int, str]:
    err = io.StringIO()
    monkeypatch.setattr(sys, "stdout", stdout)
    monkeypatch.setattr(sys, "stderr", err)
    status = main(argv)
    monkeypatch.undo()
    said = err.getvalue()
    assert "Traceback" not in said
    assert ESC not in said
    return status, said


@pytest.mark.skipif(not FULL.exists(), reason="no /dev/full here")
@pytest.mark.parametrize(
    "argv",
    [
        ["history"],
        ["history", "--call", "1"],
        ["trainees"],
        ["trainees", "--json"],
        ["plan", "Dana"],
        ["report", "1"],
        ["export", "csv"],
        ["export", "xapi"],
        ["convert", "{call}"],
    ],
)
def test_stdout_on_a_full_disk_is_one_line(
    argv: list[str], store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = [a.format(call=tmp_path / "call.txt") for a in argv]
    monkeypatch.chdir(tmp_path)  # `report` writes its page here by default, not in the checkout
    if argv[0] != "convert":
        argv += ["--db", store]
    with open(FULL, "w", encoding="utf-8") as full:
        status, said = _run(argv, monkeypatch, full)
    assert status == 2, said
    assert said.count("\n") == 1, said
    assert said.startswith(f"callsim {argv[0]}: cannot write")
    assert "No space left on device" in said


def _read_fifo(path: Path, got: list[bytes]) -> threading.Thread:
    def read() -> None:
        with open(path, "rb") as fh:
            got.append(fh.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    return reader


@pytest.mark.parametrize("argv", [["report", "1"], ["export", "csv"], ["export", "xapi"]])
def test_out_to_a_fifo_writes_into_it_and_keeps_it(
    argv: list[str], store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As `--out /dev/stdout` or `--out /dev/full` would: the special file is written, never
    replaced (a FIFO stands in for the device, which only root could make)."""
    fifo = tmp_path / "pipe"
    import os

    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = _read_fifo(fifo, got)
    status, said = _run([*argv, "--db", store, "--out", str(fifo)], monkeypatch, io.StringIO())
    reader.join(10)
    assert status == 0, said
    assert stat.S_ISFIFO(fifo.lstat().st_mode), "the FIFO was replaced by a file"
    assert got
    assert (b"[]" if argv[-1] == "xapi" else b"Dana") in got[0]  # xAPI: role-plays only


def test_new_refuses_to_replace_a_special_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    os.mkfifo(tmp_path / "x.yaml")
    argv = ["new", "--archetype", "irate", "--force", "--out", str(tmp_path), "x"]
    status, said = _run(argv, monkeypatch, io.StringIO())
    assert status == 2
    assert "x.yaml is not a regular file" in said
    assert stat.S_ISFIFO((tmp_path / "x.yaml").lstat().st_mode)


@pytest.mark.parametrize(
    ("option", "value", "says"),
    [
        ("--lrs", "http://127.0.0.1:1/\x1b]0;x\x07/", "is not a URL"),
        ("--lrs", "http://[::1", "is not a URL"),
        ("--homepage", "https://x\x1b[31m.com", "is not an http:// or https:// address"),
        ("--out", "{tmp}/no/such/\x1b[31mx.json", "cannot write"),
    ],
)
def test_odd_export_addresses_are_one_line(
    option: str, value: str, says: str, store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = ["export", "xapi", "--db", store, option, value.format(tmp=tmp_path), "--auth", "k:s"]
    status, said = _run(argv, monkeypatch, io.StringIO())
    assert status == 2
    assert said.count("\n") == 1, said
    assert says in said


def test_transcribe_names_the_file_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The only command that echoed a file name from the command line raw."""
    status, said = _run(
        ["transcribe", str(tmp_path / "x\x1b[31m\x07.wav")], monkeypatch, io.StringIO()
    )
    assert status == 2
    assert "x\\x1b[31m\\x07.wav" in said
    assert "\x07" not in said
