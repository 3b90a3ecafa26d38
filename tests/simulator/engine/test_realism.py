"""The caller off the script: every case of the realism corpus gets the reply a real caller
gives (tests/data/realism/README.md), for several seeds, and whole calls stay natural."""

from __future__ import annotations

import pytest

from tests.simulator.engine.realism import Case, cases, generic, judge, play

CASES = list(cases())


def test_corpus_is_large_and_covers_every_scenario() -> None:
    from simulator.scenario import load_all

    assert len(CASES) >= 150
    found, errors = load_all(())
    assert not errors
    assert {c.scenario for c in CASES} == {s.id for s in found}
    ids = [(c.scenario, c.id) for c in CASES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("case", CASES, ids=[f"{c.scenario}/{c.id}" for c in CASES])
def test_caller_reacts_like_a_person(case: Case) -> None:
    for seed in (0, 7):
        played = play(case, seed)
        assert judge(played), (
            f"seed {seed}: {case.expect} expected\n  AGENT: {case.agent}\n"
            f"  CALLER: {played.reply!r}\n  {played.before} -> {played.after}"
        )


def test_a_question_never_gets_a_bare_nod() -> None:
    """Over every case that asks the caller something, no reply is a nod or puzzlement."""
    bad = []
    for case in CASES:
        played = play(case)
        from simulator.engine.topics import is_question

        if is_question(case.agent) and generic(played.reply):
            bad.append((case.id, case.agent, played.reply))
    assert not bad


def test_judges_can_fail() -> None:
    """The judges are not vacuous: a wrong expectation on a real reply is caught."""
    case = next(c for c in CASES if c.expect == "answers_fact")
    played = play(case)
    wrong = Case(case.scenario, case.id, case.agent, "dont_know", case.before, case.contains)
    played.case = wrong
    assert not judge(played)
