"""`--db` naming a database that is not a callsim store, and stores other programs hold.

Found by the fifth red team: `callsim history --db sqlite:///places.sqlite` (another
program's SQLite database, a slip of the finger or of tab completion) answered "No calls
recorded yet" after adding callsim's seven tables to that database and switching its
journal to WAL for good: another program's file changed by a command that only reads.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.cli import main

CALLSIM = [sys.executable, "-m", "simulator.cli"]


def _callsim(*argv: str, home: Path) -> subprocess.CompletedProcess[str]:
    """The real command, as a user runs it (once per test: a process takes ~1 s)."""
    return subprocess.run(
        [*CALLSIM, *argv],
        capture_output=True,
        text=True,
        timeout=60,
        env={"HOME": str(home), "PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"},
        cwd=Path(__file__).resolve().parents[2],
    )


def _in_process(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def _schema(path: Path) -> tuple[list[str], str]:
    with sqlite3.connect(path) as c:
        tables = [r[0] for r in c.execute("SELECT name FROM sqlite_master ORDER BY name")]
        mode = c.execute("PRAGMA journal_mode").fetchone()[0]
    c.close()
    return tables, mode


@pytest.mark.parametrize(
    "tables",
    [
        ["moz_places"],  # a browser's history
        ["alembic_version", "users"],  # another program migrated with Alembic
    ],
)
def test_another_programs_database_is_refused_and_left_as_it_was(
    tables: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "places.sqlite"
    with sqlite3.connect(db) as c:
        for name in tables:
            c.execute(f"CREATE TABLE {name} (x TEXT)")
        if "alembic_version" in tables:
            c.execute("INSERT INTO alembic_version VALUES ('ae1027a6acf')")
    c.close()
    before = _schema(db)
    said = (
        f"records: {db} is not a callsim store (it holds another "
        f"program's tables: {', '.join(t for t in tables if t != 'alembic_version')}); "
        "give --db a new file or a callsim store\n"
    )
    done = _callsim("history", "--db", f"sqlite:///{db}", home=tmp_path)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert (done.stdout, done.stderr) == ("", f"callsim history: {said}")
    assert _schema(db) == before, "another program's database changed"
    for argv in (["trainees"], ["export", "csv"], ["regrade"], ["report", "--team"]):
        status, out, err = _in_process([*argv, "--db", f"sqlite:///{db}"], capsys)
        name = " ".join(argv[:1] if argv[0] == "report" else argv)
        assert status == 2, (name, out, err)
        assert out == ""
        assert err == f"callsim {name}: {said}"
        assert _schema(db) == before, "another program's database changed"


def test_a_new_file_and_an_empty_database_still_become_stores(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.sqlite"
    sqlite3.connect(empty).close()
    for db in (tmp_path / "new.sqlite", empty):
        status, _, err = _in_process(["history", "--db", f"sqlite:///{db}"], capsys)
        assert status == 0, err
        tables, mode = _schema(db)
        assert {"calls", "trainees", "alembic_version"} <= set(tables)
        assert mode == "wal"
