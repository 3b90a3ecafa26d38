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
