"""Subprocess work for the records tests: `python -m tests.records.worker MODE ...`.

- `many URL N NAME READY GO`: once set up, write READY and wait for the file GO, then record
  N graded calls as fast as possible (a concurrency test runs two, started together).
- `hang URL TRANSCRIPT MARKER`: play a real call through the session path, and after a few
  moves write MARKER and wait forever (a test kills it with SIGKILL mid-call).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

EXAMPLE = Path(__file__).resolve().parents[3] / "shared/spec/examples"


def example_card() -> Any:
    from scoring.grader import grade
    from scoring.policy import load_policy
    from scoring.reader import read_transcript

    path = EXAMPLE / "01-clean-excellent-call-with-hold.txt"
    return grade(read_transcript(path), load_policy("default")), str(path)


def many(url: str, n: int, name: str, ready: str, go: str) -> None:
    from simulator.records import open_store
    from simulator.records.store import CallStart, Grading

    card, path = example_card()
    with open_store(url, timeout=30) as store:
        Path(ready).write_text("ready")
        while not Path(go).exists():
            time.sleep(0.01)
        for i in range(n):
            call_id = store.start_call(CallStart(name, path, "default", scenario=f"s{i}", seed=i))
            store.finish_call(call_id, Grading("completed", 60.0, card, 80.0))


def hang(url: str, transcript: str, marker: str) -> None:
    from simulator.autoplay import ideal_moves
    from simulator.engine import CallState, Choice, Move
    from simulator.frontend.headless import HeadlessFrontend
    from simulator.records.recorder import CallRecorder
    from simulator.scenario import find_scenario
    from simulator.session import play_session

    scenario = find_scenario("wrong-size-planter")

    class Stalls(HeadlessFrontend):
        def next_move(self, state: CallState, choices: Sequence[Choice]) -> Move | None:
            if state.turn >= 3:
                Path(marker).write_text("ready")
                while True:
                    time.sleep(1)
            return super().next_move(state, choices)

    rec = CallRecorder(url, trainee="Killed Mid-Call")
    play_session(
        scenario,
        Stalls(ideal_moves(scenario, "Killed")),
        transcript=transcript,
        agent_name="Killed",
        record=rec,
    )


if __name__ == "__main__":
    mode, *rest = sys.argv[1:]
    if mode == "many":
        many(rest[0], int(rest[1]), rest[2], rest[3], rest[4])
    else:
        hang(*rest)
