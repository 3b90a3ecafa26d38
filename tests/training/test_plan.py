"""The retraining plan: hold practice for a trainee who fails holds, spacing by how often an
item was passed, difficulty stepping up, all with an injected clock."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from fsrs import Rating

from simulator.cli import main
from simulator.records import open_store
from simulator.training.plan import build_plan, item_cards
from simulator.training.practice import Practice
from simulator.training.ratings import rate_call
from simulator.training.reviews import GradedCall
from simulator.training.service import plan_for
from tests.training.calls import T0, mistake, record

DAY = dt.timedelta(days=1)


def test_a_calls_results_become_ratings() -> None:
    results = {
        "hold.ask_permission": "fail",
        "hold.give_reason": "pass",
        "close.thank": "pass",
        "open.verify_account": "pass",
        "xfer.warm": "na",
    }
    rated = rate_call(results, {"open.verify_account": Rating.Again})
    assert rated == {
        "hold.ask_permission": Rating.Again,
        "hold.give_reason": Rating.Good,  # its section had a fail
        "close.thank": Rating.Easy,
        "open.verify_account": Rating.Hard,  # passed after a fail
    }


def test_a_trainee_who_fails_holds_gets_hold_practice(
    sqlite_url: str, tmp_path: Path, catalogue: list[Practice]
) -> None:
    skip_ask = mistake("wrong-size-planter", "hold.ask_permission")
    record(sqlite_url, tmp_path, T0, moves=skip_ask)
    record(sqlite_url, tmp_path, T0 + DAY, moves=skip_ask)
    with open_store(sqlite_url) as store:
        plan = plan_for(store, "Dana Whitfield", now=T0 + 2 * DAY, scenarios=catalogue)
    assert plan.calls == 2
    assert plan.targets[:3] == ("hold.ask_permission", "hold.give_reason", "hold.wait_for_answer")
    assert plan.headline == "due today: holds"
    first = plan.picks[0]
    assert "hold.ask_permission" in first.items
    by_id = {s.id: s for s in catalogue}
    for pick in plan.picks:  # every pick's ideal path does what the trainee got wrong
        assert set(pick.items) <= by_id[pick.scenario].practised
    # refuses-hold's lesson is not to hold: never sent there for hold.wait_for_answer
    assert "hold.wait_for_answer" not in by_id["refuses-hold"].practised
    assert all(
        "hold.wait_for_answer" not in p.items for p in plan.picks if p.scenario == "refuses-hold"
    )


def _passes(item: str, times: list[dt.datetime]) -> list[GradedCall]:
    return [
        GradedCall(n, when, "s", "easy", 100.0, True, "completed", {item: "pass"})
        for n, when in enumerate(times)
    ]


def test_an_item_passed_many_times_comes_back_later_than_one_passed_once() -> None:
    last = T0 + 20 * DAY
    many = _passes("close.thank", [T0 + 5 * n * DAY for n in range(5)])  # ends on `last`
    once = _passes("hold.give_reason", [last])
    calls = sorted([*many, *once], key=lambda c: c.started_at)
    cards = {c.item: c for c in item_cards(calls)}
    assert cards["close.thank"].last_reviewed == cards["hold.give_reason"].last_reviewed
    assert cards["close.thank"].due > cards["hold.give_reason"].due + 30 * DAY
    # and the once-passed item is due (back in the plan) while the other is not
    scen = [Practice("s", "S", "easy", frozenset({"close.thank", "hold.give_reason"}), frozenset())]
    plan = build_plan("x", calls, scen, now=cards["hold.give_reason"].due)
    assert plan.targets == ("hold.give_reason",)
    assert plan_targets_at(calls, scen, last + DAY) == ()


def plan_targets_at(calls: list[GradedCall], scen: list[Practice], now: dt.datetime) -> tuple:
    return build_plan("x", calls, scen, now).targets


def test_a_failed_item_comes_back_the_next_day() -> None:
    calls = [GradedCall(1, T0, "s", "easy", 50.0, False, "completed", {"hold.max_segment": "fail"})]
    [card] = item_cards(calls)
    assert card.last_result == "fail"
    assert card.due == T0 + DAY


def _at(level: str, n: int) -> Practice:
    return Practice(f"{level}-{n}", f"{level} {n}", level, frozenset({"close.thank"}), frozenset())


def test_difficulty_steps_up_once_a_level_is_passed() -> None:
    scen = [_at(lvl, n) for lvl in ("easy", "medium", "hard") for n in (1, 2)]
    one = [GradedCall(1, T0, "easy-1", "easy", 95.0, True, "completed", {"close.thank": "pass"})]
    assert build_plan("x", one, scen, T0 + DAY).level == "easy"
    two = [*one, GradedCall(2, T0 + DAY, "easy-2", "easy", 90.0, True, "completed", {})]
    plan = build_plan("x", two, scen, T0 + 2 * DAY)
    assert plan.level == "medium"
    assert [p.difficulty for p in plan.picks] == ["medium", "medium"]
    failed = [*two, GradedCall(3, T0 + 2 * DAY, "medium-1", "medium", 40.0, False, "completed", {})]
    assert build_plan("x", failed, scen, T0 + 3 * DAY).level == "medium"


def test_a_new_trainee_starts_with_the_first_call(catalogue: list[Practice]) -> None:
    plan = build_plan("new", [], catalogue, T0)
    assert plan.level == "easy"
    assert plan.picks[0].scenario == "wrong-size-planter"
    assert plan.headline == "nothing due today"


def test_plan_command(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], catalogue: list[Practice]
) -> None:
    record(sqlite_url, tmp_path, T0, moves=mistake("wrong-size-planter", "hold.max_segment"))
    capsys.readouterr()
    assert main(["plan", "Dana Whitfield", "--json", "--db", sqlite_url]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["targets"][0] == "hold.max_segment"
    assert data["next"][0]["items"][0] == "hold.max_segment"
    assert main(["plan", "Dana Whitfield", "--db", sqlite_url]) == 0
    assert "due today: holds" in capsys.readouterr().out
    assert main(["plan", "Nobody [b]", "--db", sqlite_url]) == 2
    err = capsys.readouterr().err
    assert err.startswith("callsim plan: no trainee 'Nobody [b]' in the store")
    assert err.count("\n") == 1
