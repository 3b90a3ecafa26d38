"""Play a scenario's script and check it against the grader: what `callsim validate` plays.

A scenario can be well-formed and still teach the wrong thing: an ideal path that the
grader fails, or a mistake that fails other items than the ones it names (a trainer then
tells trainees the wrong lesson). So validate plays the ideal path and every mistake
through the real engine, grades each transcript with the scenario's policy, and compares:

- the ideal path must fail no item;
- a mistake must fail exactly the items it names, beyond what the ideal path fails.

Calls are played in memory (no files): the engine's lines are formatted and parsed back
with the transcript reader, so the grader reads exactly what a saved transcript holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scoring.safeyaml import YamlDoc
from simulator.frontend.headless import HeadlessFrontend
from simulator.scenario.model import Scenario
from simulator.scenario.problems import Problem


@dataclass(frozen=True)
class Played:
    """The items a scripted path failed, with the grader's reason for each, and for each the
    script step whose move wrote the first line the grader cites (None: no line cited)."""

    failed: dict[str, str]
    steps: dict[str, int | None]


class _Marking(HeadlessFrontend):
    """Plays the moves and notes how many transcript lines existed before each one."""

    def __init__(self, moves: list[Any], lines: list[Any]) -> None:
        super().__init__(moves)
        self.lines = lines
        self.marks: list[int] = []

    def next_move(self, state: Any, choices: Any) -> Any:
        self.marks.append(len(self.lines))
        return super().next_move(state, choices)

    def step_of(self, number: int) -> int | None:
        """The index of the move that wrote transcript line `number`."""
        for i, start in enumerate(self.marks):
            end = self.marks[i + 1] if i + 1 < len(self.marks) else len(self.lines)
            if any(ln.number == number for ln in self.lines[start:end]):
                return i
        return None


def play(scenario: Scenario, moves: list[Any], pack: Any, params: Any, seed: int = 0) -> Played:
    from scoring.grader import grade
    from scoring.literal import unicode_safe
    from scoring.reader import parse_bytes
    from scoring.transcript import Line, Transcript
    from scoring.writer import format_transcript
    from simulator.engine import CallEngine
    from simulator.frontend.base import run_call

    lines: list[Line] = []
    engine = CallEngine(scenario, seed=seed, params=params, on_line=lines.append)
    player = _Marking(moves, lines)
    run_call(engine, player)
    # a scenario id from a file name that is not UTF-8 holds lone surrogates: as \xff escapes
    text = unicode_safe(format_transcript(Transcript("", engine.headers, tuple(lines))))
    card = grade(parse_bytes(text.encode("utf-8"), scenario.path or scenario.id), pack)
    failed = {i: r.reason for i, r in card.results.items() if r.result == "fail"}
    steps: dict[str, int | None] = {}
    for item in failed:
        cited = [player.step_of(ev.line) for ev in card.results[item].evidence]
        steps[item] = next((s for s in cited if s is not None), None)
    return Played(failed, steps)


def _listed(items: set[str] | frozenset[str]) -> str:
    return ", ".join(sorted(items)) or "none"


#: Mistakes `validate` plays in one scenario (the shipped ones have at most 7); with the
#: schema's 100 steps, this keeps a hostile file's check to seconds, not hours.
MAX_MISTAKES = 100


def play_problems(scenario: Scenario, doc: YamlDoc, path: str) -> list[Problem]:
    """Problems found by playing: an ideal path that fails items, and mistakes whose failed
    items differ from the ones they name. Each points at the script step in the file."""
    from simulator.autoplay import ideal_moves, mistake_moves
    from simulator.session import policy_params

    pack, params = policy_params(scenario.policy)
    if pack is None:
        return []
    problems: list[Problem] = []
    ideal = play(scenario, ideal_moves(scenario), pack, params)
    by_step: dict[int | None, list[str]] = {}
    for item in sorted(ideal.failed):
        by_step.setdefault(ideal.steps[item], []).append(item)
    for at, items in by_step.items():  # at the step the grader's evidence points to
        m = doc.mark(("script", at)) if at is not None else doc.mark(("script",), key=True)
        where = f" at step {at + 1}" if at is not None else ""
        reasons = "; ".join(f"{i}: {ideal.failed[i]}" for i in items)
        problems.append(
            Problem(
                path,
                m.line,
                m.column,
                f"the ideal path fails {_listed(set(items))}{where} ({reasons})",
                "change the script so the ideal path passes every item",
            )
        )
    base = set(ideal.failed)
    mistakes = sum(len(step.mistakes) for step in scenario.script)
    if mistakes > MAX_MISTAKES:  # each is a whole call played: a bound on validate's time
        m = doc.mark(("script",), key=True)
        message = f"{mistakes} mistakes to play; at most {MAX_MISTAKES} in a scenario"
        problems.append(Problem(path, m.line, m.column, message, "split it into scenarios"))
        return problems
    for i, step in enumerate(scenario.script):
        for j, mistake in enumerate(step.mistakes):
            got = set(play(scenario, mistake_moves(scenario, i, j), pack, params).failed) - base
            named = set(mistake.fails)
            if got == named:
                continue
            m = doc.mark(("script", i, "mistakes", j))
            extra, missing = got - named, named - got
            detail = []
            if extra:
                detail.append(f"also fails {_listed(extra)}")
            if missing:
                detail.append(f"does not fail {_listed(missing)}")
            problems.append(
                Problem(
                    path,
                    m.line,
                    m.column,
                    f"mistake {j + 1} of step {i + 1} names {_listed(named)} but fails "
                    f"{_listed(got)} ({'; '.join(detail)})",
                    f"set fails: [{', '.join(sorted(got))}] or change the mistake",
                )
            )
    return problems
