"""The scorecard's HTML report button (O): the call the desk just recorded, opened."""

from __future__ import annotations

import pygame
import pytest

pytestmark = pytest.mark.window


@pytest.mark.slow
def test_o_writes_and_opens_the_calls_report(driver, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import simulator.session

    monkeypatch.setattr(simulator.session, "data_dir", lambda: tmp_path / "data")
    opened: list[str] = []
    d = driver
    d.app.open_url = opened.append
    d.key(pygame.K_RETURN)
    d.frames(1.0)
    d.key(pygame.K_SPACE)
    d.choose(ideal=True)
    d.key(pygame.K_x)
    d.key(pygame.K_RETURN)  # yes, hang up
    d.key(pygame.K_RETURN)  # wrap-up done: the scorecard
    assert d.app.screen.name == "scorecard"
    assert any(t.startswith("button report: HTML report [O]") for t in d.texts())
    d.key(pygame.K_o)
    assert opened, d.app.screen.view.bonus  # the test store (CALLSIM_DB) recorded the call
    assert opened[0].startswith("file://")
    assert opened[0].endswith(".html")
    assert (tmp_path / "data" / "reports").is_dir()
