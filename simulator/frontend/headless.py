"""A front-end with no screen: plays a list of moves and keeps every output (tests, autoplay)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from simulator.engine import CallState, Choice, Move, Output
from simulator.frontend.base import CallSummary


class HeadlessFrontend:
    def __init__(self, moves: Iterable[Move]) -> None:
        self._moves = iter(moves)
        self.outputs: list[Output] = []
        self.summary: CallSummary | None = None

    def show(self, outputs: Sequence[Output]) -> None:
        self.outputs.extend(outputs)

    def next_move(self, state: CallState, choices: Sequence[Choice]) -> Move | None:
        return next(self._moves, None)

    def finish(self, summary: CallSummary) -> None:
        self.summary = summary
