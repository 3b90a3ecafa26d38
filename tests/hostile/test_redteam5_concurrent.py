"""Two QA leads recording the same folder of real calls into one store at once.

Found by the fifth red team: four `callsim grade FOLDER --record` run at the same time on
one folder of 60 transcripts left 67 calls in the store, one transcript recorded as four
separate calls: each run asked whether the file was recorded before, and inserted a new
call, in two transactions, so another run could record the file in between. The question
is now asked again inside the transaction that records the call.

The race is made deterministic here: the first question answers "not recorded" (as it did
for a run that asked before another recorded the file), then the real store answers.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.records.store import Store

EXAMPLE = Path(__file__).resolve().parents[3] / "shared/spec/examples"


def _calls(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as c:
        rows = c.execute(
            "SELECT transcript, trainees.name FROM calls JOIN trainees ON trainees.id = trainee_id"
        ).fetchall()
    c.close()
    return sorted(rows)


def test_a_file_recorded_by_another_run_in_between_is_not_recorded_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "calls"
    folder.mkdir()
    for name in ("01-clean-excellent-call-with-hold.txt", "04-wrong-number.txt"):
        shutil.copy(EXAMPLE / name, folder / name)
    db = tmp_path / "records.sqlite"
    url = f"sqlite:///{db}"
    assert main(["grade", str(folder), "--record", "--trainee", "Ann Lee", "--db", url]) == 0
    first = _calls(db)
    assert [who for _, who in first] == ["Ann Lee", "Ann Lee"]

    monkeypatch.setattr(Store, "call_by_transcript", lambda self, transcript: None)
    capsys.readouterr()
    assert main(["grade", str(folder), "--record", "--trainee", "Bo Chan", "--db", url]) == 0
    said = capsys.readouterr()
    after = _calls(db)
    assert [path for path, _ in after] == [path for path, _ in first], "recorded twice"
    assert [who for _, who in after] == ["Bo Chan", "Bo Chan"]  # as if run one after the other
    assert "was recorded for 'Ann Lee'; now for 'Bo Chan'" in said.out
    assert "Recorded 0 new call(s), graded 2 again in place" in said.out + said.err
