"""Trainee names typed two ways, and a call recorded again under another trainee.

Found by the third red team and left to the fourth: "José" typed composed (U+00E9) and
decomposed ("e" + U+0301, as macOS input gives it) looked the same everywhere but became
two trainees, and `grade --record --trainee T2` of a transcript already recorded for T1
graded it again in place and silently kept T1.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from simulator.cli import main
from simulator.records.engine import make_engine, upgrade
from simulator.records.names import name_key
from tests.hostile.corpus import GOOD_LINES

COMPOSED = "Jos\u00e9 N\u00fa\u00f1ez"
DECOMPOSED = "Jose\u0301 Nu\u0301n\u0303ez"
BODY = [line for line in GOOD_LINES[1:] if not line.startswith("# agent:")]


def _call(folder: Path, name: str, agent: str = "Dana") -> str:
    path = folder / name
    path.write_text("\n".join([GOOD_LINES[0], f"# agent: {agent}", *BODY]) + "\n")
    return str(path)


def _trainees(db: str, capsys: pytest.CaptureFixture[str]) -> dict[str, int]:
    capsys.readouterr()
    assert main(["trainees", "--json", "--db", db]) == 0
    return {row["name"]: row["calls"] for row in json.loads(capsys.readouterr().out)}


def test_a_name_typed_composed_and_decomposed_is_one_trainee(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'r.sqlite'}"
    for n, name in enumerate((COMPOSED, DECOMPOSED)):
        call = _call(tmp_path, f"c{n}.txt")
        assert main(["grade", "--record", "--trainee", name, "--db", db, call]) == 0
    assert _trainees(db, capsys) == {COMPOSED: 2}
    assert main(["history", DECOMPOSED, "--json", "--db", db]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2


def test_a_store_of_the_last_version_merges_names_typed_two_ways(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A store written before names were normalised: its two 'José's become one trainee,
    every call kept, the team taken from whichever had one."""
    path = tmp_path / "old.sqlite"
    url = sa.engine.make_url(f"sqlite:///{path}")
    engine = make_engine(url)
    with engine.begin() as conn:
        upgrade(conn, "0004")
        at = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
        for tid, (name, team) in enumerate(
            ((COMPOSED, None), (DECOMPOSED, "Blue"), ("Ann", None)), 1
        ):
            conn.execute(
                sa.text(
                    "INSERT INTO trainees (id, name, name_key, team, created_at) "
                    "VALUES (:id, :n, :k, :t, :at)"
                ),
                {"id": tid, "n": name, "k": name_key(name), "t": team, "at": at},
            )
        for cid, tid in enumerate((1, 2, 2, 3), 1):
            conn.execute(
                sa.text(
                    "INSERT INTO calls (id, uid, trainee_id, kind, policy, started_at, "
                    "transcript, outcome, host, pid) VALUES (:id, :uid, :tid, 'real', 'p', "
                    ":at, :tr, 'abandoned', 'h', 1)"
                ),
                {"id": cid, "uid": f"u{cid}", "tid": tid, "at": at, "tr": f"/t{cid}"},
            )
    engine.dispose()
    db = f"sqlite:///{path}"
    assert _trainees(db, capsys) == {COMPOSED: 3, "Ann": 1}
    assert main(["trainees", "--team", "Blue", "--json", "--db", db]) == 0
    assert [r["name"] for r in json.loads(capsys.readouterr().out)] == [COMPOSED]


def test_recording_a_call_again_under_another_trainee_moves_it_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'r.sqlite'}"
    call = _call(tmp_path, "c.txt")
    assert main(["grade", "--record", "--trainee", "Ann", "--db", db, call]) == 0
    assert main(["grade", "--record", "--trainee", "Bob", "--db", db, call]) == 0
    out = capsys.readouterr().out
    assert "was recorded for 'Ann'; now for 'Bob'" in out, out
    assert _trainees(db, capsys) == {"Ann": 0, "Bob": 1}
    # without --trainee the call stays with whoever it was given to (not the header's Dana)
    assert main(["grade", "--record", "--db", db, call]) == 0
    assert "now for" not in capsys.readouterr().out
    assert _trainees(db, capsys) == {"Ann": 0, "Bob": 1}


def test_another_call_saved_under_a_recorded_file_name_is_a_new_call(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exports keep one name ("transcript.vtt" in Downloads): a second agent's call saved
    there graded 'again in place' over the first, whose grading was lost, and was filed
    under the first agent. A file whose date (header, else modification time) differs
    from the call recorded from it is another call; the same file is graded in place."""
    import os

    db = f"sqlite:///{tmp_path / 'r.sqlite'}"
    first = _call(tmp_path, "transcript.txt", agent="Dana")
    assert main(["grade", "--record", "--db", db, first]) == 0
    assert main(["grade", "--record", "--db", db, first]) == 0  # the same file: in place
    assert _trainees(db, capsys) == {"Dana": 1}
    _call(tmp_path, "transcript.txt", agent="Jo")  # a new download over the old one
    mtime = os.path.getmtime(first) + 60
    os.utime(first, (mtime, mtime))
    assert main(["grade", "--record", "--db", db, first]) == 0
    out = capsys.readouterr().out
    assert "not the call recorded from this file before (call 1, kept)" in out, out
    assert _trainees(db, capsys) == {"Dana": 1, "Jo": 1}
