"""Sending statements to a real LRS (Ralph, started locally): read back what was sent; a
second export sends nothing new; an LRS that is down or refuses the credentials gives a
one-line error and loses nothing."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from simulator.cli import main
from tests.exports.ralph import KEY, SECRET, Ralph, free_port
from tests.training.calls import T0, mistake, record

pytestmark = pytest.mark.slow  # starts a real LRS server (a few seconds, once)


def _export(url: str, *args: str) -> int:
    return main(["export", "xapi", "--db", url, *args])


def _printed(url: str, capsys: pytest.CaptureFixture[str]) -> dict[str, dict]:
    capsys.readouterr()
    assert _export(url) == 0
    return {s["id"]: s for s in json.loads(capsys.readouterr().out)}


def test_sent_read_back_and_sent_once(
    ralph: Ralph, sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "Lee <b>Ortiz</b>"
    record(
        sqlite_url,
        tmp_path,
        T0,
        name,
        moves=mistake("wrong-size-planter", "hold.ask_permission", name),
    )
    record(sqlite_url, tmp_path, T0 + dt.timedelta(days=1), name)
    auth = f"{KEY}:{SECRET}"
    capsys.readouterr()
    assert _export(sqlite_url, "--lrs", ralph.url, "--auth", auth) == 0
    assert capsys.readouterr().out.startswith(f"Sent 2 statement(s) to {ralph.url};")
    mine = _printed(sqlite_url, capsys)
    for sid, sent in mine.items():  # read back from the LRS
        stored = ralph.statement(sid)
        assert stored is not None
        for key in ("actor", "verb", "object", "result", "context"):
            assert stored[key] == sent[key], key
        assert stored["actor"]["name"] == name
    assert _export(sqlite_url, "--lrs", ralph.url, "--auth", auth) == 0
    assert capsys.readouterr().out == f"Nothing new to send to {ralph.url}: 2 sent before.\n"
    third = record(sqlite_url, tmp_path, T0 + dt.timedelta(days=2), name)
    assert third
    assert _export(sqlite_url, "--lrs", ralph.url, "--auth", auth) == 0
    assert capsys.readouterr().out.startswith(f"Sent 1 statement(s) to {ralph.url};")


def test_down_or_refused_loses_nothing(
    ralph: Ralph, sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record(sqlite_url, tmp_path, T0, "Kim Ray")
    down = f"http://127.0.0.1:{free_port()}/xAPI/"
    capsys.readouterr()
    assert _export(sqlite_url, "--lrs", down, "--auth", f"{KEY}:{SECRET}") == 2
    err = capsys.readouterr().err
    assert err.startswith(f"callsim export xapi: cannot reach the LRS at {down}: ")
    assert err.count("\n") == 1
    assert _export(sqlite_url, "--lrs", ralph.url, "--auth", f"{KEY}:wrong") == 2
    assert capsys.readouterr().err == (
        f"callsim export xapi: the LRS at {ralph.url} refused the credentials (HTTP 401)\n"
    )
    [sid] = _printed(sqlite_url, capsys)
    assert ralph.statement(sid) is None  # nothing reached the LRS
    assert _export(sqlite_url, "--lrs", ralph.url, "--auth", f"{KEY}:{SECRET}") == 0
    assert capsys.readouterr().out.startswith("Sent 1 statement(s)")  # nothing was lost
    assert ralph.statement(sid) is not None


def test_a_statement_the_lrs_already_has_is_kept_once(
    ralph: Ralph, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Copies of one store (a desk's backup restored) know the same call: its statement id
    is the call's, so the LRS keeps one; a copy where a trainer has since overruled a mark
    sends a different statement under that id, which the LRS refuses (409) and keeps its
    own; either way the copy marks the call sent and sends nothing again."""
    import shutil

    from simulator.records import open_store

    a = f"sqlite:///{tmp_path / 'a.sqlite'}"
    call = record(a, tmp_path, T0, "Pat Doe")
    shutil.copy(tmp_path / "a.sqlite", tmp_path / "b.sqlite")
    shutil.copy(tmp_path / "a.sqlite", tmp_path / "c.sqlite")
    b, c = (f"sqlite:///{tmp_path / n}" for n in ("b.sqlite", "c.sqlite"))
    with open_store(c) as store:
        store.add_override(call, "close.thank", "fail", "mumbled", "Sam")
    auth = f"{KEY}:{SECRET}"
    [sid] = _printed(a, capsys)
    assert _export(a, "--lrs", ralph.url, "--auth", auth) == 0
    original = ralph.statement(sid)
    assert original is not None
    capsys.readouterr()
    assert _export(b, "--lrs", ralph.url, "--auth", auth) == 0
    assert capsys.readouterr().out.startswith(f"Sent 1 statement(s) to {ralph.url};")
    assert ralph.statements_with_id(sid) == 1
    assert _export(c, "--lrs", ralph.url, "--auth", auth) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        f"Sent 0 statement(s) to {ralph.url} (1 it already held in an earlier version"
    ), out
    assert ralph.statement(sid) == original
    for url in (b, c):
        assert _export(url, "--lrs", ralph.url, "--auth", auth) == 0
        assert capsys.readouterr().out.startswith("Nothing new to send")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--lrs", "ftp://x", "--auth", "a:b"],
            "--lrs 'ftp://x' is not an http:// or https:// URL",
        ),
        (["--lrs", "http://127.0.0.1:9/", "--auth", "nocolon"], "--auth must be KEY:SECRET"),
    ],
)
def test_bad_options_are_one_line(
    sqlite_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    record(sqlite_url, tmp_path, T0, "Kim Ray")
    capsys.readouterr()
    assert _export(sqlite_url, *args) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"callsim export xapi: {message}")
    assert err.count("\n") == 1
