"""Every shipped scenario against the real grader: the ideal path fails nothing, and each
mistake in the script fails exactly the protocol items it declares."""

from __future__ import annotations

import pytest

from scoring.grader import Scorecard, grade
from scoring.reader import parse_text
from scoring.writer import format_header, format_line
from simulator.autoplay import ideal_moves, mistake_moves, mistake_paths
from simulator.engine import CallEngine, Move, Say
from simulator.scenario import Scenario
from simulator.session import policy_params
from tests.simulator.conftest import SHIPPED, SHIPPED_IDS

MISTAKES = [(s, step, j, fails) for s in SHIPPED for step, j, fails in mistake_paths(s)]


def graded(scenario: Scenario, moves: list[Move], seed: int = 0) -> tuple[CallEngine, Scorecard]:
    pack, params = policy_params(scenario.policy)
    engine = CallEngine(scenario, seed=seed, params=params)
    engine.start()
    for move in moves:
        if engine.finished:
            break
        engine.apply(move)
    text = "\n".join(format_header(engine.headers) + [""] + [format_line(x) for x in engine.lines])
    return engine, grade(parse_text(text + "\n"), pack)


def failed(card: Scorecard) -> set[str]:
    return {k for k, r in card.results.items() if r.result == "fail"}


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("scenario", SHIPPED, ids=SHIPPED_IDS)
def test_ideal_path_fails_no_item(scenario: Scenario, seed: int) -> None:
    engine, card = graded(scenario, ideal_moves(scenario), seed)
    assert engine.finished
    assert failed(card) == set(), {k: card.results[k].reason for k in failed(card)}
    assert card.score == 100.0


@pytest.mark.parametrize(
    ("scenario", "step", "mistake", "fails"),
    MISTAKES,
    ids=[f"{s.id}-step{step}.{j}" for s, step, j, _ in MISTAKES],
)
def test_mistake_fails_exactly_its_items(
    scenario: Scenario, step: int, mistake: int, fails: frozenset[str]
) -> None:
    _, card = graded(scenario, mistake_moves(scenario, step, mistake))
    assert failed(card) == set(fails), {k: card.results[k].reason for k in failed(card) ^ fails}


@pytest.mark.parametrize("scenario", SHIPPED, ids=SHIPPED_IDS)
def test_every_scenario_has_at_least_two_mistake_paths(scenario: Scenario) -> None:
    assert len(mistake_paths(scenario)) >= 2


def test_refusing_an_angry_callers_supervisor_request_ends_at_the_fourth_level() -> None:
    scenario = next(s for s in SHIPPED if s.id == "demands-supervisor")
    lines = [
        "Thank you for calling Fernwood Garden Supply, this is Carla. May I have your name?",
        "Thank you, Mr. Grimes. How can I help you today?",
        "Yep. What's the order number?",
        "There's no one above me. My supervisor doesn't take calls.",
    ]
    engine, card = graded(scenario, [Say(t) for t in lines])
    assert engine.finished
    assert engine.ended_by == "caller"
    assert card.results["esc.no_fourth_level"].result == "fail"
    assert card.results["esc.supervisor_on_request"].result == "fail"
    assert "esc.no_fourth_level" in card.critical_failures


@pytest.mark.parametrize("scenario", SHIPPED, ids=SHIPPED_IDS)
def test_the_ideal_agent_is_never_corrected(scenario: Scenario) -> None:
    """The scenario's own ideal lines read nothing back wrong: a caller who answers one with
    "No, that's not right" is mishearing ("Thank you, Mr. Jensen. How can I help?" once read
    as a misread "Jensen Hardware")."""
    for seed in range(3):
        engine, _ = graded(scenario, ideal_moves(scenario), seed)
        said = [ln.text for ln in engine.lines if getattr(ln, "speaker", "") == "caller"]
        wrong = [t for t in said if t.startswith(("No. ", "No, that's not right"))]
        assert not wrong, (seed, wrong)
