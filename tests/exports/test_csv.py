"""CSV export: calls and item results for spreadsheets, formula-looking names defused."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.records import open_store
from tests.training.calls import T0, mistake, record

NAME = '=HYPERLINK("http://x.example","Dana")'


def _rows(url: str, capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, str]]:
    capsys.readouterr()
    assert main(["export", "csv", "--db", url, *args]) == 0
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


def test_wide_and_long(sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = record(
        sqlite_url,
        tmp_path,
        T0,
        NAME,
        moves=mistake("wrong-size-planter", "hold.max_segment", NAME),
    )
    record(sqlite_url, tmp_path, T0 + dt.timedelta(days=1), "Bo Chan")
    with open_store(sqlite_url) as store:
        store.add_override(first, "soft.no_jargon", "fail", "said 'yep' off the transcript", "Sam")
    wide = _rows(sqlite_url, capsys)
    assert [r["trainee"] for r in wide] == ["'" + NAME, "Bo Chan"]
    row = wide[0]
    assert row["hold.max_segment"] == "fail"
    assert row["soft.no_jargon"] == "fail"  # the override applied
    assert row["overridden_items"] == "soft.no_jargon"
    assert row["failed_items"] == "hold.max_segment soft.no_jargon"
    assert row["outcome"] == "completed"
    assert row["started_at"] == T0.isoformat()
    long = _rows(sqlite_url, capsys, "--long", "--trainee", "Bo Chan")
    assert {r["trainee"] for r in long} == {"Bo Chan"}
    assert len(long) == len([k for k in wide[1] if "." in k and wide[1][k]])
    assert all(r["result"] in ("pass", "fail", "na") for r in long)


def test_out_file(sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record(sqlite_url, tmp_path, T0, "Bo Chan")
    out = tmp_path / "calls.csv"
    assert main(["export", "csv", "--db", sqlite_url, "--out", str(out)]) == 0
    with out.open(newline="") as f:
        assert len(list(csv.DictReader(f))) == 1
    capsys.readouterr()
    assert main(["export", "csv", "--db", sqlite_url, "--out", str(tmp_path / "no" / "x.csv")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("callsim export csv: cannot write ")
    assert err.count("\n") == 1
