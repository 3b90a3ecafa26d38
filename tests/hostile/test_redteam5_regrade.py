"""`callsim regrade` stopped part-way: by Ctrl-C, or by a store that fills up.

Found by the fifth red team: each call is regraded in its own transaction, so the calls
done before the stop keep their new results, but the command said only "callsim:
interrupted" or "callsim regrade: records: ... database or disk is full", as if nothing had
been done (`grade --record` says what it kept since the third round). It says how many
calls were regraded before it stopped now.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from simulator.cli import main
from simulator.records import StoreError
from simulator.records.store import Store

EXAMPLE = Path(__file__).resolve().parents[3] / "shared/spec/examples"


@pytest.fixture
def store(tmp_path: Path) -> str:
    folder = tmp_path / "calls"
    folder.mkdir()
    for k in range(4):
        shutil.copy(EXAMPLE / "01-clean-excellent-call-with-hold.txt", folder / f"c{k}.txt")
    url = f"sqlite:///{tmp_path / 'records.sqlite'}"
    assert main(["grade", str(folder), "--record", "--trainee", "Ann Lee", "--db", url]) == 0
    return url


def _stop_at_third(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    real = Store.regrade_call
    done: list[int] = []

    def regrade_call(self: Store, *args: Any) -> Any:
        if len(done) == 2:
            raise error
        done.append(1)
        return real(self, *args)

    monkeypatch.setattr(Store, "regrade_call", regrade_call)


@pytest.mark.parametrize(
    ("error", "status", "said"),
    [
        (KeyboardInterrupt(), 130, "callsim regrade: interrupted"),
        (StoreError("records: the store X: database or disk is full"), 2,
         "callsim regrade: records: the store X: database or disk is full"),
    ],
)  # fmt: skip
def test_a_regrade_stopped_part_way_says_what_it_kept(
    error: BaseException,
    status: int,
    said: str,
    store: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _stop_at_third(monkeypatch, error)
    capsys.readouterr()
    assert main(["regrade", "--db", store]) == status
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (f"{said} (regraded 2 of 4 calls before, kept; run it again for the rest)\n"), err
