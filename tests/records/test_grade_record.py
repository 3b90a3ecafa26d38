"""`callsim grade FILE... --record` keeps real calls against the agent in the header."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.records import open_store

EXAMPLES = Path(__file__).resolve().parents[3] / "shared/spec/examples"


def test_grade_record_stores_real_calls_once(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calls = tmp_path / "calls"
    calls.mkdir()
    for p in sorted(EXAMPLES.glob("0[1-3]-*.txt")):
        shutil.copy(p, calls / p.name)
    assert main(["grade", str(calls), "--summary", "--record", "--db", db_url]) == 0
    assert "Recorded 3 new call(s), graded 0 again" in capsys.readouterr().out
    assert main(["grade", str(calls), "--summary", "--record", "--db", db_url]) == 0
    assert "Recorded 0 new call(s), graded 3 again" in capsys.readouterr().out
    with open_store(db_url) as store:
        rows = store.calls()
    assert len(rows) == 3
    assert {r.kind for r in rows} == {"real"}
    assert all(r.score is not None for r in rows)
    assert {r.trainee for r in rows} == {"Carla", "Dwayne", "Jenna"}  # the headers' agents


def test_a_transcript_without_an_agent_needs_a_name(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    call = tmp_path / "anon.txt"
    call.write_text(
        "# callsim transcript: 1\n[00:00] AGENT: Thank you for calling.\n"
        "[00:03] CALLER: Hi.\n[00:05] * hangup by=caller\n"
    )
    assert main(["grade", str(call), "--record", "--db", sqlite_url]) == 2
    assert "the '# agent:' header is empty (give --trainee NAME)" in capsys.readouterr().err
    assert main(["grade", str(call), "--record", "--trainee", "Pat Q", "--db", sqlite_url]) == 0
    with open_store(sqlite_url) as store:
        [row] = store.calls()
    assert row.trainee == "Pat Q"
