"""Shift mode: calls from a queue, waiting count and figures, a summary, each call's card."""

from __future__ import annotations

import pygame
import pytest

pytestmark = pytest.mark.window


def test_a_shift_of_three_calls_ends_in_a_summary(driver) -> None:  # type: ignore[no-untyped-def]
    d = driver
    d.key(pygame.K_s)  # start a shift
    rings = [1.0, 10.0, 2.0]  # the second call rings four times
    for n, wait in enumerate(rings, start=1):
        assert d.app.screen.name == "call"
        d.frames(wait)
        top = " ".join(d.texts())
        assert f"Call {n}/3 · waiting {3 - n}" in top
        d.key(pygame.K_SPACE)  # answer
        d.choose(ideal=True)
        d.key(pygame.K_x)  # hang up
        d.key(pygame.K_RETURN)  # confirm the hang-up
        d.key(pygame.K_RETURN)  # wrap-up done: the next call rings
    assert d.app.screen.name == "shift"
    texts = d.texts()
    assert "label rings: Answered within 3 rings: 2/3" in texts
    assert sum(t.startswith("row ") for t in texts) == 3
    d.key(pygame.K_2)  # the second call's scorecard
    assert d.app.screen.name == "scorecard"
    assert any("answered in 4 rings (over three rings)" in t for t in d.texts())
    d.key(pygame.K_ESCAPE)  # back to the summary
    assert d.app.screen.name == "shift"
    d.key(pygame.K_RETURN)
    assert d.app.screen.name == "start"
