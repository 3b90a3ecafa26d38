"""The start screen shows the trainee's plan from the records and recommends its first call."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.window


@pytest.mark.slow
def test_the_plan_heads_the_start_screen(make_driver) -> None:  # type: ignore[no-untyped-def]
    from simulator.training.service import desk_plan

    plan = desk_plan("Carla")
    if plan is None:
        pytest.skip("no records store here")
    d = make_driver(plan=True)
    d.frames()
    texts = d.texts()
    assert any(t.startswith("label subtitle: Your plan: ") for t in texts)
    rows = [t for t in texts if t.startswith("row ")]
    first = plan.picks[0].title if plan.picks else ""
    assert first
    assert first in rows[0]
    assert "[RECOMMENDED]" in rows[0]


def test_no_plan_without_the_option(make_driver) -> None:  # type: ignore[no-untyped-def]
    d = make_driver()
    d.frames()
    assert any(t.startswith("label subtitle: Take a simulated call") for t in d.texts())


@pytest.mark.slow
def test_last_and_best_scores_come_from_the_records(make_driver) -> None:  # type: ignore[no-untyped-def]
    import pygame

    from simulator.records import desk

    d = make_driver(plan=True)
    d.key(pygame.K_RETURN)  # the recommended call
    played = d.app.last_scenario.title
    d.frames(1.0)
    d.key(pygame.K_SPACE)
    d.choose(ideal=True)
    d.key(pygame.K_x)
    d.key(pygame.K_RETURN)  # yes, hang up
    d.key(pygame.K_RETURN)  # wrap-up done
    d.key(pygame.K_ESCAPE)  # the start screen
    if desk.history("Carla") is None:
        pytest.skip("no records store here")
    row = next(t for t in d.texts() if t.startswith("row ") and played in t)
    assert " · best " in row
