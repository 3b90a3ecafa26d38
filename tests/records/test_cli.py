"""The commands end to end through `callsim` (main): play records, history and trainees show."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scoring.reader import read_transcript
from simulator.cli import main


def test_play_records_the_named_trainee_and_team(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "call.txt"
    argv = ["play", "wrong-size-planter", "--autoplay", "ideal", "--transcript", str(out)]
    assert (
        main([*argv, "--trainee", "Dana  Whitfield", "--team", "Nights", "--db", sqlite_url]) == 0
    )
    headers = read_transcript(out).headers
    assert headers["agent"] == "Dana Whitfield"
    assert headers["team"] == "Nights"
    capsys.readouterr()
    assert main(["history", "Dana Whitfield", "--json", "--db", sqlite_url]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["team"] == "Nights"
    assert row["outcome"] == "completed"
    assert row["transcript"] == str(out.resolve())
    assert main(["trainees", "--team", "Nights", "--db", sqlite_url]) == 0
    table = capsys.readouterr().out
    assert "Dana Whitfield" in table
    assert "Nights" in table


def test_with_no_name_and_no_one_to_ask_the_headers_agent_is_recorded(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CALLSIM_TRAINEE", raising=False)
    out = tmp_path / "call.txt"
    argv = ["play", "wrong-size-planter", "--autoplay", "ideal", "--transcript", str(out)]
    assert main([*argv, "--db", sqlite_url]) == 0
    from simulator.records import open_store

    with open_store(sqlite_url) as store:
        [row] = store.calls()
    assert row.trainee == read_transcript(out).headers["agent"]


def test_bad_dates_and_urls_are_one_line(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["history", "--since", "last tuesday", "--db", sqlite_url]) == 2
    assert capsys.readouterr().err == (
        "callsim history: --since 'last tuesday' is not a date (use YYYY-MM-DD)\n"
    )
    assert main(["trainees", "--db", "mysql://x@y/z"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "'mysql' stores are not supported" in err


def test_db_is_exported_for_the_desks_own_recorder(monkeypatch: pytest.MonkeyPatch) -> None:
    import argparse

    from simulator.records.location import resolve_url
    from simulator.records.options import export_db

    monkeypatch.setenv("CALLSIM_DB", "/elsewhere.sqlite")
    export_db(argparse.Namespace(db="/team/records.sqlite"))
    assert resolve_url(None).database == "/team/records.sqlite"
