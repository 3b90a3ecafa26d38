"""The one interface every front-end implements: terminal, pygame window, headless tests.

A front-end shows the engine's outputs and produces the trainee's next move.
`run_call` is the loop that joins a front-end to an engine; the front-end
never touches the engine's state directly, so the pygame window (issue 5),
the terminal and the test driver all play the same call the same way.

Time: the engine's clock moves only on moves. A real-time front-end reports
elapsed time as `Wait(seconds)` moves (scaled by its speed factor), for
instance once a second while the caller is on hold so the hold timer and
the caller's patience run. Voice front-ends pass recognised speech as
`Say(text)`, and report the trainee talking over the caller as
`Interrupt()`; a `LineSpoken` with `cuts_in=True` asks them to stop playing
the agent's line because the caller is talking over it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from simulator.engine import CallEngine, CallState, Choice, HangUp, Move, Output


@dataclass(frozen=True)
class CallSummary:
    """What a front-end shows after the call: the scorecard, where the transcript is, advice."""

    transcript_path: str
    scorecard: Any  # scoring.grader.Scorecard, or None when grading was not possible
    advice: tuple[str, ...] = ()
    error: str = ""
    pass_mark: float | None = None  # the policy pack's, for a PASS/FAIL verdict


@runtime_checkable
class Frontend(Protocol):
    def show(self, outputs: Sequence[Output]) -> None:
        """Render what just happened (caller lines, events, notices, state, choices)."""

    def next_move(self, state: CallState, choices: Sequence[Choice]) -> Move | None:
        """Block until the trainee does something; None means they quit (the agent hangs up)."""

    def finish(self, summary: CallSummary) -> None:
        """Show the scorecard, the transcript path and what to practise next."""


def run_call(engine: CallEngine | Any, frontend: Frontend) -> None:
    """Play a call from ring to hang-up. Ctrl-C propagates: the caller records an interruption.

    `engine`: a `CallEngine`, or a `simulator.session.Session` (the same calls, plus
    its own `wrap_up` that logs after-call work)."""
    frontend.show(engine.start())
    while not engine.finished:
        move = frontend.next_move(engine.state, engine.choices)
        if move is None:
            move = HangUp()
        frontend.show(engine.apply(move))
    wrap_up = getattr(frontend, "wrap_up", None)  # after-call work: simulator/wrapup.py
    if wrap_up is not None:
        from functools import partial

        from simulator.wrapup import log_wrap_up

        log = getattr(engine, "wrap_up", None) or partial(log_wrap_up, engine)
        for after in iter(wrap_up, None):
            frontend.show(log(after))
