"""Choice mode: the responses offered at each step of a scenario's script.

The script is the ideal path; each step may list plausible mistakes. The
cursor follows the trainee: a chosen response, or a typed line that does
what the step's ideal line does (same act labels), moves it on, so a trainee
can mix typing and picking.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from simulator.engine.hearing import Recogniser
from simulator.engine.moves import Move, Moves, Say, Skip, Wait, format_move, parse_move
from simulator.engine.outputs import Choice
from simulator.scenario.lines import render
from simulator.scenario.model import Scenario

#: how far ahead a move may match a later step (a trainee who skipped one).
LOOKAHEAD = 3
#: how many later steps' moves choice mode also offers, as tempting wrong-time answers.
AHEAD_CHOICES = 1


@dataclass(frozen=True, slots=True)
class Option:
    move: Move
    label: str
    ideal: bool


def describe(move: Move) -> str:
    """A label for a move in a list of choices."""
    if isinstance(move, Say):
        return move.text
    if isinstance(move, Skip):
        return "(say nothing about it and move on)"
    if isinstance(move, Moves):
        return " then ".join(describe(m) for m in move.moves)
    return format_move(move)


def build_options(scenario: Scenario, values: dict[str, str]) -> list[list[Option]]:
    steps: list[list[Option]] = []
    for step in scenario.script:
        ideal = parse_move(render(step.agent, values))
        opts = [Option(ideal, step.label or describe(ideal), True)]
        for mistake in step.mistakes:
            parsed = tuple(parse_move(render(m, values)) for m in mistake.moves)
            move = parsed[0] if len(parsed) == 1 else Moves(parsed)
            opts.append(Option(move, mistake.label or describe(move), False))
        steps.append(opts)
    return steps


class ScriptCursor:
    def __init__(
        self, scenario: Scenario, values: dict[str, str], seed: int, recognise: Recogniser
    ) -> None:
        self._steps = build_options(scenario, values)
        self._seed = seed
        self._recognise = recognise
        self._ideal_acts: dict[int, frozenset[str]] = {}
        self.index = 0

    @property
    def done(self) -> bool:
        return self.index >= len(self._steps)

    def choices(self) -> tuple[Choice, ...]:
        if self.done:
            return ()
        opts = list(self._steps[self.index]) + self._jumping_ahead()
        random.Random(f"{self._seed}:choices:{self.index}").shuffle(opts)
        return tuple(
            Choice(str(n), o.label, o.move, self.index, o.ideal) for n, o in enumerate(opts, 1)
        )

    def _jumping_ahead(self) -> list[Option]:
        """Distractors: the next steps' moves, offered too early (a step left out)."""
        own = {o.move for o in self._steps[self.index]}
        out: list[Option] = []
        for later in self._steps[self.index + 1 : self.index + 1 + AHEAD_CHOICES]:
            ideal = later[0]
            if ideal.move not in own and not isinstance(ideal.move, Wait | Skip):
                out.append(Option(ideal.move, ideal.label, False))
                own.add(ideal.move)
        return out

    def ideal(self, index: int) -> Move:
        return self._steps[index][0].move

    def options(self, index: int) -> list[Option]:
        return self._steps[index]

    def __len__(self) -> int:
        return len(self._steps)

    def advance(self, move: Move, acts: frozenset[str]) -> None:
        end = min(len(self._steps), self.index + LOOKAHEAD)
        for i in range(self.index, end):
            if any(o.move == move for o in self._steps[i]) or self._same_acts(i, move, acts):
                self.index = i + 1
                return

    def _same_acts(self, i: int, move: Move, acts: frozenset[str]) -> bool:
        ideal = self._steps[i][0].move
        if not isinstance(move, Say) or not isinstance(ideal, Say):
            return False
        if i not in self._ideal_acts:
            self._ideal_acts[i] = self._recognise(ideal.text, "agent")
        want = self._ideal_acts[i]
        return bool(want) and want <= acts
