"""The records store when it fills up mid-batch, and what `override` echoes back.

Found by the third red team: `grade --record` of 90 calls onto a store on a full disk
(a 600 KB tmpfs) recorded 6 of them, each in its own transaction, then said only
"callsim grade: not recorded: ... database or disk is full", as if none was kept;
`override` with a 60,000-character item id echoed the whole id in a "one-line" error.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.records import StoreError
from simulator.records.store import Store
from tests.hostile.corpus import GOOD_LINES

BODY = [line for line in GOOD_LINES[1:] if not line.startswith("# agent:")]


def _calls(folder: Path, n: int) -> list[str]:
    paths = []
    for k in range(n):
        path = folder / f"call-{k}.txt"
        path.write_text("\n".join([GOOD_LINES[0], f"# agent: Agent {k}", *BODY]) + "\n")
        paths.append(str(path))
    return paths


def test_a_store_that_fills_up_mid_batch_says_what_was_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'r.sqlite'}"
    real = Store.record_graded
    kept: list[int] = []

    def record_graded(self: Store, start: object, grading: object) -> int:
        if len(kept) == 2:
            raise StoreError(f"the store {self.where}: database or disk is full")
        kept.append(real(self, start, grading))  # type: ignore[arg-type]
        return kept[-1]

    monkeypatch.setattr(Store, "record_graded", record_graded)
    status = main(
        ["grade", "--record", "--summary", "--jobs", "1", "--db", db, *_calls(tmp_path, 4)]
    )
    err = capsys.readouterr().err
    assert status == 2
    assert err.count("\n") == 1, err
    assert "database or disk is full" in err
    assert "recorded 2 new call(s)" in err, err  # not as if nothing was kept
    monkeypatch.setattr(Store, "record_graded", real)
    assert main(["history", "--json", "--db", db]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2


def test_override_does_not_echo_a_huge_item_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'r.sqlite'}"
    assert main(["grade", "--record", "--summary", "--db", db, *_calls(tmp_path, 1)]) == 0
    capsys.readouterr()
    item = "a." * 30_000
    status = main(["override", "1", item, "pass", "--reason", "r", "--by", "b", "--db", db])
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith("callsim override: call 1 has no graded item 'a.a.")
    assert len(err) < 300, f"{len(err):,} characters"


#: a value of the wrong kind written into a row by another program (SQLite keeps any type)
DAMAGE = [
    ("UPDATE calls SET started_at = 'garbage'", "calls.started_at"),
    ("UPDATE calls SET score = 'high'", "calls.score"),
    ("UPDATE calls SET duration_s = 'long'", "calls.duration_s"),
    ("UPDATE item_results SET evidence = 'not json {'", "item_results.evidence"),
]
COMMANDS = [
    ["trainees"],
    ["plan", "Agent 0"],
    ["report", "1", "--out", "{out}"],
    ["report", "Agent 0", "--out", "{out}"],
    ["export", "csv"],
    ["override", "1", "close.brand", "pass", "--reason", "r", "--by", "b"],
    ["history", "--call", "1"],
]


@pytest.mark.slow  # grades and records a call, then runs seven commands (~2 s each case)
@pytest.mark.parametrize(("update", "where"), DAMAGE)
def test_a_damaged_row_is_one_line_naming_the_column(
    update: str, where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each of these ended in a traceback (ValueError, TypeError, orjson.JSONDecodeError)
    or in a bare "Invalid isoformat string: 'garbage'" naming neither store nor column."""
    import sqlite3

    path = tmp_path / "r.sqlite"
    db = f"sqlite:///{path}"
    assert main(["grade", "--record", "--summary", "--db", db, *_calls(tmp_path, 1)]) == 0
    with sqlite3.connect(path) as conn:
        conn.execute(update)
    capsys.readouterr()
    failed = 0
    for command in COMMANDS:
        argv = [a.replace("{out}", str(tmp_path / "r.html")) for a in command]
        try:
            status = main([*argv, "--db", db])
        except Exception as exc:  # noqa: BLE001 - the defect: reported, not raised
            pytest.fail(f"{command}: {type(exc).__name__}: {exc}")
        out, err = capsys.readouterr()
        if status == 0:
            continue  # this command does not read that column
        failed += 1
        assert err.count("\n") == 1, f"{command}: {err}"
        assert str(path) in err, f"{command}: {err}"
        assert where in err, f"{command}: {err}"
    assert failed, "no command read the damaged column"


@pytest.mark.parametrize(
    "command",
    [
        ["export", "csv", "--out", "{store}"],
        ["export", "xapi", "--out", "{store}"],
        ["report", "1", "--out", "{store}"],
        ["report", "--team", "--out", "{store}"],
    ],
)
def test_output_onto_the_store_itself_is_refused(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--out` naming the records store (a slip of tab completion) replaced the store with
    the CSV or HTML: every recorded call lost, exit 0."""
    path = tmp_path / "r.sqlite"
    db = f"sqlite:///{path}"
    assert main(["grade", "--record", "--summary", "--db", db, *_calls(tmp_path, 1)]) == 0
    capsys.readouterr()
    argv = [a.replace("{store}", str(path)) for a in command]
    assert main([*argv, "--db", db]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "SQLite database" in err
    assert path.read_bytes().startswith(b"SQLite format 3\x00")
    assert main(["history", "--json", "--db", db]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1
