"""Recording real calls for the training tests: the session path, then dated as a test needs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import update

from simulator.autoplay import mistake_moves, mistake_paths
from simulator.records import open_store
from simulator.records import schema as t
from simulator.scenario import find_scenario
from tests.records.helpers import play

T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


def mistake(scenario: str, item: str, agent: str = "Dana Whitfield") -> list[object]:
    """The scenario's path, said by `agent`, with the first mistake that fails `item`."""
    s = find_scenario(scenario)
    for step, j, fails in mistake_paths(s):
        if item in fails:
            return list(mistake_moves(s, step, j, agent))
    raise AssertionError(f"{scenario} has no mistake failing {item}")


def record(
    db: str,
    tmp: Path,
    when: dt.datetime,
    name: str = "Dana Whitfield",
    scenario: str = "wrong-size-planter",
    moves: list[object] | None = None,
) -> int:
    """Play one call through the session path (recorded), then date it `when`."""
    play(db, tmp, name, moves=moves, scenario=scenario)
    with open_store(db) as store:
        call_id = max(r.id for r in store.calls(name))
        with store.engine.begin() as conn:
            conn.execute(update(t.calls).where(t.calls.c.id == call_id).values(started_at=when))
    return call_id
