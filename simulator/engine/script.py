"""Choice mode: the responses offered at each step of a scenario's script.

The script is the ideal path; each step may list plausible mistakes. The
cursor follows the trainee: a chosen response, or a typed line that does
what the step's ideal line does (same act labels), moves it on, so a trainee
can mix typing and picking.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

from simulator.engine.hearing import Recogniser
from simulator.engine.moves import Move, Moves, Say, Skip, Wait, format_move, parse_move
from simulator.engine.outputs import Choice
from simulator.scenario.lines import render
from simulator.scenario.model import Scenario

if TYPE_CHECKING:
    from collections.abc import Iterable

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


def callers_own_words(scenario: Scenario) -> frozenset[str]:
    """Stems only the caller can bring into the call: their name, numbers, reason, goal and
    what they know. An agent line naming one before the caller said it knows too much."""
    from scoring.call import content_stems

    c = scenario.caller
    texts: list[str] = [c.name, c.goal, *c.orders, c.email, *scenario.line("reason")]
    texts += [v for by_mood in scenario.mood_lines.get("reason", {}).values() for v in by_mood]
    texts += [say for fact in c.facts for say in fact.say]
    return frozenset(content_stems(" ".join(texts)))


class ScriptCursor:
    def __init__(
        self, scenario: Scenario, values: dict[str, str], seed: int, recognise: Recogniser
    ) -> None:
        from scoring.call import content_stems

        self._steps = build_options(scenario, values)
        self._seed = seed
        self._recognise = recognise
        self._ideal_acts: dict[int, frozenset[str]] = {}
        self.index = 0
        # A later step offered too early is a plausible slip only when it does not name what
        # the caller has not yet said ("Thank you, Ms. Kowalski" before she gave her name).
        own = callers_own_words(scenario)
        agent_so_far: set[str] = set()
        self._presumes: list[frozenset[str]] = []
        for opts in self._steps:
            said = content_stems(describe(opts[0].move))
            self._presumes.append(frozenset((said & own) - agent_so_far))
            agent_so_far |= said
        self._heard: set[str] = set()

    def hear(self, caller_text: str) -> None:
        """The caller said this (what they have said, the agent may name)."""
        from scoring.call import content_stems

        self._heard |= content_stems(caller_text)

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
        for at in self._ahead():
            ideal = self._steps[at][0]
            if ideal.move in own or isinstance(ideal.move, Wait | Skip):
                continue
            if self._presumes[at] - self._heard:
                continue  # it names what the caller has not said: no one would slip into it
            out.append(Option(ideal.move, ideal.label, False))
            own.add(ideal.move)
        return out

    def _ahead(self) -> Iterable[int]:
        return range(self.index + 1, min(len(self._steps), self.index + 1 + AHEAD_CHOICES))

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
