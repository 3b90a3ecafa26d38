"""Importer formats with hostile content, through the real CLI (found by the red-team trial).

A speech-to-text JSON string may hold a lone surrogate escape (`"\\ud800"`, half
of a cut emoji): `json` keeps it as a string no UTF-8 output can hold, and
`convert` and `grade --json` ended in a traceback. A CSV with a header whose
words hold unquoted commas silently lost every word after the first comma
(the grade then judged a line the agent did not say).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.hostile.test_cli_hostile import check_clean, drive

AGENT = "Thank you for calling Acme, this is Dana. May I have your name?"
CALLER = "Ed Park. My order never arrived."


def _files(tmp: Path) -> list[str]:
    folder = tmp / "in"
    folder.mkdir()
    files = {
        "lone.json": '[{"start": 0, "speaker": "Agent", "text": "hi \\ud800 there"},'
        ' {"start": 2, "speaker": "Customer\\udfff", "text": "CALLER \\udc00"}]',
        "pair.json": '[{"start": 0, "speaker": "Agent", "text": "AGENT \\ud83d\\ude00"},'
        ' {"start": 2, "speaker": "Customer", "text": "CALLER"}]',
        "commas.csv": f"start,speaker,text\n0,Agent,{AGENT}\n2,Customer,{CALLER},,\n",
        "middle.csv": f"start,speaker,text,confidence\n0,Agent,{AGENT},0.9\n",
    }
    for name, text in files.items():
        text = text.replace("AGENT", AGENT).replace("CALLER", CALLER)
        (folder / name).write_text(text, encoding="utf-8")
    return [str(folder / name) for name in files]


def test_importers_keep_what_was_said_and_never_crash(tmp_path: Path) -> None:
    files = _files(tmp_path)
    converted = drive(["convert", "{}"], files, tmp_path)
    graded = drive(["grade", "--json", "{}"], files, tmp_path)
    for path, (status, out, err), (gstatus, gout, gerr) in zip(
        files, converted, graded, strict=True
    ):
        name = Path(path).name
        check_clean(out + err + gout + gerr, name)
        if name == "middle.csv":  # the words' commas cannot be told from the columns
            assert status == gstatus == "2", (name, err)
            assert f"{name}:2: a row of 5 columns under a header of 4" in err
            continue
        assert status == gstatus == "0", (name, err, gerr)
        assert "\ufffd" not in out or name == "lone.json"
        assert json.loads(gout)[0]["score"] >= 0
        if name == "lone.json":
            assert "AGENT: hi \ufffd there" in out
        else:
            assert f"AGENT: {AGENT}" in out  # whole, past its commas
            assert f"CALLER: {CALLER}\n" in out


def test_an_empty_agent_speaker_and_an_escaped_output_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--agent-speaker ,` made every speaker the caller (a call graded as if the agent said
    nothing); `convert -o` echoed an escape sequence in its path raw."""
    from simulator.cli import main

    call = tmp_path / "c.csv"
    call.write_text(f'start,speaker,text\n0,Agent,"{AGENT}"\n2,Customer,"{CALLER}"\n', "utf-8")
    assert main(["grade", str(call), "--agent-speaker", ",,"]) == 2
    err = capsys.readouterr().err
    assert "c.csv:0: --agent-speaker names no speaker (speakers: 'Agent', 'Customer')" in err
    out = tmp_path / "x\x1b[31m.txt"
    out.write_text("mine\n", encoding="utf-8")
    assert main(["convert", str(call), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "x\\x1b[31m.txt: exists" in err
    assert "\x1b" not in err


def test_a_start_of_1e308_seconds_is_a_short_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The error printed all 309 digits of the start time (a 420-character "one line")."""
    from simulator.cli import main

    call = tmp_path / "c.csv"
    call.write_text(f'start,speaker,text\n1e308,Agent,"{AGENT}"\n', encoding="utf-8")
    assert main(["grade", str(call)]) == 2
    err = capsys.readouterr().err
    assert "c.csv:2: start time is 1e+308 s, more than a day into the call" in err
    assert len(err.splitlines()[0]) < 200


def test_convert_force_on_a_full_disk_keeps_the_old_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`convert -o OLD --force` truncated OLD, then a full disk left it empty."""
    import errno
    import os
    from typing import Any

    from simulator.cli import main

    call = tmp_path / "c.csv"
    call.write_text(f'start,speaker,text\n0,Agent,"{AGENT}"\n2,Customer,"{CALLER}"\n', "utf-8")
    old = tmp_path / "old.txt"
    old.write_text("# callsim transcript: 1\nkept\n", encoding="utf-8")
    real_open = open

    def no_room(*_: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def full_open(path: Any, mode: str = "r", *a: Any, **kw: Any) -> Any:
        fh = real_open(path, mode, *a, **kw)
        if "w" in mode or "x" in mode:
            fh.write = no_room  # type: ignore[method-assign]
        return fh

    monkeypatch.setattr("builtins.open", full_open)
    status = main(["convert", str(call), "-o", str(old), "--force"])
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert status == 2
    assert "old.txt: No space left on device" in err
    assert old.read_text(encoding="utf-8") == "# callsim transcript: 1\nkept\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.csv", "old.txt"]
