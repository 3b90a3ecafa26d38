"""Regrading after a policy change updates results and keeps trainers' overrides."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from simulator.commands import history, override, regrade
from simulator.records import open_store
from tests.records.helpers import hang_up_after_greeting, play


def _args(**kw: object) -> argparse.Namespace:
    return argparse.Namespace(**kw)


def test_regrade_after_a_policy_change_keeps_overrides(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    play(db_url, tmp_path, "Early Hanger", moves=hang_up_after_greeting())
    play(db_url, tmp_path, "Whole Call")
    with open_store(db_url) as store:
        early = next(r for r in store.calls() if r.trainee == "Early Hanger")
        detail = store.call_detail(early.id)
    assert detail is not None
    failed = sorted(i.item for i in detail.items if i.result == "fail")
    kept, dropped = failed[0], failed[1]
    assert override.run(
        _args(call_id=early.id, item=kept, result="pass", reason="policy says fine", by="Sam",
              db=db_url)
    ) == 0  # fmt: skip
    pack = tmp_path / "strict.yaml"
    pack.write_text(f"name: strict\nextends: default\npass_mark: 95\nitems:\n  {dropped}: 0\n")
    assert regrade.run(_args(policy=str(pack), db=db_url)) == 0
    out = capsys.readouterr().out
    assert "Regraded 2 of 2 calls" in out
    assert "overrides kept on 1 calls" in out
    with open_store(db_url) as store:
        after = store.call_detail(early.id)
    assert after is not None
    items = {i.item: i for i in after.items}
    assert dropped not in items  # the new pack does not grade it
    assert items[kept].result == "pass"  # the override still applies
    assert items[kept].grader_result == "fail"
    assert items[kept].override is not None
    assert after.call.policy == str(pack)
    assert after.call.score is not None
    assert after.call.score != early.score
    assert history.run(
        _args(trainee=None, scenario=None, since=None, call=early.id, limit=50, json=False,
              db=db_url)
    ) == 0  # fmt: skip
    shown = capsys.readouterr().out
    assert "grader said fail, Sam ruled pass: policy says fine" in shown


def test_override_checks_the_call_and_item(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    play(sqlite_url, tmp_path)
    base = {"result": "pass", "reason": "r", "by": "Sam", "db": sqlite_url}
    assert override.run(_args(call_id=99, item="close.brand", **base)) == 2
    assert "no call 99" in capsys.readouterr().err
    assert override.run(_args(call_id=1, item="no.such", **base)) == 2
    assert "has no graded item 'no.such'" in capsys.readouterr().err


def test_regrade_lists_a_transcript_that_is_gone(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    play(sqlite_url, tmp_path)
    (tmp_path / "call-0.txt").unlink()
    assert regrade.run(_args(policy=None, db=sqlite_url)) == 1
    out = capsys.readouterr().out
    assert "1 transcripts could not be read" in out
    with open_store(sqlite_url) as store:
        [row] = store.calls()
    assert row.score is not None  # left as it was


def test_a_stored_pack_name_is_never_read_as_a_path(
    sqlite_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from sqlalchemy import text

    play(sqlite_url, tmp_path)
    (tmp_path / "evil.yaml").write_text("name: evil\nextends: default\n")
    monkeypatch.chdir(tmp_path)
    with open_store(sqlite_url) as store, store.engine.begin() as conn:
        conn.execute(text("UPDATE calls SET policy = 'evil.yaml'"))
    assert regrade.run(_args(policy=None, db=sqlite_url)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "unknown policy" in err


def test_regrade_shows_a_progress_bar_on_a_terminal(sqlite_url: str, tmp_path: Path) -> None:
    import io

    from rich.console import Console

    play(sqlite_url, tmp_path)
    screen = io.StringIO()
    term = Console(file=screen, force_terminal=True, width=80)
    with open_store(sqlite_url) as store:
        tally = regrade._regrade_all(store, store.regradable(), None, term)
    assert tally.regraded == 1
    assert "regrading" in screen.getvalue()
    assert "1/1" in screen.getvalue()
