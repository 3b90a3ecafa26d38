"""Helpers for the records tests: real calls played through the session path, real scorecards."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from simulator.autoplay import ideal_moves
from simulator.engine import HangUp, Say
from simulator.frontend.headless import HeadlessFrontend
from simulator.records.identity import who_is_playing
from simulator.records.recorder import CallRecorder
from simulator.scenario import find_scenario
from simulator.session import play_session

SCENARIO = "wrong-size-planter"


def play(
    db: str,
    tmp: Path,
    name: str = "Dana Whitfield",
    *,
    moves: Any = None,
    team: str | None = None,
    seed: int = 0,
    scenario: str = SCENARIO,
    timeout: float = 5.0,
    frontend: Any = None,
) -> tuple[Any, CallRecorder, str]:
    """Play one call through `play_session` with a recorder; (summary, recorder, stderr)."""
    s = find_scenario(scenario)
    err = io.StringIO()
    who = who_is_playing(name, team, ask=False)  # cleaned where it enters, as `play` does
    assert who is not None
    name = who.name
    rec = CallRecorder(db, trainee=name, team=who.team, stderr=err, timeout=timeout)
    n = len(list(tmp.glob("call-*.txt")))
    moves = ideal_moves(s, name) if moves is None else moves
    summary = play_session(
        s,
        frontend or HeadlessFrontend(moves),
        seed=seed,
        transcript=tmp / f"call-{n}.txt",
        agent_name=name,
        record=rec,
    )
    rec.close()
    return summary, rec, err.getvalue()


def hang_up_after_greeting() -> list[Any]:
    return [Say("Thank you for calling, this is Dana, may I have your name?"), HangUp()]
