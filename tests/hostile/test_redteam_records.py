"""Hostile headers in recorded real calls, and `--db` values that point at odd places.

Found by the red-team trial: a `# date:` header of year 1 at +23:59 made
`grade --record` end in a traceback with none of the batch recorded; a year
9999 date was stored and every later `plan` or `report` of that trainee
crashed (the plan's review dates overflow); a `# scenario:` header carried an
escape sequence to `history --call` and the CSV export; a `--db` path with an
escape sequence was echoed raw in errors; an in-memory store or a SQLite URL
with options (`?mode=ro`) warned on two lines or silently kept nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.cli import main
from tests.hostile.corpus import ESC, GOOD_LINES

BODY = GOOD_LINES[3:]


def _call(folder: Path, name: str, *headers: str) -> str:
    path = folder / f"{name}.txt"
    path.write_text("\n".join([GOOD_LINES[0], *headers, *BODY]) + "\n", encoding="utf-8")
    return str(path)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert ESC not in out + err, f"raw escape from {argv}"
    return status, out, err


@pytest.mark.parametrize(
    "date",
    ["0001-01-01T00:00:00+23:59", "9999-12-31T23:59:59-23:59", "2999-01-01"],
)
def test_a_date_header_out_of_range_is_not_a_crash_now_or_later(
    date: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'r.sqlite'}"
    good = _call(tmp_path, "good", "# agent: Ann Lee")
    odd = _call(tmp_path, "odd", "# agent: Bo Odd", f"# date: {date}")
    status, out, _ = _run(capsys, "grade", "--record", "--db", db, good, odd)
    assert status == 0
    assert "Recorded 2 new call(s)" in out  # the batch is not lost
    status, out, _ = _run(capsys, "history", "--json", "--db", db)
    started = {r["trainee"]: r["started_at"] for r in json.loads(out)}
    assert set(started) == {"Ann Lee", "Bo Odd"}
    assert started["Bo Odd"][:4] not in ("0001", "9999", "2999")  # the file's time instead
    assert _run(capsys, "plan", "Bo Odd", "--db", db)[0] == 0
    assert _run(capsys, "report", "Bo Odd", "--db", db, "--out", str(tmp_path / "r.html"))[0] == 0


def test_a_scenario_header_cannot_reach_the_terminal_raw(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'r.sqlite'}"
    call = _call(tmp_path, "c", "# agent: Ann Lee", '# scenario: \x1b]0;pwned\x07=HYPERLINK("x")')
    assert _run(capsys, "grade", "--record", "--db", db, call)[0] == 0
    status, out, _ = _run(capsys, "history", "--call", "1", "--db", db)
    assert status == 0
    assert "]0;pwned" in out
    for form in ("--long", None):
        argv = ["export", "csv", "--db", db] + ([form] if form else [])
        status, out, _ = _run(capsys, *argv)
        assert status == 0
        assert '"]0;pwned=HYPERLINK(""x"")"' in out


@pytest.mark.parametrize(
    ("db", "says"),
    [
        ("sqlite:///:memory:", "in-memory store keeps nothing"),
        ("sqlite://", "in-memory store keeps nothing"),
        ("sqlite:///{tmp}/x.db?mode=ro", "need the URI form"),
        (" ", "--db is empty"),
        ("{tmp}/junk\x1b[31m.db", "junk\\x1b[31m.db is not a callsim store"),
    ],
)
def test_odd_db_values_are_one_line(
    db: str, says: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "junk\x1b[31m.db").write_text("not a database\n", encoding="utf-8")
    for argv in (["history"], ["export", "csv"], ["trainees"]):
        status, out, err = _run(capsys, *argv, "--db", db.format(tmp=tmp_path))
        assert status == 2, (argv, out, err)
        assert err.count("\n") == 1, err
        assert says in err
    assert not (tmp_path / " ").exists()


HUGE = "9" * 23  # past 2**63: SQLite raised OverflowError


@pytest.mark.parametrize(
    "argv",
    [
        ["override", HUGE, "close.thank", "pass", "--reason", "r", "--by", "b"],
        ["history", "--call", HUGE],
        ["history", "--limit", HUGE],
        ["report", HUGE],
        ["history", "--since", "0001-01-01T00:00+23:59"],
        ["export", "csv", "--since", "9999-12-31T23:59-23:59"],
    ],
)
def test_numbers_and_dates_no_store_can_hold_are_one_line(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'r.sqlite'}"
    call = _call(tmp_path, "c", "# agent: Ann Lee")
    assert _run(capsys, "grade", "--record", "--db", db, call)[0] == 0
    try:
        status = main([*argv, "--db", db])
    except SystemExit as exc:  # argparse's usage error
        status = exc.code  # type: ignore[assignment]
    out, err = capsys.readouterr()
    assert status == 2
    assert "Traceback" not in out + err
    assert err.strip().splitlines()[-1].startswith("callsim ")


def test_a_file_name_not_utf8_is_skipped_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`grade --record` of a file whose name is not UTF-8 (a lone surrogate in Python) ended in
    SQLite's UnicodeEncodeError with the whole batch unrecorded."""
    db = f"sqlite:///{tmp_path / 'r.sqlite'}"
    good = _call(tmp_path, "good", "# agent: Ann Lee")
    odd = _call(tmp_path, "odd\udcff\x1b[31m", "# agent: Bo Odd")
    status, out, err = _run(capsys, "grade", "--record", "--db", db, good, odd)
    assert status == 2
    assert "Recorded 1 new call(s)" in out
    assert "odd\\xff\\x1b[31m.txt: its path is not UTF-8 text" in err
    status, out, _ = _run(capsys, "history", "--json", "--db", db)
    assert [r["trainee"] for r in json.loads(out)] == ["Ann Lee"]
