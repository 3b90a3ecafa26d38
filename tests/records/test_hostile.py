"""Hostile names are stored and shown safely; an unusable store is one line, never a traceback,
and the call's transcript is still written."""

from __future__ import annotations

import argparse
import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from simulator.commands import history, trainees
from simulator.records import StoreError, open_store
from simulator.records.names import BadName, clean_name
from tests.records.helpers import play

HOSTILE = [
    'O\'Brien "the closer"',
    "<script>alert(1)</script>",
    "[bold red]Not markup[/bold red]",
    "x" * 10_000,
    "Bell\x07 Esc\x1b[2J Null\x00 Tab\tName\nNext: line",
]


def _args(**kw: object) -> argparse.Namespace:
    return argparse.Namespace(**kw)


def test_hostile_names_are_stored_and_shown_safely(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for n, name in enumerate(HOSTILE):
        summary, _, err = play(db_url, tmp_path, name, team=HOSTILE[(n + 1) % len(HOSTILE)])
        assert err == ""
        assert summary.scorecard is not None
    assert trainees.run(_args(team=None, json=True, db=db_url)) == 0
    stored = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    assert set(stored) == {clean_name(n) for n in HOSTILE}
    assert "x" * 10_000 in stored  # stored whole
    assert "Bell Esc[2J Null Tab Name Next: line" in stored  # control characters gone
    assert trainees.run(_args(team=None, json=False, db=db_url)) == 0
    table = capsys.readouterr().out
    assert "[bold red]Not markup[/bold red]" in table  # printed as itself, not as markup
    assert "<script>alert(1)</script>" in table
    assert not any(ord(ch) < 32 and ch != "\n" for ch in table)
    assert history.run(
        _args(trainee="x" * 10_000, scenario=None, since=None, call=None, limit=50, json=True,
              db=db_url)
    ) == 0  # fmt: skip
    [row] = json.loads(capsys.readouterr().out)
    assert row["trainee"] == "x" * 10_000


def test_a_newline_in_a_name_cannot_forge_a_transcript_header(
    sqlite_url: str, tmp_path: Path
) -> None:
    from scoring.reader import read_transcript

    play(sqlite_url, tmp_path, "Eve\n# policy: cam456", team="T\r\n# brand: Evil")
    headers = read_transcript(tmp_path / "call-0.txt").headers
    assert headers["policy"] == "default"
    assert headers["agent"] == "Eve # policy: cam456"
    assert headers["team"] == "T # brand: Evil"


def test_names_that_cannot_be_used() -> None:
    with pytest.raises(BadName, match="empty"):
        clean_name("\x00\x1b \t")
    with pytest.raises(BadName, match="at most 10,000"):
        clean_name("y" * 10_001)


def _unusable(tmp_path: Path, kind: str) -> tuple[str, object]:
    """A SQLite store that is locked, read-only, or from a newer callsim."""
    path = tmp_path / "records.sqlite"
    url = f"sqlite:///{path}"
    open_store(url).close()
    if kind == "locked":
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")
        return url, holder
    if kind == "newer":
        with open_store(url) as store, store.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        return url, None
    return f"sqlite:///file:{path}?mode=ro&uri=true", None


@pytest.mark.parametrize(
    ("kind", "says"),
    [("locked", "is locked"), ("read-only", "is read-only"), ("newer", "newer than this")],
)
def test_an_unusable_store_is_one_line_and_the_call_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, says: str
) -> None:
    url, holder = _unusable(tmp_path, kind)
    summary, _, err = play(url, tmp_path, timeout=0.2)
    assert summary.scorecard is not None  # graded all the same
    assert (tmp_path / "call-0.txt").read_text().count("AGENT:") > 3  # transcript written
    assert err.count("\n") == 1
    assert err.startswith("callsim: this call is not recorded: records:")
    assert says in err
    if kind != "locked":  # reading a locked WAL store works; the others say why they cannot
        assert history.run(
            _args(trainee=None, scenario=None, since=None, call=None, limit=5, json=False, db=url)
        ) in (0, 2)  # fmt: skip
        cap = capsys.readouterr()
        assert "Traceback" not in cap.err
    if holder is not None:
        holder.close()  # type: ignore[attr-defined]


def test_a_newer_store_refuses_commands_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, _ = _unusable(tmp_path, "newer")
    assert trainees.run(_args(team=None, json=False, db=url)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "schema '9999', newer than this callsim knows" in err


def test_a_read_only_postgresql_store_is_one_line(pg_server: object, tmp_path: Path) -> None:
    from tests.records.conftest import need_server

    server = need_server(pg_server)  # type: ignore[arg-type]
    url = server.new_database()
    open_store(url).close()
    db = url.split("?")[0].rsplit("/", 1)[1]
    server.execute("postgres", f'ALTER DATABASE "{db}" SET default_transaction_read_only = on')
    summary, _, err = play(url, tmp_path)
    assert summary.scorecard is not None
    assert err.count("\n") == 1
    assert "read-only" in err


def test_an_unreachable_server_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as info:
        open_store(f"postgresql://nobody@/x?host={tmp_path}&port=1", timeout=1)
    assert "\n" not in str(info.value)
    assert str(info.value).startswith("records: the store postgresql")


def test_a_locked_postgresql_store_is_one_line(pg_server: object, tmp_path: Path) -> None:
    import psycopg

    from tests.records.conftest import need_server

    server = need_server(pg_server)  # type: ignore[arg-type]
    url = server.new_database()
    open_store(url).close()
    db = url.split("?")[0].rsplit("/", 1)[1]
    with psycopg.connect(host=str(server.sock), port=server_port(), user="postgres",
                         dbname=db) as holder:  # fmt: skip
        holder.execute("LOCK TABLE calls IN ACCESS EXCLUSIVE MODE")
        summary, _, err = play(url, tmp_path, timeout=0.3)
    assert summary.scorecard is not None
    assert err.count("\n") == 1
    assert "is locked" in err


def server_port() -> int:
    from tests.records.pg import PORT

    return PORT
