"""Scripted calls with no human: the scenario's ideal path, a mistake path, or a script file.

A script file has one move per line: words the agent says, or a `/command`;
blank lines and lines starting with `#` are skipped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from scoring.files import FileProblem, read_regular
from simulator.engine import Move, MoveError, parse_move
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


#: An autoplay script is a few hundred moves at most; a bigger file is not a script.
MAX_SCRIPT_BYTES = 1_000_000


class ScriptError(ValueError):
    """An autoplay script that cannot be played: `PATH[:LINE]: what is wrong`, one line."""


def load_script(path: str, values: Mapping[str, str] | None = None) -> list[Move]:
    """The moves of a script file: a regular UTF-8 file, each bad line named by number.
    `values` fill its placeholders ({caller.address}, {brand} ...) as in scenarios."""
    try:
        raw = read_regular(path, MAX_SCRIPT_BYTES, what="script")
    except FileProblem as exc:
        raise ScriptError(str(exc)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ScriptError(f"{path}:{line}: not UTF-8 text (save the script as UTF-8)") from None
    try:
        moves = read_script(text, values)
    except ScriptError as exc:
        raise ScriptError(f"{path}:{exc}") from None
    if not moves:
        raise ScriptError(f"{path}: no moves (write one move per line: words, or a /command)")
    return moves


def read_script(text: str, values: Mapping[str, str] | None = None) -> list[Move]:
    """One move per line; a line that is not a move raises `ScriptError('LINE: why')`.
    With `values`, placeholders are filled and an unknown one is an error."""
    moves = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if values is not None:
            line = _fill(line, values, number)
        try:
            moves.append(parse_move(line))
        except MoveError as exc:
            raise ScriptError(f"{number}: {exc}") from None
    return moves


def _fill(line: str, values: Mapping[str, str], number: int) -> str:
    from simulator.scenario.lines import PLACEHOLDER, render

    unknown = sorted({m for m in PLACEHOLDER.findall(line) if m not in values})
    if unknown:
        known = ", ".join("{" + k + "}" for k in sorted(values) if "." not in k or "caller." in k)
        raise ScriptError(f"{number}: unknown placeholder {{{unknown[0]}}} (known: {known})")
    return render(line, values)


def moves_text(moves: Sequence[Move]) -> str:
    from simulator.engine import format_move

    return "\n".join(format_move(m) for m in moves) + "\n"
