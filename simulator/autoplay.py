"""Scripted calls with no human: the scenario's ideal path, a mistake path, or a script file.

A script file has one move per line: words the agent says, or a `/command`;
blank lines and lines starting with `#` are skipped.
"""

from __future__ import annotations

from collections.abc import Sequence

from simulator.engine import Move, parse_move
from simulator.engine.script import build_options
from simulator.scenario.lines import template_values
from simulator.scenario.model import Scenario


def ideal_moves(scenario: Scenario, agent_name: str | None = None) -> list[Move]:
    values = template_values(scenario, agent_name or scenario.agent)
    return [step[0].move for step in build_options(scenario, values)]


def mistake_moves(
    scenario: Scenario, step: int, mistake: int, agent_name: str | None = None
) -> list[Move]:
    """The ideal path with step `step` replaced by its `mistake`-th mistake."""
    values = template_values(scenario, agent_name or scenario.agent)
    steps = build_options(scenario, values)
    moves = [s[0].move for s in steps]
    moves[step] = steps[step][mistake + 1].move
    return moves


def mistake_paths(scenario: Scenario) -> list[tuple[int, int, frozenset[str]]]:
    """(step, mistake index, the items it should fail) for every mistake in the script."""
    return [
        (i, j, m.fails)
        for i, step in enumerate(scenario.script)
        for j, m in enumerate(step.mistakes)
    ]


def read_script(text: str) -> list[Move]:
    lines = (ln.strip() for ln in text.splitlines())
    return [parse_move(ln) for ln in lines if ln and not ln.startswith("#")]


def moves_text(moves: Sequence[Move]) -> str:
    from simulator.engine import format_move

    return "\n".join(format_move(m) for m in moves) + "\n"
