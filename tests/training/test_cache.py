"""The plan's card cache: resumes from the kept state when the history it was made from is
unchanged, replays everything when an override (or a regrade) changed it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from simulator.records import open_store
from simulator.records import schema as t
from simulator.training import plan as plan_module
from simulator.training.plan import item_cards
from simulator.training.practice import Practice
from simulator.training.reviews import graded_calls
from simulator.training.service import plan_for
from tests.training.calls import T0, mistake, record

DAY = dt.timedelta(days=1)
NAME = "Dana Whitfield"


def _replayed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    seen: list[int] = []
    add = plan_module.Replay.add

    def counting(self: plan_module.Replay, call: object) -> None:
        seen.append(getattr(call, "id", 0))
        add(self, call)  # type: ignore[arg-type]

    monkeypatch.setattr(plan_module.Replay, "add", counting)
    return seen


def test_resumes_then_replays_after_an_override(
    sqlite_url: str, tmp_path: Path, catalogue: list[Practice], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = record(
        sqlite_url, tmp_path, T0, NAME, moves=mistake("wrong-size-planter", "hold.max_segment")
    )
    second = record(sqlite_url, tmp_path, T0 + DAY, NAME)
    seen = _replayed(monkeypatch)
    with open_store(sqlite_url) as store:
        plan_for(store, NAME, T0 + 2 * DAY, catalogue)
        assert seen == [first, second]
        with store.engine.connect() as conn:
            assert conn.execute(select(t.plan_cache.c.calls)).scalar() == 2
    third = record(sqlite_url, tmp_path, T0 + 2 * DAY, NAME)
    seen.clear()
    with open_store(sqlite_url) as store:
        resumed = plan_for(store, NAME, T0 + 3 * DAY, catalogue)
        assert seen == [third]  # only the new call
        with store.engine.connect() as conn:
            full = item_cards(graded_calls(conn, NAME))
        assert list(resumed.cards) == full
        store.add_override(first, "hold.max_segment", "pass", "asked to", "Sam")
        seen.clear()
        after = plan_for(store, NAME, T0 + 3 * DAY, catalogue)
        assert seen == [first, second, third]  # the history changed: replayed in full
        card = {c.item: c for c in after.cards}["hold.max_segment"]
        assert card.fails == 0
        seen.clear()
        plan_for(store, NAME, T0 + 3 * DAY, catalogue)
        assert seen == []  # nothing new: the kept cards as they are


def test_a_read_only_store_still_plans(
    sqlite_url: str, tmp_path: Path, catalogue: list[Practice]
) -> None:
    record(sqlite_url, tmp_path, T0, NAME, moves=mistake("wrong-size-planter", "hold.max_segment"))
    db = Path(sqlite_url.removeprefix("sqlite:///"))
    with open_store(f"sqlite:///file:{db}?mode=ro&uri=true") as store:
        plan = plan_for(store, NAME, T0 + DAY, catalogue)
        with store.engine.connect() as conn:
            assert conn.execute(select(t.plan_cache.c.calls)).scalar() is None  # not kept
    assert plan.targets[0] == "hold.max_segment"
