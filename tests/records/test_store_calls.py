"""Calls recorded through the session path, on SQLite and PostgreSQL: rows, outcomes, marks."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.reader import read_transcript
from simulator.engine import HangUp
from simulator.records import open_store
from simulator.records.store import Grading
from tests.records.helpers import hang_up_after_greeting, play


def test_a_played_call_is_recorded_with_every_item(db_url: str, tmp_path: Path) -> None:
    summary, rec, err = play(db_url, tmp_path, team="Night shift")
    assert err == ""
    with open_store(db_url) as store:
        [row] = store.calls()
        detail = store.call_detail(row.id)
    card = summary.scorecard
    assert row.trainee == "Dana Whitfield"
    assert row.team == "Night shift"
    assert row.outcome == "completed"
    assert row.scenario == "wrong-size-planter"
    assert row.score == card.score
    assert row.passed is (card.score >= 80 and not card.failed_call)
    assert row.transcript == str((tmp_path / "call-0.txt").resolve())
    assert detail is not None
    assert {i.item for i in detail.items} == set(card.results)
    some = next(i for i in detail.items if i.evidence)
    assert {"line", "time", "text"} <= set(some.evidence[0])
    headers = read_transcript(row.transcript).headers
    assert headers["agent"] == "Dana Whitfield"
    assert headers["team"] == "Night shift"


def test_how_a_call_ended(db_url: str, tmp_path: Path) -> None:
    play(db_url, tmp_path, "Ring", moves=[HangUp()])
    play(db_url, tmp_path, "Early", moves=hang_up_after_greeting())
    play(db_url, tmp_path, "Whole")
    with open_store(db_url) as store:
        outcome = {r.trainee: r.outcome for r in store.calls()}
    assert outcome == {
        "Ring": "abandoned_at_ring",
        "Early": "hung_up_early",
        "Whole": "completed",
    }


def test_pass_mark_comes_from_the_policy_pack(sqlite_url: str, tmp_path: Path) -> None:
    summary, _, _ = play(sqlite_url, tmp_path)
    with open_store(sqlite_url) as store:
        [row] = store.calls()
        detail = store.call_detail(row.id)
    assert detail is not None
    from scoring.policy import load_policy

    assert load_policy("default").pass_mark == 80.0
    assert row.grader_score == summary.scorecard.score


def test_a_pack_file_is_stored_by_its_path_a_shipped_pack_by_name(
    sqlite_url: str, tmp_path: Path
) -> None:
    from simulator.autoplay import ideal_moves
    from simulator.frontend.headless import HeadlessFrontend
    from simulator.records.recorder import CallRecorder
    from simulator.scenario import find_scenario
    from simulator.session import play_session

    pack = tmp_path / "mine.yaml"
    pack.write_text("name: mine\nextends: default\npass_mark: 90\n")
    s = find_scenario("wrong-size-planter")
    for n, policy in enumerate((str(pack), "cam456")):
        rec = CallRecorder(sqlite_url, trainee="P")
        play_session(
            s, HeadlessFrontend(ideal_moves(s)), transcript=tmp_path / f"{n}.txt",
            policy=policy, record=rec,
        )  # fmt: skip
        rec.close()
    with open_store(sqlite_url) as store:
        rows = sorted(store.calls(), key=lambda r: r.id)
    assert [r.policy for r in rows] == [str(pack.resolve()), "cam456"]


def test_ctrl_c_is_recorded_as_interrupted(sqlite_url: str, tmp_path: Path) -> None:
    from collections.abc import Sequence

    from simulator.engine import CallState, Choice, Move, Say
    from simulator.frontend.headless import HeadlessFrontend

    class CtrlC(HeadlessFrontend):
        def next_move(self, state: CallState, choices: Sequence[Choice]) -> Move | None:
            if state.turn >= 1:
                raise KeyboardInterrupt
            return Say("Thank you for calling, this is Dana.")

    with pytest.raises(KeyboardInterrupt):
        play(sqlite_url, tmp_path, moves=(), frontend=CtrlC(()))
    with open_store(sqlite_url) as store:
        [row] = store.calls()
    assert row.outcome == "interrupted"
    assert row.score is None


def test_history_and_trainees_filter(sqlite_url: str, tmp_path: Path) -> None:
    import datetime as dt

    play(sqlite_url, tmp_path, "Ann", team="Red")
    play(sqlite_url, tmp_path, "Ann", team="Red", moves=hang_up_after_greeting())
    play(sqlite_url, tmp_path, "Bob", team="Blue", scenario="refuses-hold")
    with open_store(sqlite_url) as store:
        assert [r.trainee for r in store.calls("Ann")] == ["Ann", "Ann"]
        assert [r.trainee for r in store.calls(scenario="refuses-hold")] == ["Bob"]
        tomorrow = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
        assert store.calls(since=tomorrow) == []
        [ann] = store.trainees("Red")
        assert store.count_calls("Ann") == 2
    assert ann.calls == 2
    assert ann.last_score is not None
    assert ann.weakest  # the early hang-up failed items
    assert ann.average_score is not None


def test_since_is_compared_in_utc(db_url: str) -> None:
    import datetime as dt

    from simulator.records.store import CallStart

    plus5 = dt.timezone(dt.timedelta(hours=5))
    at = dt.datetime(2026, 3, 1, 12, 0, tzinfo=plus5)  # 07:00 UTC
    with open_store(db_url) as store:
        store.record_graded(CallStart("Z", "/z.txt", "default", started_at=at), _ended())
        assert len(store.calls(since=dt.datetime(2026, 3, 1, 6, 59, tzinfo=dt.UTC))) == 1
        assert store.calls(since=dt.datetime(2026, 3, 1, 7, 1, tzinfo=dt.UTC)) == []
        [row] = store.calls()
    assert row.started_at == at


def _ended() -> Grading:
    return Grading("completed", 10.0)
